"""`prossimo enroll`, `prossimo sync`, `prossimo conflicts list` as real processes."""

import json
import re
import time
from pathlib import Path

import requests

from tests.sync_world import PASSPHRASE, PASSWORD, World
from tests.test_cli import run


def test_enroll_sync_and_conflicts_from_the_command_line(world: World, tmp_path: Path) -> None:
    anna = world.add_operator("anna", [world.team_a])
    bruno = world.add_operator("bruno", [world.team_a])
    home = tmp_path / "anna"
    assert run(home, "init", passphrase=PASSPHRASE).returncode == 0

    no_password = run(home, "enroll", "--server", world.service.url, "--user", anna, passphrase=PASSPHRASE)
    assert no_password.returncode == 2 and "PROSSIMO_PASSWORD" in no_password.stderr
    carla = world.add_operator("carla", [world.team_a])
    wrong = run(
        home,
        "enroll",
        "--server",
        world.service.url,
        "--user",
        carla,
        passphrase=PASSPHRASE,
        PROSSIMO_PASSWORD="not the password",
    )
    assert wrong.returncode == 3 and "username or password is wrong" in wrong.stderr
    # This address now waits 1 s before its next try; two more failures make it 4 s, so the
    # next `enroll` is refused however long the CLI takes to start on a busy machine.
    for _ in range(2):
        _fail_a_login(world.service.url, carla)
    hurried = run(
        home,
        "enroll",
        "--server",
        world.service.url,
        "--user",
        carla,
        passphrase=PASSPHRASE,
        PROSSIMO_PASSWORD=PASSWORD,
    )
    assert hurried.returncode == 3 and "too many failed logins: try again in" in hurried.stderr
    time.sleep(int(re.search(r"try again in (\d+) s", hurried.stderr).group(1)))  # as told, then go on
    plain = run(
        home,
        "enroll",
        "--server",
        "http://example.org",
        "--user",
        anna,
        passphrase=PASSPHRASE,
        PROSSIMO_PASSWORD=PASSWORD,
    )
    assert plain.returncode == 2 and "https" in plain.stderr

    enrolled = run(
        home, "enroll", "--server", world.service.url, "--user", anna, passphrase=PASSPHRASE, PROSSIMO_PASSWORD=PASSWORD
    )
    assert enrolled.returncode == 0, enrolled.stderr
    assert "Enrolled with" in enrolled.stdout and "(operator; A)" in enrolled.stdout
    again = run(
        home, "enroll", "--server", world.service.url, "--user", anna, passphrase=PASSPHRASE, PROSSIMO_PASSWORD=PASSWORD
    )
    assert again.returncode == 2 and "already enrolled" in again.stderr

    contact = run(
        home, "contacts", "add", "--given", "Gianna", "--municipality", "Lodi", passphrase=PASSPHRASE
    ).stdout.strip()
    synced = run(home, "sync", "--json", passphrase=PASSPHRASE)
    assert synced.returncode == 0, synced.stderr
    counts = json.loads(synced.stdout)
    assert {k: counts[k] for k in ("pushed", "pulled", "conflicts", "requests")} == {
        "pushed": 1,
        "pulled": 1,
        "conflicts": 0,
        "requests": 1,
    }
    assert counts["bytes_sent"] > 0 and counts["bytes_received"] > 0

    # A colleague changes the same field first: Anna's later value becomes a conflict.
    laptop_b = world.device(bruno)
    laptop_b.sync()
    laptop_b.store.call(lambda s: s.contacts.update(contact, municipality="Cesena"))
    laptop_b.sync()
    env = {"passphrase": PASSPHRASE}
    run(home, "contacts", "add", "--given", "Altro", **env)
    # Edit through the store API (the CLI has no edit command yet), then sync from the CLI.
    from desktop.store.profile import Profile

    with Profile(home).open(PASSPHRASE) as store:
        store.call(lambda s: s.contacts.update(contact, municipality="Forlì"))
    human = run(home, "sync", **env)
    assert human.returncode == 0, human.stderr
    assert human.stdout.startswith("Pushed 2, pulled") and "conflicts 1" in human.stdout
    listed = run(home, "conflicts", "list", **env)
    assert 'contact Gianna  municipality: kept "Cesena", other "Forlì"' in listed.stdout
    as_json = [json.loads(line) for line in run(home, "conflicts", "list", "--json", **env).stdout.splitlines()]
    assert [(c["field"], c["status"]) for c in as_json] == [("municipality", "open")]

    neither = run(home, "conflicts", "resolve", as_json[0]["id"], **env)
    assert neither.returncode == 2 and "one of the arguments --keep --other --value is required" in neither.stderr
    resolved = run(home, "conflicts", "resolve", as_json[0]["id"], "--value", "Milano", **env)
    assert resolved.returncode == 0 and "Resolved (edited)" in resolved.stdout
    assert run(home, "sync", "--json", **env).returncode == 0
    assert json.loads(run(home, "contacts", "show", contact, "--json", **env).stdout)["municipality"] == "Milano"
    assert run(home, "conflicts", "list", "--json", **env).stdout == ""


def test_sync_says_what_went_wrong_and_keeps_everything(world: World, tmp_path: Path) -> None:
    anna = world.add_operator("anna", [world.team_a])
    laptop = world.device(anna)
    home = laptop.profile.directory
    laptop.close()
    run(home, "contacts", "add", "--given", "Offline", passphrase=PASSPHRASE)

    # The service's address stored in the profile points nowhere: offline, exit 5, outbox kept.
    from desktop.store.profile import Profile
    from desktop.store.replica import SERVER_URL

    with Profile(home).open(PASSPHRASE) as store:
        store.call(lambda s: s.replica._set(SERVER_URL, "http://127.0.0.1:9"))
    offline = run(home, "sync", passphrase=PASSPHRASE)
    assert offline.returncode == 5
    assert "could not be reached" in offline.stderr and "nothing was lost" in offline.stderr
    with Profile(home).open(PASSPHRASE) as store:
        assert store.call(lambda s: s.outbox.count()) == 1
        store.call(lambda s: s.replica._set(SERVER_URL, world.service.url))

    # Revoked: the next sync wipes the profile and says why.
    world.revoke(laptop)
    wiped = run(home, "sync", passphrase=PASSPHRASE)
    assert wiped.returncode == 6, wiped.stderr
    assert "revoked by the organisation" in wiped.stderr and "deleted" in wiped.stderr
    assert not (home / "store.db").exists() and not (home / "keys.json").exists()


def test_sync_before_enrolment_is_a_usage_error(tmp_path: Path) -> None:
    home = tmp_path / "p"
    run(home, "init", passphrase=PASSPHRASE)
    result = run(home, "sync", passphrase=PASSPHRASE)
    assert result.returncode == 2 and "prossimo enroll" in result.stderr


def _fail_a_login(url: str, username: str) -> None:
    """One wrong password, as soon as the address's wait allows it."""
    while True:
        answer = requests.post(
            f"{url}/v1/enrol",
            json={"username": username, "password": "not the password", "device_name": "x"},
            timeout=30,
        )
        if answer.status_code != 429:
            assert answer.status_code == 401
            return
        time.sleep(int(answer.headers["Retry-After"]))
