"""The update channel end to end: a TUF repository made by `prossimo-central release`, served
by the real central service on loopback, checked by the app's real ngclient-based client.
Every attack TUF is there for is tried against it: a tampered file, a frozen (expired)
timestamp, a replayed older timestamp, metadata signed by a key the root does not list, and
a key rotation through a new root that a client must follow."""

import datetime as dt
import hashlib
import http.server
import json
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from securesystemslib.signer import CryptoSigner
from tuf.api.metadata import Metadata, Timestamp

from central import releases
from desktop import updates
from tests.fault_proxy import FaultProxy
from tests.update_repo import Repo, release
from tests.updates.conftest import UpdateService

NOW = dt.datetime.now(dt.UTC)


def client(service_url: str, folder: Path, repo: Repo, current: str = "0.1.0", **options) -> updates.UpdateClient:
    return updates.UpdateClient(
        service_url, folder, root=repo.first_root, current_version=current, platform="linux", **options
    )


def failed_check(action) -> str:
    with pytest.raises(updates.UpdateCheckFailed) as caught:
        action()
    return caught.value.check


def tree_digest(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        digest.update(str(path.relative_to(folder)).encode())
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()


def test_a_signed_release_is_offered_with_its_notes_and_downloaded_verified(
    update_service: UpdateService, repo: Repo, tmp_path: Path
) -> None:
    artifact = repo.add("0.2.0", "Fixes the calendar export")
    assert repo.sign() == 0
    app = client(update_service.url, tmp_path / "client", repo)
    offer = app.check()
    assert offer is not None
    assert (offer.version, offer.notes, offer.path) == ("0.2.0", "Fixes the calendar export", f"stable/{artifact.name}")
    path = app.download(offer, tmp_path / "downloads")
    assert path.read_bytes() == artifact.read_bytes()
    assert [p.name for p in (tmp_path / "downloads").iterdir()] == [artifact.name]  # no partial file left


def test_an_app_already_at_or_past_the_release_is_offered_nothing(
    update_service: UpdateService, repo: Repo, tmp_path: Path
) -> None:
    repo.add("0.2.0")
    repo.sign()
    assert client(update_service.url, tmp_path / "a", repo, current="0.2.0").check() is None
    assert client(update_service.url, tmp_path / "b", repo, current="1.0.0").check() is None
    assert client(update_service.url, tmp_path / "c", repo, current="0.1.9").check() is not None


def test_the_newest_release_of_the_pinned_channel_is_offered(
    update_service: UpdateService, repo: Repo, tmp_path: Path
) -> None:
    repo.add("0.2.0", "stable fix")
    repo.add("0.3.0", "stable feature")
    repo.add("0.9.0", "beta feature", channel="beta")
    repo.sign()
    stable = client(update_service.url, tmp_path / "s", repo).check()
    beta = client(update_service.url, tmp_path / "b", repo, channel="beta").check()
    assert stable is not None and (stable.version, stable.notes) == ("0.3.0", "stable feature")
    assert beta is not None and (beta.version, beta.notes) == ("0.9.0", "beta feature")


def test_a_tampered_target_is_refused_by_its_hash(update_service: UpdateService, repo: Repo, tmp_path: Path) -> None:
    artifact = repo.add("0.2.0")
    repo.sign()
    app = client(update_service.url, tmp_path / "client", repo)
    offer = app.check()
    assert offer is not None
    served = repo.target_file(artifact)
    original = served.read_bytes()
    served.write_bytes(bytes([original[0] ^ 1]) + original[1:])  # one bit, same length
    assert failed_check(lambda: app.download(offer, tmp_path / "downloads")) == "hash"
    assert not list((tmp_path / "downloads").iterdir())  # nothing under the release's name, nor partial
    served.write_bytes(original + b"more")  # longer than signed: refused while downloading
    assert failed_check(lambda: app.download(offer, tmp_path / "downloads")) == "hash"


def test_an_expired_timestamp_is_refused_as_a_freeze(update_service: UpdateService, repo: Repo, tmp_path: Path) -> None:
    repo.add("0.2.0")
    repository = releases.Repository(repo.folder)
    signer = releases.load_signer(Path(repo.key("timestamp")), "timestamp-key")
    snapshot = releases.load_signer(Path(repo.key("snapshot")), "snapshot-key")
    # Signed two days ago with the one-day expiry: what a frozen mirror keeps serving.
    repository.sign([signer], [snapshot], now=NOW - dt.timedelta(days=2))
    assert failed_check(client(update_service.url, tmp_path / "client", repo).check) == "expiry"
    repo.sign()  # a fresh timestamp: the same client folder accepts it again
    assert client(update_service.url, tmp_path / "client", repo).check() is not None


def test_a_replayed_older_timestamp_is_refused_as_a_rollback(
    update_service: UpdateService, repo: Repo, tmp_path: Path
) -> None:
    repo.add("0.2.0")
    repo.sign()
    old_timestamp = (repo.folder / "metadata" / "timestamp.json").read_bytes()
    repo.add("0.3.0")
    repo.sign()
    folder = tmp_path / "client"
    offer = client(update_service.url, folder, repo).check()
    assert offer is not None and offer.version == "0.3.0"
    (repo.folder / "metadata" / "timestamp.json").write_bytes(old_timestamp)  # still valid, signed, unexpired
    assert failed_check(client(update_service.url, folder, repo).check) == "version"


def test_a_replayed_older_snapshot_is_refused_as_a_rollback(
    update_service: UpdateService, repo: Repo, tmp_path: Path
) -> None:
    repo.add("0.2.0")
    repo.sign()  # snapshot v2
    repo.add("0.3.0")
    repo.sign()  # snapshot v3, named by the timestamp
    metadata = repo.folder / "metadata"
    (metadata / "3.snapshot.json").write_bytes((metadata / "2.snapshot.json").read_bytes())  # signed, unexpired, older
    assert failed_check(client(update_service.url, tmp_path / "client", repo).check) == "version"


def test_metadata_signed_by_a_key_the_root_does_not_list_is_refused(
    update_service: UpdateService, repo: Repo, tmp_path: Path
) -> None:
    repo.add("0.2.0")
    repo.sign()
    before = tree_digest(repo.folder)
    # The command refuses the wrong key, naming it, and writes nothing.
    assert release("sign", "--repo", repo.folder, "--timestamp-key", repo.key("attacker")) == 2
    assert tree_digest(repo.folder) == before
    # A forged timestamp written straight into the folder (a compromised server) is refused by the client.
    path = repo.folder / "metadata" / "timestamp.json"
    forged = Metadata[Timestamp].from_bytes(path.read_bytes())
    forged.signed.version += 1
    forged.signatures.clear()
    forged.sign(CryptoSigner.generate_ed25519())
    path.write_bytes(forged.to_bytes())
    assert failed_check(client(update_service.url, tmp_path / "client", repo).check) == "signature"


def test_keys_rotate_through_a_new_root_signed_by_old_and_new(
    update_service: UpdateService, repo: Repo, tmp_path: Path
) -> None:
    repo.add("0.2.0")
    repo.sign()
    folder = tmp_path / "client"
    assert client(update_service.url, folder, repo).check() is not None  # trusts root v1 now
    code = release(
        "rotate-root",
        "--repo",
        repo.folder,
        "--root-key",
        repo.key("root"),
        "--new-root-key",
        repo.key("root2a"),
        "--new-root-key",
        repo.key("root2b"),
        "--root-threshold",
        "2",
        "--new-timestamp-key",
        repo.key("timestamp2") + ".pub",
        "--new-snapshot-key",
        repo.key("snapshot2") + ".pub",
    )
    assert code == 0
    # The old online keys are no longer the root's: refused, nothing written.
    assert repo.sign() == 2
    assert repo.sign(timestamp="timestamp2", snapshot="snapshot2") == 0
    offer = client(update_service.url, folder, repo).check()  # the build still ships root v1
    assert offer is not None and offer.version == "0.2.0"
    assert (folder / "metadata" / "root_history" / "2.root.json").is_file()
    root = json.loads((folder / "metadata" / "root_history" / "2.root.json").read_bytes())["signed"]
    assert root["version"] == 2 and root["roles"]["root"]["threshold"] == 2
    # A timestamp the old key signs after the rotation is refused by a client that followed it.
    path = repo.folder / "metadata" / "timestamp.json"
    stale = Metadata[Timestamp].from_bytes(path.read_bytes())
    stale.signed.version += 1
    stale.signatures.clear()
    stale.sign(releases.load_signer(Path(repo.key("timestamp")), "timestamp-key"))
    path.write_bytes(stale.to_bytes())
    assert failed_check(client(update_service.url, folder, repo).check) == "signature"


def test_a_new_root_needs_the_new_threshold_of_keys(repo: Repo) -> None:
    before = tree_digest(repo.folder)
    # Two new root keys with threshold 2, but only one given as a private key to sign with.
    code = release(
        "rotate-root",
        "--repo",
        repo.folder,
        "--root-key",
        repo.key("root"),
        "--new-root-key",
        repo.key("root2a"),
        "--root-threshold",
        "2",
    )
    assert code == 2
    assert tree_digest(repo.folder) == before


class _Redirector(http.server.BaseHTTPRequestHandler):
    target = ""

    def do_GET(self) -> None:  # http.server's name
        self.send_response(302)
        self.send_header("Location", self.target + self.path)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture()
def proxy(update_service: UpdateService) -> Iterator[FaultProxy]:
    with FaultProxy("127.0.0.1", update_service.port) as running:
        yield running


def test_a_redirect_is_not_followed(proxy: FaultProxy, repo: Repo, tmp_path: Path) -> None:
    repo.add("0.2.0")
    repo.sign()
    _Redirector.target = proxy.url  # the real repository, behind a proxy that counts connections
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Redirector)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}"
        assert failed_check(client(url, tmp_path / "client", repo).check) == "redirect"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)
    assert proxy.connections == 0


