"""The help desk on the desktop, on a real encrypted store with real widgets: slots offered,
seen and taken back in the Calendar; bookings confirmed or declined in Intake with a message to
the person; the reply box on every request, which keeps what was typed."""

import datetime as dt

from PySide6.QtCore import QDate, Qt, QTime

from desktop.store import slot_queries as sq
from desktop.ui import i18n
from desktop.ui.calendar.page import CalendarPage
from desktop.ui.intake import IntakePage
from tests.ui.conftest import NOW, ROME, TEAM_B, wait_for_store

TOMORROW_10 = dt.datetime(2026, 11, 24, 10, 0, tzinfo=ROME)


def _slot(ui_store, starts: dt.datetime = TOMORROW_10, **extra: object):
    fields = {
        "team_id": TEAM_B.id,
        "starts_at": starts,
        "ends_at": starts + dt.timedelta(minutes=45),
        "time_zone": "Europe/Rome",
        "mode": "in_person",
        "place": "Via Roma 12",
        **extra,
    }
    return ui_store.call(lambda s: sq.offer_slot(s, **fields))


def _booking(ui_store, slot, **extra: object):
    fields = {
        "kind": "booking",
        "alias": "Stella",
        "contact_channel": "none",
        "language": "it",
        "consent_to_contact": False,
        "received_at": NOW - dt.timedelta(minutes=5),
        "team_id": TEAM_B.id,
        "reference": "3FA9C1",
        "slot_id": slot.id,
        **extra,
    }
    return ui_store.call(lambda s: s.intake_requests.create(**fields))


def _intake(qtbot, context) -> IntakePage:
    page = IntakePage(context)
    qtbot.addWidget(page)
    page.resize(1200, 740)
    page.show()
    qtbot.waitExposed(page)
    wait_for_store(qtbot, context)
    qtbot.waitUntil(lambda: not page.detail.isVisible() or page.decline_button.width() > 0)
    return page


def _calendar(qtbot, context) -> CalendarPage:
    page = CalendarPage(context)
    qtbot.addWidget(page)
    page.resize(1200, 740)
    page.show()
    qtbot.waitExposed(page)
    wait_for_store(qtbot, context)
    return page


def _slot_rows(page: CalendarPage) -> list[str]:
    return [page.slots.list.item(row).text() for row in range(page.slots.list.count())]


# --- Intake ----------------------------------------------------------------------------------


def test_a_booking_shows_its_held_slot_and_is_confirmed_with_a_message(qtbot, ui_context, ui_store) -> None:
    slot = _slot(ui_store)
    request = _booking(ui_store, slot)
    page = _intake(qtbot, ui_context)
    assert page.request.id == request.id
    assert "In person" in page.values["slot"].text() and "Via Roma 12" in page.values["slot"].text()
    assert "10:00–10:45" in page.values["slot"].text()
    assert page.values["slot_state"].text() == "Held for this request until you confirm or decline it"
    assert page.confirm_button.isVisible() and page.confirm_button.isEnabled()
    assert not page.accept_button.isEnabled()  # the held slot is answered first
    assert (
        page.reply_box.isVisible()
        and "sends no SMS or email" in page.reply_box.findChildren(type(page.values["slot"]))[0].text()
    )

    qtbot.keyClicks(page.reply, "Ring the bell")
    qtbot.mouseClick(page.confirm_button, Qt.MouseButton.LeftButton)
    dialog = page.confirm_booking_dialog
    assert dialog.message.toPlainText() == "Ring the bell"  # what was typed goes along
    qtbot.keyClicks(dialog.message, " marked Centro.")  # and is finished in the dialog
    assert "Stella chose:" in dialog.summary.text() and "3FA9C1" in dialog.summary.text()
    qtbot.mouseClick(dialog.primary_button, Qt.MouseButton.LeftButton)
    wait_for_store(qtbot, ui_context)

    stored = ui_store.call(lambda s: s.intake_requests.get(request.id))
    assert (stored.status, stored.reply) == ("accepted", "Ring the bell marked Centro.")
    views = ui_store.call(
        lambda s: sq.slots_between(s, TOMORROW_10 - dt.timedelta(hours=1), TOMORROW_10 + dt.timedelta(hours=1))
    )
    assert [v.taken for v in views] == ["booked"]
    qtbot.waitUntil(lambda: page.values["slot_state"].text() == "Booked for this request")
    assert "Booking confirmed" in page.notice_text.text()
    assert page.reply.toPlainText() == "Ring the bell marked Centro." and page.reply_state.text().startswith("Saved")
    assert not page.confirm_button.isEnabled() and page.accept_button.isEnabled()  # now it may become a contact


