"""The appointment form's repeats, skipping one meeting, its keyboard, and the month view (offscreen, real store)."""

import datetime as dt
import re

import pytest
from PySide6.QtCore import Qt, QTime
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget

from desktop.store import calendar_queries as cq
from desktop.ui import i18n
from desktop.ui.calendar.form import AppointmentForm
from desktop.ui.calendar.page import CalendarPage
from protocol.recurrence import Recurrence
from tests.ui.conftest import NOW, OPERATOR, ROME, Caseload, wait_for_store


def open_form(qtbot, context, **options) -> AppointmentForm:
    form = AppointmentForm(context, **options)
    qtbot.addWidget(form)
    form.show()
    qtbot.waitExposed(form)
    form.activateWindow()
    qtbot.waitUntil(form.isActiveWindow, timeout=5_000)
    return form


def mnemonics(window: QWidget) -> list[str]:
    """The Alt+letter of every visible caption and button of the window."""
    letters = []
    for widget in window.findChildren(QWidget):
        if widget.window() is not window or not widget.isVisibleTo(window):
            continue
        if isinstance(widget, QLabel) and widget.buddy() is not None or isinstance(widget, QAbstractButton):
            match = re.search(r"&([^&\s])", widget.text().replace("&&", ""))
            if match:
                letters.append(match.group(1).casefold())
    return letters


@pytest.mark.parametrize("language", ["en", "it", "fi"])
def test_every_mnemonic_of_the_appointment_form_is_unique(
    qtbot,
    ui_context,
    ui_store,
    caseload: Caseload,
    language,
) -> None:
    """Issue 14 item 8: "Alt+S is both Start time and Save"; unique mnemonics in en, it and fi."""
    i18n.install(language)
    booked = ui_store.call(lambda s: cq.booked(s, caseload.appointments[0].id))
    form = open_form(qtbot, ui_context, booked=booked)
    form.repeats.setCurrentIndex(1)  # the "Ends" row shows too
    letters = mnemonics(form)
    assert len(letters) >= 15
    assert sorted(letter for letter in set(letters) if letters.count(letter) > 1) == []


@pytest.mark.parametrize("typed", ["1430", "14:30"])
@pytest.mark.parametrize("how", ["tab", "backtab", "mnemonic", "change time"])
def test_typing_a_time_after_keyboard_focus_sets_it_whatever_section_was_current(
    qtbot,
    ui_context,
    caseload,
    how,
    typed,
) -> None:
    """Issue 14 item 8: "Typing a time works only when the hour section is already selected"."""
    form = open_form(qtbot, ui_context, start=NOW)
    field = form.start_time
    field.setFocus()
    field.setCurrentSection(field.Section.MinuteSection)  # where Qt leaves it after the minutes were typed
    if how == "tab":
        form.date.setFocus()
        form.date.setCurrentSectionIndex(form.date.sectionCount() - 1)  # Tab leaves a date field from its last
        qtbot.keyClick(form.date, Qt.Key.Key_Tab)
    elif how == "backtab":
        form.duration.setFocus()
        qtbot.keyClick(form.duration, Qt.Key.Key_Backtab)
    elif how == "mnemonic":
        form.location.setFocus()
        qtbot.keyClick(form.location, Qt.Key.Key_I, Qt.KeyboardModifier.AltModifier)  # "Start t&ime"
    else:
        form.location.setFocus()
        form._change_time()
    qtbot.waitUntil(field.hasFocus, timeout=2_000)
    qtbot.keyClicks(field, typed)
    assert field.time() == QTime(14, 30)