def test_policy_off_makes_no_request(proxy: FaultProxy, repo: Repo, tmp_path: Path) -> None:
    repo.add("0.2.0")
    repo.sign()
    policy_file = tmp_path / "policy.json"
    policy_file.write_text(json.dumps({"updates": {"check": False}}))
    policy = updates.load_policy(policy_file)
    outcome = updates.check_if_due(tmp_path / "client", proxy.url, policy=policy, root=repo.first_root)
    assert outcome.state == "off"
    assert proxy.connections == 0


def test_a_second_check_the_same_day_makes_no_request(proxy: FaultProxy, repo: Repo, tmp_path: Path) -> None:
    repo.add("0.2.0", "Fixes sync")
    repo.sign()
    options = {"policy": updates.Policy(), "root": repo.first_root, "current_version": "0.1.0", "platform": "linux"}
    first = updates.check_if_due(tmp_path / "client", proxy.url, now=NOW, **options)
    assert first.state == "available" and first.available is not None and first.available.version == "0.2.0"
    after_first = proxy.connections
    assert after_first >= 1
    later = updates.check_if_due(tmp_path / "client", proxy.url, now=NOW + dt.timedelta(hours=20), **options)
    assert later.state == "available"  # the offer remembered, not asked again
    assert proxy.connections == after_first
    next_day = updates.check_if_due(tmp_path / "client", proxy.url, now=NOW + dt.timedelta(days=1, hours=1), **options)
    assert next_day.state == "available"
    assert proxy.connections > after_first


