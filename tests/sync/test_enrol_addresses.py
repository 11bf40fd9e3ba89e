"""A mistyped address says "check the address", each way it can fail (issue 14 item 8 (7)).

Real name resolution of a reserved name (`.invalid` never resolves, RFC 6761), a closed
port on 127.0.0.x, and a tiny HTTP server on loopback that is not a Prossimo service;
through the transport, the `prossimo enroll` command and the first-run wizard.
"""

import os
import socket
from collections.abc import Callable
from pathlib import Path

import pytest

from desktop.sync.transport import AddressUnknown, ConnectionRefused, NotProssimo, Offline, Transport
from tests.sync.test_hostile_service import Answer, EvilServer
from tests.test_cli import PASSPHRASE, run

UNKNOWN_HOST = "https://nohost.invalid"


def _closed_port(host: str = "127.0.0.5") -> str:
    with socket.socket() as sock:
        sock.bind((host, 0))
        port = sock.getsockname()[1]
    return f"https://{host}:{port}"  # refused before any TLS is spoken


@pytest.fixture()
def not_prossimo() -> Callable[[int, bytes], str]:
    started: list[EvilServer] = []

    def start(status: int, body: bytes) -> str:
        started.append(EvilServer(lambda path, n: Answer(status, body, {"Content-Type": "text/html"})))
        return started[-1].url

    yield start
    for server in started:
        server.stop()


def _enrol_error(url: str) -> Exception:
    transport = Transport(url, attempts=2, backoff_s=0.001, connect_timeout_s=2)
    with pytest.raises(Exception) as raised:  # the kind is what is checked
        transport.enrol("anna", "a password", "laptop")
    return raised.value


def test_each_wrong_address_is_named_as_such(not_prossimo) -> None:
    """Issue 14 item 8 (7): an unknown name, a closed port and a server that is not Prossimo
    (a 404 page, a home page answering everything) are three different errors, each telling
    the operator to check the address, never to just "try again"."""
    errors = {
        "unknown": _enrol_error(UNKNOWN_HOST),
        "refused": _enrol_error(_closed_port()),
        "404 page": _enrol_error(not_prossimo(404, b"<html><body>Not Found</body></html>")),
        "home page": _enrol_error(not_prossimo(200, b"<!doctype html><html><body>Welcome</body></html>")),
    }
    assert isinstance(errors["unknown"], AddressUnknown) and isinstance(errors["unknown"], Offline)
    assert isinstance(errors["refused"], ConnectionRefused) and isinstance(errors["refused"], Offline)
    assert isinstance(errors["404 page"], NotProssimo) and isinstance(errors["home page"], NotProssimo)
    for name, error in errors.items():
        assert "check the address" in str(error), name
        assert "try again" not in str(error), name
    assert "nohost.invalid is not known" in str(errors["unknown"])
    assert "nothing answers at 127.0.0.5:" in str(errors["refused"])
    assert "not a Prossimo service" in str(errors["home page"])


def test_prossimo_enroll_to_a_mistyped_host_says_check_the_address(tmp_path: Path, not_prossimo) -> None:
    """Issue 14 item 8 (7): `prossimo enroll` names the problem, says to check the address and
    that nothing was enrolled (not "unsent changes stay"), exit 5; a distinct message each way."""
    home = tmp_path / "profile"
    assert run(home, "init").returncode == 0
    messages = []
    for url in (UNKNOWN_HOST, _closed_port("127.0.0.6"), not_prossimo(404, b"<html>Not Found</html>")):
        result = run(home, "enroll", "--server", url, "--user", "anna", PROSSIMO_PASSWORD="a password")
        assert result.returncode == 5, result.stderr
        assert "check the address" in result.stderr and "not enrolled" in result.stderr
        assert "try again" not in result.stderr and "unsent changes" not in result.stderr
        assert "Traceback" not in result.stderr and PASSPHRASE not in result.stderr
        assert "Retrying" not in result.stderr and len(result.stderr.splitlines()) == 1, result.stderr
        messages.append(result.stderr.replace(url, "URL"))
    assert len(set(messages)) == 3, messages


def test_the_first_run_wizard_says_check_the_address(qtbot, tmp_path: Path, not_prossimo) -> None:
    """Issue 14 item 8 (7): the wizard's Connect step shows a distinct, translated message beside
    the address for each way a mistyped address fails."""
    from PySide6.QtWidgets import QWizard

    from desktop.settings import Settings
    from desktop.ui.first_run import CONNECT, FirstRunWizard

    wizard = FirstRunWizard(tmp_path / "profile", Settings(language="en"))
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.next()
    wizard.passphrase_page.passphrase.setText("correct horse battery staple")
    wizard.passphrase_page.repeat.setText("correct horse battery staple")
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentId() == CONNECT, timeout=60_000)
    page = wizard.connect_page
    page.username.setText("anna")
    shown = []
    for url in (UNKNOWN_HOST, _closed_port("127.0.0.7"), not_prossimo(404, b"<html>Not Found</html>")):
        page.url.setText(url)
        page.password.setText("a password")
        page.errors.clear()
        wizard.next()
        qtbot.waitUntil(lambda: bool(page.errors.message("url")), timeout=60_000)
        qtbot.waitUntil(lambda: wizard.button(QWizard.WizardButton.NextButton).isEnabled(), timeout=10_000)
        message = page.errors.message("url")
        assert "check the address" in message and "try again" not in message, message
        shown.append(message)
    assert len(set(shown)) == 3, shown
    assert os.environ.get("PROSSIMO_PASSWORD") is None  # nothing leaked into the environment
