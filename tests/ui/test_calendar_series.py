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


def open_form(qtbot, context, **options) -> AppointmentForm:  # noqa: ANN001, ANN003
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
def test_every_mnemonic_of_the_appointment_form_is_unique(qtbot, ui_context, ui_store, caseload: Caseload,  # noqa: ANN001
                                                        language) -> None:
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
def test_typing_a_time_after_keyboard_focus_sets_it_whatever_section_was_current(qtbot, ui_context, caseload, how,  # noqa: ANN001
                                                                                   typed) -> None:
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


def test_a_weekly_series_is_booked_from_the_form_and_checked_against_every_meeting(qtbot, ui_context, ui_store,  # noqa: ANN001
                                                                                    caseload: Caseload) -> None:
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


def test_skip_only_this_meeting_adds_its_date_to_the_exceptions(qtbot, ui_context, ui_store, caseload) -> None:  # noqa: ANN001
    """Issue 14 item 7: "Skip this occurrence" on one meeting of a series."""
    contact = caseload.contacts[5]
    start = dt.datetime(2026, 11, 2, 16, 0, tzinfo=ROME)
    series = ui_store.call(lambda s: s.appointments.create(
        contact_ids=[contact.id], operator_id=OPERATOR, starts_at=start, ends_at=start + dt.timedelta(hours=1),
        time_zone="Europe/Rome", place_kind="office", recurrence={"frequency": "weekly", "count": 8}))
    week = ui_store.call(lambda s: cq.appointments_between(
        s, dt.datetime(2026, 11, 23, tzinfo=ROME), dt.datetime(2026, 11, 30, tzinfo=ROME), operator_id=OPERATOR))
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


def open_page(qtbot, context) -> CalendarPage:  # noqa: ANN001
    page = CalendarPage(context)
    qtbot.addWidget(page)
    page.resize(1366, 700)
    page.show()
    qtbot.waitExposed(page)
    page.activateWindow()
    wait_for_store(qtbot, context)
    return page