def test_a_failed_check_is_not_retried_at_every_sync(proxy: FaultProxy, repo: Repo, tmp_path: Path) -> None:
    repo.add("0.2.0")
    repository = releases.Repository(repo.folder)
    repository.sign(
        [releases.load_signer(Path(repo.key("timestamp")), "t")],
        [releases.load_signer(Path(repo.key("snapshot")), "s")],
        now=NOW - dt.timedelta(days=2),
    )
    options = {"policy": updates.Policy(), "root": repo.first_root, "current_version": "0.1.0", "platform": "linux"}
    outcome = updates.check_if_due(tmp_path / "client", proxy.url, now=NOW, **options)
    assert outcome.state == "failed" and outcome.failure is not None and outcome.failure.check == "expiry"
    seen = proxy.connections
    assert updates.check_if_due(tmp_path / "client", proxy.url, now=NOW, **options).state == "not_due"
    assert proxy.connections == seen


@pytest.mark.parametrize(
    ("content", "check", "channel"),
    [
        ({"updates": {"check": False}}, False, "stable"),
        ({"updates": {"channel": "beta"}}, True, "beta"),
        ({}, True, "stable"),
        ({"updates": {"check": "no"}}, False, "stable"),  # breaks a rule: off, not on
        ({"updates": {"channel": "../x"}}, False, "stable"),
        ("not json", False, "stable"),
    ],
)
def test_the_policy_file(tmp_path: Path, content: object, check: bool, channel: str) -> None:
    path = tmp_path / "policy.json"
    path.write_text(content if isinstance(content, str) else json.dumps(content))
    policy = updates.load_policy(path)
    assert (policy.check, policy.channel) == (check, channel)
    assert updates.load_policy(tmp_path / "absent.json") == updates.Policy()


def test_a_served_name_outside_the_patterns_is_404(update_service: UpdateService, repo: Repo) -> None:
    import requests

    (repo.folder / "secret.txt").write_text("not for clients")
    for path in (
        "metadata/root.json",
        "metadata/1.root.json",
        "metadata/timestamp.json",
    ):
        assert requests.get(f"{update_service.url}/v1/updates/{path}", timeout=5).status_code == 200
    for path in (
        "metadata/secret.txt",
        "metadata/..%2Fsecret.txt",
        "metadata/",
        "targets/stable/",
        "targets/stable/..%2F..%2Fsecret.txt",
        "metadata/0.root.json",
        "targets/STABLE/" + "0" * 64 + ".x",
    ):
        answer = requests.get(f"{update_service.url}/v1/updates/{path}", timeout=5)
        assert answer.status_code == 404, path
        assert "not for clients" not in answer.text


