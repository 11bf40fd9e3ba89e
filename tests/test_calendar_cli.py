"""`prossimo calendar export/import` as an operator or IT runs it: real process, real store, real files."""

import datetime as dt
import uuid
import zoneinfo
from pathlib import Path

import icalendar

from desktop.store.profile import Profile
from tests.test_cli import PASSPHRASE, add, home, run  # noqa: F401 - `home` is a fixture

ROME = zoneinfo.ZoneInfo("Europe/Rome")


def book(profile: Path, contact_id: str, hours: tuple[int, ...]) -> None:
    tomorrow = dt.datetime.now().astimezone().date() + dt.timedelta(days=1)  # the CLI's local day
    worker = Profile(profile).open(PASSPHRASE)
    with worker:
        for hour in hours:
            starts = dt.datetime.combine(tomorrow, dt.time(hour), ROME)
            worker.call(
                lambda s, at=starts: s.appointments.create(
                    contact_ids=[uuid.UUID(contact_id)],
                    operator_id=uuid.uuid4(),
                    starts_at=at,
                    ends_at=at + dt.timedelta(minutes=45),
                    time_zone="Europe/Rome",
                    place_kind="office",
                    status="confirmed",
                    topic="casa",
                    reminder_minutes_before=15,
                )
            )


def events(path: Path) -> list[icalendar.Event]:
    return list(icalendar.Calendar.from_ical(path.read_bytes()).walk("VEVENT"))


def test_export_without_names_then_with_them_and_import_an_edit_back(home: Path, tmp_path: Path) -> None:  # noqa: F811 - the imported fixture
    contact = add(home, "--given", "Aino", "--family", "Virtanen")
    book(home, contact, (9, 11))
    out = tmp_path / "week.ics"

    written = run(home, "calendar", "export", str(out))
    assert written.returncode == 0, written.stderr
    assert written.stdout.startswith("Wrote 2 appointments from ") and "without clients' names" in written.stdout
    assert len(events(out)) == 2 and b"Virtanen" not in out.read_bytes() and b"Aino" not in out.read_bytes()
    assert all(event.walk("VALARM") for event in events(out))

    named = run(home, "calendar", "export", "--include-names", str(tmp_path / "named.ics"))
    assert named.returncode == 0 and b"Virtanen" in (tmp_path / "named.ics").read_bytes()

    unchanged = run(home, "calendar", "import", str(out))
    assert unchanged.stdout.strip() == "0 created, 0 updated, 2 unchanged."
    calendar = icalendar.Calendar.from_ical(out.read_bytes())
    first = next(iter(calendar.walk("VEVENT")))
    first["DTSTART"].dt, first["DTEND"].dt = (
        first["DTSTART"].dt + dt.timedelta(hours=5),
        first["DTEND"].dt + dt.timedelta(hours=5),
    )
    out.write_bytes(calendar.to_ical())
    updated = run(home, "calendar", "import", str(out))
    assert updated.returncode == 0, updated.stderr
    assert updated.stdout.strip() == "0 created, 1 updated, 1 unchanged."


def test_a_broken_file_exits_2_and_imports_nothing(home: Path, tmp_path: Path) -> None:  # noqa: F811 - the imported fixture
    contact = add(home, "--given", "Omar")
    book(home, contact, (10,))
    out = tmp_path / "one.ics"
    assert run(home, "calendar", "export", str(out)).returncode == 0
    calendar = icalendar.Calendar.from_ical(out.read_bytes())
    event = next(iter(calendar.walk("VEVENT")))
    event["DTEND"].dt = event["DTSTART"].dt - dt.timedelta(hours=1)  # ends before it starts
    out.write_bytes(calendar.to_ical())

    refused = run(home, "calendar", "import", str(out))
    assert refused.returncode == 2
    assert "nothing was imported" in refused.stderr and "DTEND" in refused.stderr
    again = run(home, "calendar", "export", str(tmp_path / "after.ics"))
    assert events(tmp_path / "after.ics")[0]["DTEND"].dt > events(tmp_path / "after.ics")[0]["DTSTART"].dt
    assert again.returncode == 0


def test_bad_options_name_themselves(home: Path, tmp_path: Path) -> None:  # noqa: F811 - the imported fixture
    wrong_date = run(home, "calendar", "export", "--from", "23/11/2026", str(tmp_path / "x.ics"))
    assert wrong_date.returncode == 2 and "--from: must be a date as YYYY-MM-DD" in wrong_date.stderr
    empty = run(home, "calendar", "export", str(tmp_path / "none.ics"))
    assert empty.returncode == 0 and "no file was written" in empty.stdout and not (tmp_path / "none.ics").exists()
    zone = run(home, "calendar", "import", "--zone", "Mars/Olympus", str(tmp_path / "none.ics"))
    assert zone.returncode == 2 and "--zone: not a time zone name" in zone.stderr
    missing = run(home, "calendar", "import", str(tmp_path / "none.ics"))
    assert missing.returncode == 2 and "cannot read it" in missing.stderr
