"""`prossimo-central` as IT staff run it: real processes, a real SQLite file, a real server on loopback."""

import json
import os
import subprocess
from pathlib import Path

import pytest
import requests

from protocol.demo_data import DIRECTORY_SIZE
from tests.service_process import CENTRAL, clean_environment, running_service

PASSWORD = "operator password 123"


def run(db: str, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("PROSSIMO_")}
    environment.update(env)
    return subprocess.run(
        [CENTRAL, "--db", db, *args],
        env=environment,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        check=False,
        timeout=120,
    )


@pytest.fixture()
def db(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'central.db'}"
    assert run(url, "init").returncode == 0
    return url


@pytest.fixture()
def org(db: str) -> str:
    assert run(db, "org", "add", "Cooperativa Lodi").returncode == 0
    assert run(db, "team", "add", "Cooperativa Lodi", "Strada").returncode == 0
    assert run(db, "team", "add", "Cooperativa Lodi", "Famiglie").returncode == 0
    return db


def test_operators_are_added_with_the_password_from_the_environment(org: str) -> None:
    added = run(
        org, "operator", "add", "--user", "anna", "--team", "Cooperativa Lodi/Strada", PROSSIMO_NEW_PASSWORD=PASSWORD
    )
    assert added.returncode == 0, added.stderr
    assert PASSWORD not in added.stdout + added.stderr
    weak = run(org, "operator", "add", "--user", "bruno", "--team", "Strada", PROSSIMO_NEW_PASSWORD="short")
    assert weak.returncode == 2 and "password: must be at least 12 characters" in weak.stderr
    missing = run(org, "operator", "add", "--user", "carla", "--team", "Strada")
    assert missing.returncode == 2 and "PROSSIMO_NEW_PASSWORD" in missing.stderr
    again = run(org, "operator", "add", "--user", "anna", "--team", "Strada", PROSSIMO_NEW_PASSWORD=PASSWORD)
    assert again.returncode == 2 and "already taken" in again.stderr
    unknown_team = run(org, "operator", "add", "--user", "dario", "--team", "Nowhere", PROSSIMO_NEW_PASSWORD=PASSWORD)
    assert unknown_team.returncode == 2 and "team:" in unknown_team.stderr


def test_usage_errors_exit_2(db: str) -> None:
    assert run(db, "team", "add", "No Such Org", "X").returncode == 2
    assert run(db, "device", "revoke", "not-an-id").returncode == 2
    assert run(db, "frobnicate").returncode == 2


def test_serve_enrol_revoke_wipe_and_audit_over_real_http(org: str, tmp_path: Path) -> None:
    run(org, "operator", "add", "--user", "anna", "--team", "Strada", PROSSIMO_NEW_PASSWORD=PASSWORD)
    with running_service(org, env=clean_environment()) as service:
        base = service.url
        enrolled = requests.post(
            f"{base}/v1/enrol", json={"username": "anna", "password": PASSWORD, "device_name": "laptop-1"}, timeout=10
        ).json()
        token = enrolled["device_token"]
        headers = {"Authorization": f"Bearer {token}"}
        assert requests.post(f"{base}/v1/sync", json={}, headers=headers, timeout=10).status_code == 200
        listing = run(org, "device", "list")
        assert enrolled["device_id"] in listing.stdout and "active" in listing.stdout
        assert token not in listing.stdout
        assert run(org, "device", "revoke", enrolled["device_id"]).returncode == 0
        wiped = requests.post(f"{base}/v1/sync", json={}, headers=headers, timeout=10)
        assert wiped.status_code == 410 and wiped.json() == {"wipe": True, "reason": "device_revoked"}
    verified = run(org, "audit", "verify")
    assert verified.returncode == 0 and "intact" in verified.stdout


def test_audit_verify_fails_on_a_tampered_log(org: str, tmp_path: Path) -> None:
    import sqlite3

    path = org.removeprefix("sqlite:///")
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE audit_entry SET subject = 'team:someone-else' WHERE seq = 2")
    result = run(org, "audit", "verify")
    assert result.returncode == 1
    assert "entry 2: content was changed" in result.stdout


def test_disabling_an_operator(org: str) -> None:
    run(org, "operator", "add", "--user", "anna", "--team", "Strada", PROSSIMO_NEW_PASSWORD=PASSWORD)
    result = run(org, "operator", "disable", "anna")
    assert result.returncode == 0 and "wipe" in result.stdout
    assert run(org, "operator", "disable", "nobody").returncode == 2


def test_demo_builds_a_usable_organisation(db: str) -> None:
    result = run(db, "demo")
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout)
    assert set(summary["teams"]) == {"Unità di strada", "Servizio famiglie"}
    assert summary["records"] > 500
    stats = json.loads(run(db, "stats").stdout)
    assert stats["contact"] == 300 and stats["resource"] == DIRECTORY_SIZE  # the shipped Lodi directory
    # A month of the street team's outreach, through the sync rules (the loader's mutations).
    assert stats["encounter"] == summary["outreach"]["encounters"] > 300 and stats["spot"] == 5
    twice = run(db, "demo")  # never twice over the same organisation
    assert twice.returncode == 2 and "already exists" in twice.stderr and "Traceback" not in twice.stderr
    assert run(db, "audit", "verify").returncode == 0