def test_declining_a_booking_needs_the_message_and_frees_the_slot(qtbot, ui_context, ui_store) -> None:
    slot = _slot(ui_store, mode="phone", place=None)
    request = _booking(ui_store, slot)
    page = _intake(qtbot, ui_context)
    assert "By phone" in page.values["slot"].text()
    qtbot.mouseClick(page.decline_button, Qt.MouseButton.LeftButton)
    dialog = page.decline_booking_dialog
    assert dialog is not None and page.decline_dialog is None  # the booking's own dialog
    qtbot.keyClicks(dialog.reason, "no operator free")
    qtbot.mouseClick(dialog.primary_button, Qt.MouseButton.LeftButton)
    wait_for_store(qtbot, ui_context)
    assert dialog.isVisible()
    assert dialog.errors.message("reply") == "Write a message to the person: they will read it"
    assert ui_store.call(lambda s: s.intake_requests.get(request.id)).status == "new"  # nothing half done
    assert dialog.reason.text() == "no operator free"  # nothing typed is lost

    qtbot.keyClicks(dialog.message, "We cannot meet then: please choose another time.")
    qtbot.mouseClick(dialog.primary_button, Qt.MouseButton.LeftButton)
    wait_for_store(qtbot, ui_context)
    stored = ui_store.call(lambda s: s.intake_requests.get(request.id))
    assert (stored.status, stored.reply, stored.decline_reason) == (
        "declined",
        "We cannot meet then: please choose another time.",
        "no operator free",
    )
    views = ui_store.call(
        lambda s: sq.slots_between(s, TOMORROW_10 - dt.timedelta(hours=1), TOMORROW_10 + dt.timedelta(hours=1))
    )
    assert [v.taken for v in views] == [None]  # free again at the help desk
    assert "slot is free again" in page.notice_text.text()


def test_the_reply_box_on_a_first_contact_saves_and_keeps_a_draft(qtbot, ui_context, ui_store) -> None:
    first = ui_store.call(
        lambda s: s.intake_requests.create(
            kind="first_contact",
            alias="Luca",
            contact_channel="phone",
            contact_detail="+39 333 765 4321",
            may_say_who_from=False,
            language="it",
            consent_to_contact=True,
            received_at=NOW - dt.timedelta(minutes=1),
            reference="77AB12",
        )
    )
    other = ui_store.call(
        lambda s: s.intake_requests.create(
            kind="first_contact",
            alias="Maria",
            contact_channel="none",
            language="it",
            consent_to_contact=False,
            received_at=NOW - dt.timedelta(minutes=30),
            reference="88CD34",
        )
    )
    page = _intake(qtbot, ui_context)
    assert page.request.id == first.id
    assert page.values["say_who"].text() == "No: do not name the service"
    assert not page.confirm_button.isVisible()
    qtbot.keyClicks(page.reply, "We will call you on Tuesday morning.")
    page.queue.setCurrentItem(page.queue.topLevelItem(1))  # another request, unsaved: kept as a draft
    assert page.request.id == other.id and page.reply.toPlainText() == ""
    page.queue.setCurrentItem(page.queue.topLevelItem(0))
    assert page.reply.toPlainText() == "We will call you on Tuesday morning."
    assert page.reply_state.text() == "Not saved yet."
    page.refresh()  # a sync arriving must not wipe it either
    wait_for_store(qtbot, ui_context)
    assert page.reply.toPlainText() == "We will call you on Tuesday morning."

    page.reply.setPlainText("x" * 2001)
    qtbot.mouseClick(page.save_reply_button, Qt.MouseButton.LeftButton)
    wait_for_store(qtbot, ui_context)
    assert "2000" in page.reply_errors.message("reply").replace(",", "").replace(" ", "")
    assert ui_store.call(lambda s: s.intake_requests.get(first.id)).reply is None
    assert page.reply.toPlainText() == "x" * 2001

    page.reply.setPlainText("We will call you on Tuesday morning.")
    qtbot.mouseClick(page.save_reply_button, Qt.MouseButton.LeftButton)
    wait_for_store(qtbot, ui_context)
    assert ui_store.call(lambda s: s.intake_requests.get(first.id)).reply == "We will call you on Tuesday morning."
    assert page.reply_state.text() == "Saved: they can read it on the status page."


# --- Calendar --------------------------------------------------------------------------------


def test_a_slot_is_offered_in_the_calendar_and_listed_apart_from_appointments(qtbot, ui_context, ui_store) -> None:
    page = _calendar(qtbot, ui_context)
    page.go_to_date(TOMORROW_10.date())
    wait_for_store(qtbot, ui_context)
    assert _slot_rows(page) == ["No slots offered at the help desk in this period."]
    qtbot.mouseClick(page.slots.offer_button, Qt.MouseButton.LeftButton)
    form = page.slots.form
    assert form.date.date() == QDate(2026, 11, 24)
    # The end before the start: refused under the end's input, nothing written, nothing lost.
    form.start.setTime(QTime(15, 0))
    form.end.setTime(QTime(14, 0))
    form.mode.setCurrentIndex(form.mode.findData("video"))
    qtbot.keyClicks(form.place, "We send the link the day before")
    form.team.setCurrentIndex(form.team.findData(TEAM_B.id))
    qtbot.mouseClick(form.primary_button, Qt.MouseButton.LeftButton)
    wait_for_store(qtbot, ui_context)
    assert form.isVisible() and form.errors.message("ends_at") == "Must be after the start."
    assert form.place.text() == "We send the link the day before"
    assert ui_store.call(lambda s: s.bookable_slots.count()) == 0

    form.end.setTime(QTime(15, 30))
    qtbot.mouseClick(form.primary_button, Qt.MouseButton.LeftButton)
    wait_for_store(qtbot, ui_context)
    assert page.slots.form is None
    stored = ui_store.call(lambda s: s.bookable_slots.page(limit=10).records)
    assert len(stored) == 1
    slot = stored[0]
    assert (slot.starts_at, slot.ends_at, slot.mode, slot.place, slot.team_id, slot.state) == (
        dt.datetime(2026, 11, 24, 15, 0, tzinfo=ROME),
        dt.datetime(2026, 11, 24, 15, 30, tzinfo=ROME),
        "video",
        "We send the link the day before",
        TEAM_B.id,
        "open",
    )
    qtbot.waitUntil(lambda: len(page.slots.views) == 1)
    assert _slot_rows(page) == ["Tue 24 15:00–15:30 · By video · We send the link the day before · Open for booking"]
    assert "Slot offered" in page.slots.message.text()


