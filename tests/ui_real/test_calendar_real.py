"""The Calendar in a real window: a weekly series booked by keyboard, then the week and the month (issue 14 item 7)."""

from PySide6.QtCore import QTime

from desktop.ui.calendar.form import AppointmentForm
from desktop.ui.contact_picker import ContactPicker
from desktop.ui.main_window import MainWindow
from desktop.ui.unlock import UnlockWindow
from tests.ui_real.conftest import (
    Steps,
    Workday,
    active,
    do,
    gone,
    keys,
    run_app,
    shot,
    type_text,
    unlock,
    until,
    visible,
)


def test_a_weekly_series_by_keyboard_shows_in_the_week_and_the_month(workday: Workday, capfd) -> None:
    """Issue 14 items 7 and 8: Repeats by keyboard, the time typed after Shift+Tab, names in the week's blocks
    and a month view with every meeting."""
    name = workday.typeable_names()[0]

    def steps() -> Steps:
        yield from unlock(UnlockWindow)
        yield until(lambda: active(MainWindow), "the main window")
        window = visible(MainWindow)
        yield until(lambda: window.isMaximized() and window.context.store.pending == 0, "the main window, settled")
        yield do(lambda: keys("ctrl+3"), "Calendar")
        yield do(lambda: keys("ctrl+n"), "New appointment")
        yield until(lambda: active(AppointmentForm), "the appointment form")
        form = visible(AppointmentForm)
        yield do(lambda: keys("space"), "Add contact…")
        yield until(lambda: active(ContactPicker), "the contact picker, with the keyboard focus")
        picker = visible(ContactPicker)
        yield do(lambda: type_text(name), "the name")
        yield until(lambda: picker.results.currentItem() is not None, "the person among the matches")
        yield do(lambda: keys("Return"), "Enter: that person")
        yield until(lambda: gone(picker) and active(AppointmentForm), "back in the form")
        yield do(lambda: keys("alt+u"), "Alt+U: Duration")
        yield do(lambda: keys("shift+Tab"), "Shift+Tab: back to the start time (its minutes were last)")
        yield do(lambda: type_text("1430"), "typing 1430")
        yield until(lambda: form.start_time.time() == QTime(14, 30), "the start time 14:30")
        yield do(lambda: keys("alt+p"), "Alt+P: Repeats")
        yield do(lambda: keys("Down"), "Every week")
        yield until(lambda: form.end_caption.isVisible(), "the Ends row")
        shot("calendar-series-form")
        yield do(lambda: keys("Return"), "Enter: save")
        yield until(lambda: gone(form) or form.clash_panel.isVisible(), "the answer")
        if not gone(form):
            yield do(lambda: keys("alt+b"), "Book anyway")
            yield until(lambda: gone(form), "saved")
        page = window.page("calendar")
        yield do(lambda: keys("alt+w"), "Alt+W: the week")
        yield until(lambda: page.mode == "week" and window.context.store.pending == 0, "the week")
        shot("calendar-week")
        assert any(name in ", ".join(b.booked.names()) and b.booked.repeats for b in page.grid.blocks)
        yield do(lambda: keys("alt+o"), "Alt+O: the month")
        yield until(lambda: page.mode == "month" and window.context.store.pending == 0, "the month")
        shot("calendar-month")
        meetings = [i for items in page.month_grid.by_day.values() for i in items if i.repeats]
        assert len(meetings) >= 3
        yield do(window.close, "closing the main window")

    run_app(workday.directory, steps())
    assert "Traceback" not in capfd.readouterr().err