def test_directory_export_then_import_elsewhere_and_again_without_duplicates(db: str, tmp_path: Path) -> None:
    assert run(db, "demo").returncode == 0
    package = tmp_path / "hsds"
    exported = run(db, "directory", "export", str(package))
    assert exported.returncode == 0, exported.stderr
    assert (package / "datapackage.json").exists() and (package / "service.csv").exists()

    other = f"sqlite:///{tmp_path / 'other.db'}"
    run(other, "init")
    run(other, "org", "add", "Altra cooperativa")
    first = run(other, "directory", "import", str(package))
    assert first.returncode == 0, first.stderr
    assert f"Imported {DIRECTORY_SIZE} directory entries" in first.stdout
    again = run(other, "directory", "import", str(package))
    # Matched by HSDS ids: nothing new, nothing changed, not duplicated.
    assert (
        f"Imported {DIRECTORY_SIZE} directory entries into Altra cooperativa: 0 new, 0 updated, "
        f"{DIRECTORY_SIZE} unchanged." in again.stdout
    )
    assert json.loads(run(other, "stats").stdout) == {"resource": DIRECTORY_SIZE}

    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "datapackage.json").write_text('{"resources": []}', encoding="utf-8")
    refused = run(other, "directory", "import", str(broken))
    assert refused.returncode == 2 and "organization table is required" in refused.stderr
    assert json.loads(run(other, "stats").stdout) == {"resource": DIRECTORY_SIZE}


def _self_signed(tmp_path: Path) -> tuple[Path, Path]:
    """A throwaway certificate for 127.0.0.1, made for this test only."""
    import datetime as dt
    import ipaddress

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=1))
        .not_valid_after(now + dt.timedelta(hours=1))
        .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = tmp_path / "cert.pem", tmp_path / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    return cert_path, key_path


def test_serve_with_tls_and_verification_on(org: str, tmp_path: Path) -> None:
    cert, key = _self_signed(tmp_path)
    # running_service fails the test if serve does not stop on SIGTERM.
    with running_service(org, env=clean_environment(), stderr_pipe=True, tls=(cert, key)) as service:
        assert service.url.startswith("https://")
        assert requests.get(f"{service.url}/v1/health", timeout=5, verify=str(cert)).status_code == 200
        with pytest.raises(requests.exceptions.SSLError):
            requests.get(f"{service.url}/v1/health", timeout=5)  # the system CAs do not know this certificate
    assert run(org, "serve", "--tls-cert", str(cert)).returncode == 2  # the key is missing


def test_help_purge_expired_forgets_the_status_access_of_requests_gone_and_names_a_bad_retention(org: str) -> None:
    from sqlalchemy import select, update

    from central import help_desk
    from central.db import make_engine, session_factory
    from central.models import HelpAccess, StoredRecord, Team
    from protocol.messages import IntakeSubmission

    engine = make_engine(org)
    sessions = session_factory(engine)
    try:
        with sessions() as session:
            team_id = session.scalars(select(Team.id)).first()
        fields = {"team_id": str(team_id), "kind": "first_contact", "alias": "Kim", "contact_channel": "none"}
        submission = IntakeSubmission.model_validate({**fields, "language": "it", "consent_to_contact": False})
        kept = help_desk.submit(sessions, submission, language="it", address="a", key=b"k" * 32)
        gone = help_desk.submit(sessions, submission, language="it", address="b", key=b"k" * 32)
        open_run = run(org, "help", "purge-expired")
        assert open_run.returncode == 0 and open_run.stdout.startswith("0 "), open_run
        with sessions.begin() as session:  # the state `erase` leaves a request in
            request_id = session.scalar(select(HelpAccess.request_id).where(HelpAccess.reference == gone.reference))
            session.execute(update(StoredRecord).where(StoredRecord.id == request_id).values(erased=True))
        purged = run(org, "help", "purge-expired", PROSSIMO_HELP_RETENTION_DAYS="30")
        assert purged.returncode == 0 and purged.stdout.startswith("1 ") and "30 days" in purged.stdout, purged
        with sessions() as session:
            assert session.scalars(select(HelpAccess.reference)).all() == [kept.reference]
        bad = run(org, "help", "purge-expired", PROSSIMO_HELP_RETENTION_DAYS="ninety")
        assert bad.returncode == 2 and "PROSSIMO_HELP_RETENTION_DAYS" in bad.stderr and "Traceback" not in bad.stderr
    finally:
        engine.dispose()


def test_help_counts_prints_the_days_numbers_and_names_a_bad_date(org: str) -> None:
    import datetime as dt

    from central.db import make_engine, session_factory
    from central.help import counts

    engine = make_engine(org)
    try:
        at = dt.datetime(2026, 12, 3, 23, 30, tzinfo=dt.UTC)
        for _ in range(3):
            counts.visit(session_factory(engine), at, "fi", "home")
        counts.completed(session_factory(engine), at + dt.timedelta(hours=1), "it", "book")  # the next day, UTC
    finally:
        engine.dispose()
    listed = run(org, "help", "counts")
    assert listed.returncode == 0, listed.stderr
    assert listed.stdout.splitlines() == ["2026-12-03\tfi\tvisit:home\t3", "2026-12-04\tit\tcompleted:book\t1"]
    since = run(org, "help", "counts", "--since", "2026-12-04")
    assert since.stdout.splitlines() == ["2026-12-04\tit\tcompleted:book\t1"]
    bad = run(org, "help", "counts", "--since", "yesterday")
    assert bad.returncode == 2 and "--since" in bad.stderr and "Traceback" not in bad.stderr
