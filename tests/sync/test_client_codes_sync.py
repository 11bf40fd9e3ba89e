"""Issue 18 part 3 with the real service on loopback: every device of an organisation derives the
same anonymous code, another organisation another; a device enrolled before codes gets the key
at its next sync; the answers appear nowhere in the store file nor in the service's database."""

import json
import sqlite3
import uuid
from pathlib import Path

import pytest
import requests

from desktop.store.replica import Enrolment, NoCodeKey
from desktop.sync.engine import SyncEngine
from desktop.sync.transport import Transport
from protocol import PROTOCOL_VERSION
from protocol.client_codes import DEFAULT_RECIPE, make_code, near_misses
from protocol.messages import CLIENT_CODES_HEADER, PROTOCOL_HEADER
from tests.store.sqlcipher_pages import find_in_store
from tests.sync_world import PASSPHRASE, PASSWORD, CentralService, Device, World, new_world
from tests.test_cli import run

# Distinctive answers, so a grep cannot meet them by chance.
MOTHER = "Zebulonia"
ANSWERS = {"mother_first_name": MOTHER, "birth_day": "29", "birth_year": "1961", "gender": "F"}
# The answers in every form the code is made from (protocol.client_codes._message), and the name.
NEEDLES = [MOTHER, "mother_first_name=ZE", "birth_day=29", "birth_year=1961", "zebulon"]


def code_of(device: Device, answers: dict[str, object] = ANSWERS) -> str:
    codes = device.store.call(lambda s: s.replica.code_key())
    return make_code(codes.key, codes.recipe, answers)


def test_two_devices_derive_the_same_code_and_another_organisation_another(
    world: World, central_service: CentralService, tmp_path: Path
) -> None:
    anna = world.device(world.add_operator("anna", [world.team_a]))
    bruno = world.device(world.add_operator("bruno", [world.team_b]))
    assert code_of(anna) == code_of(bruno)
    spelled = {"mother_first_name": " zébulon ", "birth_day": 29, "birth_year": 1961, "gender": "donna"}
    assert code_of(bruno, spelled) == code_of(anna)

    other = new_world(central_service, tmp_path / "other")
    try:
        carla = other.device(other.add_operator("carla", [other.team_a]))
        assert code_of(carla) != code_of(anna)
    finally:
        for device in other.devices:
            device.close()
    # The key is sealed in the service's database, never there in clear.
    with central_service.admin() as session:
        from central.models import Organisation

        sealed = session.get(Organisation, world.org_id).code_key_sealed
    key = anna.store.call(lambda s: s.replica.code_key()).key
    assert sealed and key.hex() not in sealed and key.hex().encode() not in _service_bytes(central_service)


def _service_bytes(service: CentralService) -> bytes:
    path = Path(service.db_url.removeprefix("sqlite:///"))
    return b"".join(p.read_bytes() for p in (path, Path(f"{path}-wal")) if p.exists())


def test_an_older_device_is_not_sent_the_key_and_a_device_without_it_gets_it_at_its_next_sync(
    world: World, tmp_path: Path
) -> None:
    anna = world.device(world.add_operator("anna", [world.team_a]))
    username = world.add_operator("old", [world.team_a])
    # An enrolment as an older release makes it: no client-codes header, and an answer without the
    # field (its schema forbids unknown fields).
    answer = requests.post(
        f"{world.service.url}/v1/enrol",
        json={"username": username, "password": PASSWORD, "device_name": "old laptop"},
        headers={PROTOCOL_HEADER: str(PROTOCOL_VERSION)},
        timeout=30,
    )
    assert answer.status_code == 200 and "client_codes" not in answer.json()
    body = answer.json()
    # ... and a sync of it without the header gets no key either.
    synced = requests.post(
        f"{world.service.url}/v1/sync",
        json={"cursor": None, "mutations": []},
        headers={PROTOCOL_HEADER: str(PROTOCOL_VERSION), "Authorization": f"Bearer {body['device_token']}"},
        timeout=30,
    )
    assert synced.status_code == 200 and "client_codes" not in synced.json()

    # That device's store after an update of Prossimo: enrolled, no key.
    from desktop.store.profile import Profile

    profile = Profile.create(tmp_path / "old", PASSPHRASE)
    store = profile.open(PASSPHRASE)
    enrolment = Enrolment(
        server_url=world.service.url,
        ca_bundle=None,
        device_id=uuid.UUID(body["device_id"]),
        operator_id=uuid.UUID(body["operator_id"]),
        organisation_id=uuid.UUID(body["organisation_id"]),
        role=body["role"],
        teams=[{"id": t["id"], "name": t["name"]} for t in body["teams"]],
    )
    store.call(lambda s: s.replica.save_enrolment(enrolment, body["device_token"]))
    old = Device(profile, store, SyncEngine(store, lambda e: Transport(e.server_url)), world.service.url)
    world.devices.append(old)
    with pytest.raises(NoCodeKey, match=r"run `prossimo sync`"):
        code_of(old)
    report = old.sync()
    assert report.rounds >= 1
    assert code_of(old) == code_of(anna)
    assert old.engine._transport is not None and old.engine._transport.wants_codes is False
    # A raw sync asking for it gets the same key again (issued once, never changed).
    again = requests.post(
        f"{world.service.url}/v1/sync",
        json={"cursor": None, "mutations": []},
        headers={
            PROTOCOL_HEADER: str(PROTOCOL_VERSION),
            CLIENT_CODES_HEADER: "wanted",
            "Authorization": f"Bearer {store.call(lambda s: s.replica.outgoing(1).token)}",
        },
        timeout=30,
    ).json()["client_codes"]
    assert again["key"] == anna.store.call(lambda s: s.replica.code_key()).key.hex()
    assert again["recipe"] == DEFAULT_RECIPE.as_json()


