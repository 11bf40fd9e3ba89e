"""The help desk's desktop side in a real window (issue 17 item 8): a slot offered in the
Calendar by keyboard, then in Intake a booking declined with a message to the person and
another confirmed with one, on an enrolled profile whose service is out of reach (offline)."""

import datetime as dt
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QDate

from desktop.store import slot_queries
from desktop.ui.calendar.slots import SlotForm
from desktop.ui.context import Team
from desktop.ui.intake import BookingConfirmDialog, BookingDeclineDialog
from desktop.ui.main_window import MainWindow
from desktop.ui.unlock import UnlockWindow
from tests.ui.conftest import fill_demo_store
from tests.ui_real.conftest import (
    Steps,
    active,
    do,
    enrolled_offline,
    gone,
    keys,
    on_screen,
    run_app,
    shot,
    type_text,
    unlock,
    until,
    visible,
)

TEAM = uuid.UUID("00000000-0000-4000-8000-0000000000c1")


@pytest.fixture()
def help_desk_day(tmp_path: Path) -> Iterator[Path]:
    """An enrolled profile (one team; the service unreachable), with two bookings waiting."""
    with enrolled_offline(tmp_path, Team(TEAM, "Sportello")) as (profile, worker):
        now = dt.datetime.now().astimezone()
        worker.call(lambda s: fill_demo_store(s, now=now, contacts=12))
        day = (now + dt.timedelta(days=2)).replace(hour=9, minute=0, second=0, microsecond=0)
        for hours, alias, reference in ((0, "Stella", "3FA9C1"), (1, "Aurora", "7CD2E4")):
            slot = worker.call(
                lambda s, h=hours: slot_queries.offer_slot(
                    s,
                    team_id=TEAM,
                    starts_at=day + dt.timedelta(hours=h),
                    ends_at=day + dt.timedelta(hours=h, minutes=45),
                    time_zone="Europe/Rome",
                    mode="in_person",
                    place="Via Roma 12",
                )
            )
            worker.call(
                lambda s, a=alias, r=reference, i=slot.id, h=hours: s.intake_requests.create(
                    kind="booking",
                    alias=a,
                    contact_channel="none",
                    language="it",
                    consent_to_contact=False,
                    received_at=now - dt.timedelta(minutes=10 * (h + 1)),
                    team_id=TEAM,
                    reference=r,
                    slot_id=i,
                )
            )
    yield profile.directory


def test_a_slot_offered_and_two_bookings_answered_with_messages(help_desk_day: Path, capfd) -> None:
    def steps() -> Steps:
        yield from unlock(UnlockWindow)
        yield until(lambda: active(MainWindow), "the main window")
        window = visible(MainWindow)
        yield until(lambda: window.isMaximized() and window.context.store.pending == 0, "the main window, settled")
        store = window.context.store.worker

        yield do(lambda: keys("ctrl+3"), "Calendar")
        page = window.page("calendar")
        yield until(lambda: page.isVisible() and window.context.store.pending == 0, "the calendar")
        yield do(lambda: keys("alt+f"), "Alt+F: Offer a slot…")
        yield until(lambda: active(SlotForm), "the slot form")
        form = visible(SlotForm)
        tomorrow = dt.datetime.now().astimezone().date() + dt.timedelta(days=1)
        yield do(lambda: form.date.setDate(QDate(tomorrow.year, tomorrow.month, tomorrow.day)), "tomorrow")
        yield do(lambda: (keys("alt+w"), type_text("Via Roma 12, 2nd floor")), "Alt+W: where, typed")
        assert on_screen(form.primary_button), "Offer slot is off the screen"
        shot("slot-form")
        yield do(lambda: keys("Return"), "Enter: offer it")
        yield until(lambda: gone(form), "the form closed")
        offered = store.call(
            lambda s: [x for x in s.bookable_slots.page(limit=50).records if "2nd floor" in (x.place or "")]
        )
        assert len(offered) == 1 and offered[0].team_id == TEAM and offered[0].mode == "in_person"
        yield do(lambda: keys("alt+w"), "Alt+W: the week")
        yield until(
            lambda: page.mode == "week" and window.context.store.pending == 0 and len(page.slots.views) >= 1,
            "the week with its slots",
        )
        assert on_screen(page.slots.offer_button), "the slots' buttons are off the screen"
        shot("calendar-slots")

        yield do(lambda: keys("ctrl+5"), "Intake")
        intake = window.page("intake")
        yield until(lambda: intake.request is not None and intake.request.alias == "Stella", "Stella's booking")
        assert "Held for this request" in intake.values["slot_state"].text()
        intake.detail_scroll.ensureWidgetVisible(intake.save_reply_button)  # as Tab to it would
        assert on_screen(intake.save_reply_button), "Save message cannot be reached"
        assert on_screen(intake.confirm_button), "Confirm booking is off the screen"
        shot("intake-booking")
        yield do(lambda: keys("alt+d"), "Alt+D: Decline…")
        yield until(lambda: active(BookingDeclineDialog), "the decline dialog")
        decline = visible(BookingDeclineDialog)
        yield do(lambda: keys("alt+d"), "Alt+D: decline with no message")
        yield until(lambda: decline.errors.message("reply") != "", "the message asked for")
        yield do(lambda: (keys("alt+m"), type_text("We cannot meet then: please choose another time.")), "the message")
        shot("decline-booking")
        yield do(lambda: keys("alt+d"), "Alt+D: decline")
        yield until(lambda: gone(decline), "declined")
        yield until(lambda: window.context.store.pending == 0, "the store")
        declined = store.call(lambda s: [r for r in s.intake_requests.page(limit=50).records if r.alias == "Stella"])[0]
        assert (declined.status, declined.reply) == ("declined", "We cannot meet then: please choose another time.")

        yield do(
            lambda: intake.show_record(
                next(
                    r.id for r in store.call(lambda s: s.intake_requests.page(limit=50).records) if r.alias == "Aurora"
                )
            ),
            "Aurora's booking",
        )
        yield until(lambda: intake.request is not None and intake.request.alias == "Aurora", "Aurora's booking shown")
        yield do(lambda: keys("alt+f"), "Alt+F: Confirm booking…")
        yield until(lambda: active(BookingConfirmDialog), "the confirm dialog")
        confirm = visible(BookingConfirmDialog)
        yield do(lambda: (keys("alt+m"), type_text("Ring the bell marked Centro.")), "the message")
        yield do(lambda: keys("alt+c"), "Alt+C: confirm")
        yield until(lambda: gone(confirm), "confirmed")
        yield until(
            lambda: (
                window.context.store.pending == 0 and intake.values["slot_state"].text() == "Booked for this request"
            ),
            "booked",
        )
        confirmed = store.call(lambda s: [r for r in s.intake_requests.page(limit=50).records if r.alias == "Aurora"])[
            0
        ]
        assert (confirmed.status, confirmed.reply) == ("accepted", "Ring the bell marked Centro.")
        assert intake.reply.toPlainText() == "Ring the bell marked Centro.", "the sent message is not shown"
        assert intake.reply_state.text().startswith("Saved"), intake.reply_state.text()
        shot("intake-confirmed")
        yield do(window.close, "closing the main window")

    run_app(help_desk_day, steps())
    assert "Traceback" not in capfd.readouterr().err
