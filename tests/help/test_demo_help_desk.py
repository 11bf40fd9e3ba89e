"""`prossimo --demo` prints where its help desk is, and that help desk shows the demo's pages and
free times to book; `prossimo-central demo` offers those times for the next weeks."""

import re
import signal
import subprocess
import threading
from pathlib import Path

import requests
from sqlalchemy import select

from central import demo, help_desk
from central.db import make_engine, session_factory, upgrade
from central.models import Team
from protocol.clock import utc_now
from protocol.messages import IntakeSubmission
from tests.test_demo_cleanup import PROSSIMO, _environment

LINE = re.compile(r"the public help desk is at (http://127\.0\.0\.1:\d+/help/)")


def test_the_demo_prints_its_help_desk_and_the_desk_serves_the_demo_pages(tmp_path: Path) -> None:
    process = subprocess.Popen(
        [PROSSIMO, "--demo"],
        env=_environment(tmp_path),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    found: list[str] = []

    def read() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            match = LINE.search(line)
            if match:
                found.append(match.group(1))
                return

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        reader.join(180)
        assert found, "the demo printed no help desk address"
        session = requests.Session()
        for language, words in (("it", "Sostegno per familiari"), ("en", "Support for families"), ("fi", "Alkoholi")):
            home = session.get(f"{found[0]}{language}/", timeout=30)
            assert home.status_code == 200 and words in home.text
        story = session.get(f"{found[0]}en/info/story-luca", timeout=30)
        assert "fictional testimony" in story.text
        choose = session.get(f"{found[0]}en/book", timeout=30).text  # two teams: the team first
        team = re.search(r'name="team" value="([0-9a-f-]{36})"', choose)
        assert team is not None, choose
        times = session.get(f"{found[0]}en/book", params={"team": team.group(1)}, timeout=30).text
        assert times.count('name="slot"') >= 10 and "In person" in times
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(60)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def test_the_central_demo_offers_bookable_times_for_the_next_weeks(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'central.db'}")
    upgrade(engine)
    try:
        with session_factory(engine).begin() as session:
            demo.create(session, contacts_per_team=3)
        sessions = session_factory(engine)
        with sessions() as session:
            team_ids = session.scalars(select(Team.id)).all()
        assert len(team_ids) == 2
        for team_id in team_ids:
            days = help_desk.free_slots(sessions, team_id)
            modes = {slot.mode for day in days for slot in day.slots}
            assert len(days) >= 10 and modes == {"in_person", "phone", "video"}
            assert (days[-1].day - days[0].day).days >= 14  # the next weeks, not one day
        first = help_desk.free_slots(sessions, team_ids[0])[0].slots[0]
        booking = IntakeSubmission.model_validate(
            {
                "team_id": str(team_ids[0]),
                "kind": "booking",
                "alias": "Prova",
                "contact_channel": "none",
                "language": "it",
                "consent_to_contact": False,
            }
        )
        receipt = help_desk.book(sessions, booking, first.id, language="it", address="demo-test", key=b"k" * 32)
        assert help_desk.status(
            sessions, receipt.reference, receipt.code, address="demo-test", key=b"k" * 32
        ).state == ("received")
        assert first.starts_at > utc_now()
    finally:
        engine.dispose()