def test_a_weekly_series_is_booked_from_the_form_and_checked_against_every_meeting(
    qtbot,
    ui_context,
    ui_store,
    caseload: Caseload,
) -> None:
    """Issue 14 item 7: the form's "Repeats" and "Ends", and the clash check over the whole series."""
    existing = caseload.appointments[0]  # Monday 23 November, mine
    start = existing.starts_at.astimezone(ROME) - dt.timedelta(weeks=2)
    form = open_form(qtbot, ui_context, start=start)
    form._add_contact(caseload.contacts[20].id, "someone")
    assert not form.end_caption.isVisible()
    form.repeats.setCurrentIndex(form.repeats.findData("weekly:1"))
    assert form.end_caption.isVisible() and form.until.isVisible() and not form.count.isVisible()
    form.end_kind.setCurrentIndex(form.end_kind.findData("count"))
    form.count.setValue(4)
    assert form.recurrence() == Recurrence(frequency="weekly", interval=1, count=4)
    qtbot.keyClick(form.topic, Qt.Key.Key_Return)
    qtbot.waitUntil(form.clash_panel.isVisible, timeout=5_000)  # the third meeting meets the existing one
    assert "already have an appointment" in form.clash_text.text()
    form.book_anyway_button.click()
    qtbot.waitUntil(lambda: form.result() == form.DialogCode.Accepted, timeout=5_000)
    series = [a for a in ui_store.call(lambda s: s.appointments.page(limit=500).records) if a.recurrence]
    assert len(series) == 1 and series[0].recurrence.count == 4 and series[0].time_zone == "Europe/Rome"


def test_skip_only_this_meeting_adds_its_date_to_the_exceptions(qtbot, ui_context, ui_store, caseload) -> None:
    """Issue 14 item 7: "Skip this occurrence" on one meeting of a series."""
    contact = caseload.contacts[5]
    start = dt.datetime(2026, 11, 2, 16, 0, tzinfo=ROME)
    series = ui_store.call(
        lambda s: s.appointments.create(
            contact_ids=[contact.id],
            operator_id=OPERATOR,
            starts_at=start,
            ends_at=start + dt.timedelta(hours=1),
            time_zone="Europe/Rome",
            place_kind="office",
            recurrence={"frequency": "weekly", "count": 8},
        )
    )
    week = ui_store.call(
        lambda s: cq.appointments_between(
            s, dt.datetime(2026, 11, 23, tzinfo=ROME), dt.datetime(2026, 11, 30, tzinfo=ROME), operator_id=OPERATOR
        )
    )
    meeting = next(b for b in week if b.id == series.id)
    form = open_form(qtbot, ui_context, booked=meeting)
    assert form.skip_button.isVisible() and form.series_note.isVisible()
    assert form.date.date().toPython() == dt.date(2026, 11, 2)  # the fields edit the whole series
    form.skip_button.click()
    qtbot.waitUntil(lambda: form.result() == form.DialogCode.Accepted, timeout=5_000)
    assert ui_store.call(lambda s: s.appointments.get(series.id)).exceptions == [dt.date(2026, 11, 23)]
    one_off = open_form(qtbot, ui_context, booked=ui_store.call(lambda s: cq.booked(s, caseload.appointments[0].id)))
    assert not one_off.skip_button.isVisible() and not one_off.series_note.isVisible()


# --- the month view and names in blocks ---------------------------------------------------------------------


def open_page(qtbot, context) -> CalendarPage:
    page = CalendarPage(context)
    qtbot.addWidget(page)
    page.resize(1366, 700)
    page.show()
    qtbot.waitExposed(page)
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow, timeout=5_000)
    wait_for_store(qtbot, context)
    return page


@pytest.mark.parametrize("language", ["en", "it", "fi"])
def test_the_calendar_pages_mnemonics_stay_unique_with_month(qtbot, ui_context, caseload, language) -> None:
    """Issue 14 item 8: the new "Month" button takes a letter nothing else on the page uses."""
    i18n.install(language)
    page = open_page(qtbot, ui_context)
    letters = mnemonics(page)
    assert len(letters) >= 9
    assert sorted(letter for letter in set(letters) if letters.count(letter) > 1) == []


def test_week_blocks_lead_with_the_contacts_names(qtbot, ui_context, caseload: Caseload) -> None:
    """Issue 14 item 7: "Week view blocks without names": at 1366 px a week block shows who it is with."""
    page = open_page(qtbot, ui_context)
    page.set_mode("week")
    wait_for_store(qtbot, ui_context)
    blocks = [b for b in page.grid.blocks if b.lanes == 1 and b.booked.names()]
    assert len(blocks) >= 5
    for block in blocks:
        first = page.grid.block_lines(block, page.grid.text_rect(block).width())[0]
        assert first.endswith(", ".join(block.booked.names())), first  # whole, not elided behind the time