def test_release_commands_refuse_bad_input_and_write_nothing(
    repo: Repo, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    artifact = repo.add("0.2.0")
    before = tree_digest(repo.folder)
    cases = [
        (["sign", "--repo", tmp_path, "--timestamp-key", repo.key("timestamp")], "repo:"),
        (
            ["add", artifact, "--repo", repo.folder, "--version", "0.1.0", "--notes", "x", "--targets-key",
             repo.key("targets")],
            "version: 0.1.0 is not newer than 0.2.0",
        ),
        (
            ["add", artifact, "--repo", repo.folder, "--version", "1.0", "--notes", "x", "--targets-key",
             repo.key("targets")],
            "version:",
        ),
        (
            ["add", artifact, "--repo", repo.folder, "--version", "0.3.0", "--notes", "x", "--targets-key",
             repo.key("snapshot")],
            "targets-key:",
        ),
        (
            ["add", tmp_path / "missing", "--repo", repo.folder, "--version", "0.3.0", "--notes", "x",
             "--targets-key", repo.key("targets")],
            "artifact:",
        ),
        (["sign", "--repo", repo.folder, "--timestamp-key", repo.key("timestamp")], "snapshot-key:"),
        (["sign", "--repo", repo.folder, "--timestamp-key", tmp_path / "nokey"], "timestamp-key:"),
    ]  # fmt: skip
    for args, message in cases:
        capsys.readouterr()
        assert release(*args) == 2, args
        error = capsys.readouterr().err
        assert message in error and "nothing was written" in error and "Traceback" not in error, error
    assert tree_digest(repo.folder) == before


def test_key_files_are_private(tmp_path: Path) -> None:
    assert release("keygen", tmp_path / "k") == 0
    assert (tmp_path / "k").stat().st_mode & 0o777 == 0o600
    assert (tmp_path / "k.pub").stat().st_mode & 0o777 == 0o600
    assert release("keygen", tmp_path / "k") == 2  # never overwritten
    repo = Repo(tmp_path / "repo", tmp_path / "keys").init()
    assert {p.stat().st_mode & 0o777 for p in [repo.folder, *repo.folder.rglob("*")] if p.is_dir()} == {0o750}
    assert {p.stat().st_mode & 0o777 for p in repo.folder.rglob("*") if p.is_file()} == {0o640}
    assert not [p for p in repo.folder.rglob("*") if p.is_file() and b"PRIVATE KEY" in p.read_bytes()]


def test_without_a_shipped_root_there_is_no_channel(tmp_path: Path) -> None:
    if updates.shipped_root() is not None:
        pytest.skip("this checkout has an organisation's desktop/update_root.json")
    outcome = updates.check_if_due(tmp_path, "http://127.0.0.1:9", policy=updates.Policy(), root=None)
    assert outcome.state == "no_channel"


def test_the_service_without_a_repository_answers_404(tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    from central.app import create_app
    from central.db import make_engine, upgrade

    engine = make_engine(f"sqlite:///{tmp_path / 'c.db'}")
    upgrade(engine)
    try:
        with TestClient(create_app(engine)) as http:
            assert http.get("/v1/updates/metadata/timestamp.json").status_code == 404
    finally:
        engine.dispose()


def test_a_role_cannot_share_a_key_with_another(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    keys = Repo(tmp_path / "unused", tmp_path / "keys")
    keys.keys.mkdir()
    code = release(
        "init",
        "--repo",
        tmp_path / "repo",
        "--root-key",
        keys.key("root"),
        "--targets-key",
        keys.key("targets"),
        "--snapshot-key",
        keys.key("snapshot"),
        "--timestamp-key",
        keys.key("targets"),  # the offline targets key would have to live on the server
    )
    assert code == 2
    assert "timestamp-key:" in capsys.readouterr().err
    assert not (tmp_path / "repo").exists()


def test_tls_is_verified_with_the_organisations_ca_bundle(repo: Repo, tmp_path: Path) -> None:
    from central.db import make_engine, upgrade
    from tests.central.test_admin_cli import _self_signed
    from tests.service_process import running_service

    repo.add("0.2.0")
    repo.sign()
    cert, key = _self_signed(tmp_path)
    db_url = f"sqlite:///{tmp_path / 'tls.db'}"
    engine = make_engine(db_url)
    upgrade(engine)
    engine.dispose()
    with running_service(db_url, "--updates-dir", str(repo.folder), tls=(cert, key)) as service:
        with pytest.raises(updates.UpdateCheckFailed, match="TLS certificate was not accepted") as refused:
            client(service.url, tmp_path / "untrusting", repo).check()
        assert refused.value.check == "download"
        offer = client(service.url, tmp_path / "trusting", repo, ca_bundle=str(cert)).check()
        assert offer is not None and offer.version == "0.2.0"
