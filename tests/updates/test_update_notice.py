"""The update notice in a real offscreen main window: after a successful sync the day's check
runs off the UI thread against the real service, the status bar offers the release with its
notes, and a download on request is verified and said where it is; a tampered file is
refused, naming the check, in the operator's language."""

import datetime as dt
import threading
import uuid
from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from desktop import updates
from desktop.store.replica import Enrolment
from desktop.sync.scheduler import SyncState
from desktop.ui import i18n, update_notice
from desktop.ui.main_window import MainWindow
from tests.update_repo import Repo
from tests.updates.conftest import UpdateService


def enrolled(context, store, url: str) -> None:
    enrolment = Enrolment(
        server_url=url,
        ca_bundle=None,
        device_id=context.device_id,
        operator_id=context.operator_id,
        organisation_id=uuid.uuid4(),
        role="operator",
        teams=[],
    )
    store.call(lambda s: s.replica.save_enrolment(enrolment, "a device token"))


def notice_for(window: MainWindow, context, repo: Repo, tmp_path: Path) -> update_notice.UpdateNotice:
    return update_notice.UpdateNotice(
        window,
        context,
        root=repo.first_root,
        policy=updates.Policy(),
        download_dir=tmp_path / "Downloads",
        client_options={"current_version": "0.1.0", "platform": "linux"},
    )


def synced() -> SyncState:
    return SyncState(phase="idle", last_success_at=dt.datetime.now(dt.UTC))


def test_an_update_is_offered_after_a_sync_and_downloaded_verified_on_request(
    qtbot, ui_context, ui_store, update_service: UpdateService, repo: Repo, tmp_path: Path, monkeypatch
) -> None:
    artifact = repo.add("0.2.0", "Fixes the calendar export")
    repo.sign()
    enrolled(ui_context, ui_store, update_service.url)
    window = MainWindow(ui_context)
    qtbot.addWidget(window)
    assert window.update_notice is None  # this checkout ships no organisation root: no channel
    notice = notice_for(window, ui_context, repo, tmp_path)
    window.show()
    assert notice.button.isHidden()
    ui_thread = threading.get_ident()
    checked_on: list[int] = []
    original = updates.UpdateClient.check

    def watched_check(self):
        checked_on.append(threading.get_ident())
        return original(self)

    monkeypatch.setattr(updates.UpdateClient, "check", watched_check)  # the real check, and the thread it ran on
    notice.sync_state(synced())
    qtbot.waitUntil(lambda: not notice.button.isHidden(), timeout=10_000)
    assert checked_on and checked_on[0] != ui_thread
    assert notice.button.text() == "Update 0.2.0 available"
    assert notice.button.toolTip() == "Fixes the calendar export"
    box = notice.open_offer()
    assert box is not None and "Fixes the calendar export" in box.informativeText()
    assert "never installs it by itself" in box.informativeText()
    download = next(b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.AcceptRole)
    download.click()
    qtbot.waitUntil(lambda: notice.downloaded is not None, timeout=10_000)
    assert notice.downloaded.read_bytes() == artifact.read_bytes()
    assert str(notice.downloaded) in notice.dialog.text()
    notice.dialog.close()


def test_a_tampered_download_is_refused_naming_the_check_in_italian(
    qtbot, ui_context, ui_store, update_service: UpdateService, repo: Repo, tmp_path: Path
) -> None:
    artifact = repo.add("0.2.0", "Corregge l'esportazione")
    repo.sign()
    enrolled(ui_context, ui_store, update_service.url)
    i18n.install("it")
    window = MainWindow(ui_context)
    qtbot.addWidget(window)
    notice = notice_for(window, ui_context, repo, tmp_path)
    notice.sync_state(synced())
    qtbot.waitUntil(lambda: not notice.button.isHidden(), timeout=10_000)
    assert notice.button.text() == "Aggiornamento 0.2.0 disponibile"
    served = repo.target_file(artifact)
    served.write_bytes(b"X" + served.read_bytes()[1:])
    notice.download()
    qtbot.waitUntil(lambda: notice.dialog is not None and notice.dialog.isVisible(), timeout=10_000)
    assert (
        notice.dialog.text()
        == "Aggiornamento rifiutato: il controllo hash non è riuscito. Non è stato installato nulla."
    )
    assert notice.downloaded is None
    assert not (tmp_path / "Downloads" / artifact.name).exists()
    notice.dialog.close()


def test_the_same_day_a_new_window_shows_the_offer_without_asking(
    qtbot, ui_context, ui_store, update_service: UpdateService, repo: Repo, tmp_path: Path
) -> None:
    repo.add("0.2.0", "Fixes sync")
    repo.sign()
    enrolled(ui_context, ui_store, update_service.url)
    window = MainWindow(ui_context)
    qtbot.addWidget(window)
    first = notice_for(window, ui_context, repo, tmp_path)
    first.sync_state(synced())
    qtbot.waitUntil(lambda: first.outcome is not None, timeout=10_000)
    assert first.outcome.state == "available"
    again = MainWindow(ui_context)  # e.g. after a change of language
    qtbot.addWidget(again)
    second = notice_for(again, ui_context, repo, tmp_path)
    assert not second.button.isHidden() and second.button.text() == "Update 0.2.0 available"
    second.sync_state(synced())
    qtbot.waitUntil(lambda: second.outcome is not None, timeout=10_000)
    assert second.outcome.state == "available"  # from the remembered offer: the day's check was done
    assert updates.State.load(updates.profile_folder(ui_context.profile_dir)).due(dt.datetime.now(dt.UTC)) is False


def test_a_refused_check_is_said_in_the_status_bar_and_nothing_is_offered(
    qtbot, ui_context, ui_store, update_service: UpdateService, repo: Repo, tmp_path: Path
) -> None:
    from central import releases

    repo.add("0.2.0")
    releases.Repository(repo.folder).sign(
        [releases.load_signer(Path(repo.key("timestamp")), "t")],
        [releases.load_signer(Path(repo.key("snapshot")), "s")],
        now=dt.datetime.now(dt.UTC) - dt.timedelta(days=2),  # a frozen repository
    )
    enrolled(ui_context, ui_store, update_service.url)
    window = MainWindow(ui_context)
    qtbot.addWidget(window)
    notice = notice_for(window, ui_context, repo, tmp_path)
    notice.sync_state(synced())
    qtbot.waitUntil(lambda: notice.outcome is not None, timeout=10_000)
    assert notice.outcome.state == "failed"
    assert window.statusBar().currentMessage() == "Update check refused: the expiry check failed"
    assert notice.button.isHidden()