def test_the_month_view_lists_each_days_meetings_and_enter_opens_the_day(
    qtbot,
    ui_context,
    ui_store,
    caseload: Caseload,
) -> None:
    """Issue 14 item 7: a month view, with names, the meetings of a series, and overlap marks."""
    contact = caseload.contacts[5]
    start = dt.datetime(2026, 11, 2, 16, 0, tzinfo=ROME)
    ui_store.call(
        lambda s: s.appointments.create(
            contact_ids=[contact.id],
            operator_id=OPERATOR,
            starts_at=start,
            ends_at=start + dt.timedelta(hours=1),
            time_zone="Europe/Rome",
            place_kind="office",
            recurrence={"frequency": "weekly", "count": 8},
            exceptions=[dt.date(2026, 11, 16)],
        )
    )
    clash = dt.datetime(2026, 11, 9, 16, 30, tzinfo=ROME)
    other = caseload.contacts[6]
    ui_store.call(
        lambda s: s.appointments.create(
            contact_ids=[other.id],
            operator_id=OPERATOR,
            starts_at=clash,
            ends_at=clash + dt.timedelta(hours=1),
            time_zone="Europe/Rome",
            place_kind="phone",
        )
    )
    page = open_page(qtbot, ui_context)
    qtbot.keyClick(page.grid, Qt.Key.Key_O, Qt.KeyboardModifier.AltModifier)  # "M&onth" (an animated click)
    qtbot.waitUntil(lambda: page.mode == "month", timeout=5_000)
    wait_for_store(qtbot, ui_context)
    assert page.mode == "month" and page.month_grid.isVisible() and not page.view.isVisible()
    assert page.title.text() == "November 2026"
    month = page.month_grid
    assert month.days[0] == dt.date(2026, 10, 26) and len(month.days) == 42
    series_days = [d for d, items in month.by_day.items() if any(i.repeats for i in items)]
    assert series_days == [dt.date(2026, 11, 2), dt.date(2026, 11, 9), dt.date(2026, 11, 23), dt.date(2026, 11, 30)]
    name = contact.display_name
    month.setFocus()
    for _ in range(2):
        qtbot.keyClick(month, Qt.Key.Key_Up)  # from Monday 23 to Monday 9
    assert month.cursor_date == dt.date(2026, 11, 9)
    description = month.accessibleDescription()
    assert name in description and "overlaps with 16:30–17:30 " + other.display_name in description
    assert any(page.list.item(r).text().startswith("⚠ ") for r in range(page.list.count()))
    qtbot.keyClick(month, Qt.Key.Key_Return)
    wait_for_store(qtbot, ui_context)
    assert page.mode == "day" and page.anchor == dt.date(2026, 11, 9) and page.grid.hasFocus()
    assert {b.booked.id for b in page.grid.blocks} >= {b.id for b in month.by_day[dt.date(2026, 11, 9)]}
    assert all(b.booked.key in page.grid.overlaps for b in page.grid.blocks if b.booked.starts_at.hour == 16)


def test_today_marks_overlapping_appointments(qtbot, ui_context, ui_store, caseload: Caseload) -> None:
    """Issue 14 item 7: "Overlaps are marked on Today", by the same rule as the booking dialog."""
    from desktop.ui.today import TodayPage

    mine = [
        a
        for a in caseload.appointments
        if a.operator_id == OPERATOR and a.starts_at.astimezone(ROME).date() == NOW.date() and a.status != "cancelled"
    ]
    first = mine[0]
    ui_store.call(
        lambda s: s.appointments.create(
            contact_ids=[caseload.contacts[30].id],
            operator_id=OPERATOR,
            starts_at=first.starts_at + dt.timedelta(minutes=15),
            ends_at=first.ends_at,
            time_zone="Europe/Rome",
            place_kind="phone",
        )
    )
    page = TodayPage(ui_context)
    qtbot.addWidget(page)
    page.show()
    wait_for_store(qtbot, ui_context)
    texts = [page.today_list.item(r).text() for r in range(page.today_list.count())]
    marked = [t for t in texts if t.startswith("⚠ ")]
    assert len(marked) == 2 and all("overlaps with" in t for t in marked)