def test_codes_kept_on_alias_contacts_leave_no_answer_in_the_store_file_nor_on_the_service(
    world: World, central_service: CentralService
) -> None:
    anna = world.device(world.add_operator("anna", [world.team_a]))
    bruno = world.device(world.add_operator("bruno", [world.team_a]))
    code = code_of(anna)
    # No encounter entity exists yet: the code is the alias of a pseudonymous contact.
    anna.store.call(lambda s: s.contacts.create(kind="pseudonymous", alias=code, team_id=world.team_a))
    anna.sync()
    bruno.sync()
    # Bruno's near-miss search finds it from answers with the year one off, asking only codes.
    codes = bruno.store.call(lambda s: s.replica.code_key())
    aliases = {c.alias for c in bruno.store.call(lambda s: s.contacts.page(limit=50).records)}
    assert code in aliases
    misses = near_misses(codes.key, codes.recipe, {**ANSWERS, "birth_year": "1960"}, lambda c: aliases & set(c))
    assert [(m.code, m.differs_in) for m in misses] == [(code, "birth_year")]

    for device in (anna, bruno):
        key = bytes(device.profile.keys.unlock(PASSPHRASE))
        found = find_in_store(key, device.profile.store_path, [*NEEDLES, code])
        assert [f for f in found if not f.endswith(code)] == []
        assert any(f.endswith(code) for f in found), "the helper really reads the file"
        dump = _decrypted_dump(device)
        assert code in dump and not any(n.lower() in dump.lower() for n in NEEDLES)
        raw = device.profile.store_path.read_bytes()
        assert not any(n.lower().encode() in raw.lower() for n in NEEDLES)
    service = _service_bytes(central_service).lower()
    assert code.lower().encode() in service and not any(n.lower().encode() in service for n in NEEDLES)


def _decrypted_dump(device: Device) -> str:
    """Every table of the decrypted store as text (what SQL can read)."""

    def dump(s) -> str:
        tables = [r[0] for r in s.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()]
        rows = []
        for table in tables:
            try:
                rows += [repr(r) for r in s.conn.execute(f'SELECT * FROM "{table}"').fetchall()]
            except sqlite3.DatabaseError:
                continue  # FTS shadow tables without a plain SELECT
        return "\n".join(rows)

    return device.store.call(dump)


def test_prossimo_code_make_from_stdin_prints_the_same_code(world: World, tmp_path: Path) -> None:
    anna = world.device(world.add_operator("anna", [world.team_a]))
    home = tmp_path / "cli"
    assert run(home, "init").returncode == 0
    enrolled = run(
        home,
        "enroll",
        "--server",
        world.service.url,
        "--user",
        world.add_operator("dario", [world.team_a]),
        PROSSIMO_PASSWORD=PASSWORD,
    )
    assert enrolled.returncode == 0, enrolled.stderr
    lines = "Zebulonia\n29\n1961\nF\n"
    made = _run_with_stdin(home, lines, "code", "make")
    assert made.returncode == 0, made.stderr
    assert made.stdout.strip() == code_of(anna)
    as_json = _run_with_stdin(home, json.dumps(ANSWERS), "code", "make", "--json")
    assert json.loads(as_json.stdout) == {"ok": True, "code": code_of(anna)}
    missing = _run_with_stdin(home, "Zebulonia\n29\n", "code", "make", "--json")
    assert missing.returncode == 2
    failed = json.loads(missing.stdout)
    assert failed["ok"] is False and failed["message"] == "birth_year: required" and failed["exit_code"] == 2
    bad = _run_with_stdin(home, "Zebulonia\n32\n1961\nF\n", "code", "make")
    assert bad.returncode == 2 and "birth_day: must be a whole number from 1 to 31" in bad.stderr
    for result in (made, as_json, missing, bad):  # the answers are never echoed
        assert MOTHER not in result.stdout + result.stderr and "1961" not in result.stdout + result.stderr

    known = tmp_path / "known.txt"
    year_off = code_of(anna, {**ANSWERS, "birth_year": "1962"})
    known.write_text(f"{year_off.lower()}\n{code_of(anna, {**ANSWERS, 'birth_year': '1990'})}\n")
    near = _run_with_stdin(home, lines, "code", "make", "--json", "--known", str(known))
    assert json.loads(near.stdout)["near_misses"] == [{"code": year_off, "differs_in": "birth_year"}]

    unenrolled = tmp_path / "fresh"
    assert run(unenrolled, "init").returncode == 0
    refused = _run_with_stdin(unenrolled, lines, "code", "make")
    assert refused.returncode == 2 and "not enrolled yet" in refused.stderr


def _run_with_stdin(home: Path, text: str, *args: str):
    import os
    import subprocess

    from tests.test_cli import PASSPHRASE as CLI_PASSPHRASE
    from tests.test_cli import PROSSIMO

    environment = {k: v for k, v in os.environ.items() if not k.startswith("PROSSIMO_")}
    environment.update(PROSSIMO_HOME=str(home), PROSSIMO_PASSPHRASE=CLI_PASSPHRASE)
    return subprocess.run(
        [PROSSIMO, *args], env=environment, input=text, capture_output=True, text=True, check=False, timeout=120
    )