def test_a_slot_in_the_past_is_refused_naming_the_day(qtbot, ui_context, ui_store) -> None:
    page = _calendar(qtbot, ui_context)
    qtbot.mouseClick(page.slots.offer_button, Qt.MouseButton.LeftButton)
    form = page.slots.form
    form.start.setTime(QTime(8, 0))  # today, before NOW (10:00)
    form.end.setTime(QTime(9, 0))
    qtbot.mouseClick(form.primary_button, Qt.MouseButton.LeftButton)
    assert form.errors.message("starts_at") == "Choose a time that has not passed yet"
    form.reject()
    qtbot.waitUntil(lambda: form.discard_question is not None)
    form.discard_question.accept()


def test_a_held_slot_is_not_removed_and_the_calendar_says_why(qtbot, ui_context, ui_store) -> None:
    held = _slot(ui_store)
    free = _slot(ui_store, TOMORROW_10 + dt.timedelta(hours=2), mode="phone", place=None)
    _booking(ui_store, held)
    page = _calendar(qtbot, ui_context)
    page.go_to_date(TOMORROW_10.date())
    wait_for_store(qtbot, ui_context)
    rows = _slot_rows(page)
    assert rows[0].endswith("Held by a request, waiting for your answer (Stella, 3FA9C1)")
    assert rows[1].endswith("By phone · Open for booking")
    page.slots.list.setCurrentRow(0)
    qtbot.mouseClick(page.slots.remove_button, Qt.MouseButton.LeftButton)
    wait_for_store(qtbot, ui_context)
    assert page.slots.message.text() == (
        "Not changed: A help-desk request has chosen this time: confirm or decline it in Intake first."
    )
    assert ui_store.call(lambda s: s.bookable_slots.exists(held.id))

    page.slots.list.setCurrentRow(1)
    qtbot.mouseClick(page.slots.withdraw_button, Qt.MouseButton.LeftButton)
    wait_for_store(qtbot, ui_context)
    assert ui_store.call(lambda s: s.bookable_slots.get(free.id)).state == "withdrawn"
    qtbot.waitUntil(lambda: _slot_rows(page)[1].endswith("Withdrawn"))
    page.slots.list.setCurrentRow(1)
    assert not page.slots.withdraw_button.isEnabled()
    qtbot.mouseClick(page.slots.remove_button, Qt.MouseButton.LeftButton)
    wait_for_store(qtbot, ui_context)
    assert not ui_store.call(lambda s: s.bookable_slots.exists(free.id))
    qtbot.waitUntil(lambda: len(page.slots.views) == 1)


def test_the_slots_speak_the_operators_language(qtbot, ui_context, ui_store) -> None:
    _slot(ui_store)
    try:
        i18n.install("fi")
        page = _calendar(qtbot, ui_context)
        page.go_to_date(TOMORROW_10.date())
        wait_for_store(qtbot, ui_context)
        row = _slot_rows(page)[0]
        assert "In person" not in row and "Open for booking" not in row
        assert page.slots.offer_button.text() != "O&ffer a slot…"
    finally:
        i18n.install("en")


def test_slots_are_banded_in_the_week_grid_behind_the_appointments(qtbot, ui_context, ui_store, caseload) -> None:
    held = _slot(ui_store)
    _slot(ui_store, TOMORROW_10 + dt.timedelta(hours=3))
    _booking(ui_store, held)
    page = _calendar(qtbot, ui_context)
    page.set_mode("week")
    wait_for_store(qtbot, ui_context)
    bands = sorted(page.grid.help_desk, key=lambda b: b.top)
    assert [(b.day, b.top, b.bottom, b.text) for b in bands] == [
        (1, 600.0, 645.0, "Help desk: held, to answer"),
        (1, 780.0, 825.0, "Help desk: open"),
    ]
    assert page.grid.blocks  # the week's appointments are drawn too, over the bands
    page.set_mode("month")
    wait_for_store(qtbot, ui_context)
    assert page.grid.help_desk == []
