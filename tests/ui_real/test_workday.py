"""A day's work in a real window: unlock, a contact by keyboard, bookings that overlap,
a help-desk request accepted over a booking, a referral with the consent recorded on
the spot, a handout to PDF, lock and unlock, another language (issue 14 items 1-3, 7).

Each flow starts `prossimo` on an offline profile with a small caseload and ends by
closing the main window, as a person would; input is xdotool's, through the X server.
"""

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QApplication, QFileDialog

from desktop.ui.calendar.form import AppointmentForm
from desktop.ui.contact_picker import ContactPicker
from desktop.ui.contacts.form import ContactForm
from desktop.ui.intake import DEFAULT_MINUTES, DEFAULT_START, IntakeAcceptDialog, next_working_day
from desktop.ui.main_window import MainWindow
from desktop.ui.resources.handout import HandoutDialog
from desktop.ui.resources.refer import ReferralDialog
from desktop.ui.unlock import UnlockWindow
from tests.ui.conftest import PASSPHRASE
from tests.ui_real.conftest import (
    Steps,
    Workday,
    active,
    click,
    do,
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


def _open(workday: Workday) -> Steps:
    """Unlock, and the main window, maximised and fitting the screen."""
    yield from unlock(UnlockWindow)
    yield until(lambda: active(MainWindow), "the main window, with the keyboard focus")
    window = visible(MainWindow)
    yield until(lambda: window.isMaximized() and window.context.store.pending == 0, "the main window, settled")
    assert on_screen(window.lock_button), "Lock is off the screen"
    return window


def _store(window: MainWindow, work):  # read what the store now holds
    return window.context.store.worker.call(work)


def _pick(name: str) -> Steps:
    """In the contact picker that just opened: type the name, wait for it, Enter."""
    yield until(lambda: active(ContactPicker), "the contact picker")
    picker = visible(ContactPicker)
    yield do(lambda: type_text(name), "the name")
    yield until(
        lambda: picker.results.count() > 0 and picker.results.currentItem() is not None, "the person among the matches"
    )
    yield do(lambda: keys("Return"), "Enter: that person")
    yield until(lambda: gone(picker), "the picker closed")


def test_new_contact_by_keyboard_saves_on_enter_and_escape_asks(workday: Workday, capfd) -> None:
    """Issue 14 item 3: Ctrl+N, the name typed, Enter saves (it used to press Cancel and throw
    the form away); Escape on a filled form asks, and "Keep editing" keeps every letter."""

    def steps() -> Steps:
        window = yield from _open(workday)
        yield do(lambda: keys("ctrl+2", "ctrl+n"), "Contacts, New")
        yield until(lambda: active(ContactForm), "the New contact form")
        form = visible(ContactForm)
        assert form.save_button.isDefault() and not form.cancel_button.isDefault()
        yield do(
            lambda: (
                keys("alt+g"),
                type_text("Marta"),
                keys("alt+f"),
                type_text("Quercia"),
                keys("alt+p"),
                type_text("+39 333 765 4321"),
            ),
            "typing the name and phone",
        )
        shot("new-contact-filled")
        yield do(lambda: keys("Return"), "Enter")
        yield until(lambda: gone(form), "the form closed")
        found = _store(window, lambda s: s.contacts.search("Quercia"))
        assert [c.given_name for c in found] == ["Marta"], "Enter did not save the contact"

        yield do(lambda: keys("Escape", "ctrl+n"), "back to the list, New again")
        yield until(lambda: active(ContactForm), "another New contact form")
        second = visible(ContactForm)
        yield do(lambda: (keys("alt+g"), type_text("Bruno"), keys("Escape")), "a name, then Escape")
        yield until(
            lambda: second.discard_question is not None and QApplication.activeWindow() is second.discard_question,
            "the question before discarding",
        )
        shot("discard-question")
        yield do(lambda: keys("Return"), "Enter: the safe answer")
        yield until(lambda: second.discard_question is None, "the question answered")
        assert second.isVisible() and second.given_name.text() == "Bruno"
        yield do(lambda: keys("Escape"), "Escape again")
        yield until(
            lambda: second.discard_question is not None and QApplication.activeWindow() is second.discard_question,
            "the question again",
        )
        yield do(lambda: click(second.discard_question.discard_button), "Discard")
        yield until(lambda: gone(second), "the form gone")
        yield do(window.close, "closing the main window")

    run_app(workday.directory, steps())
    assert "Traceback" not in capfd.readouterr().err


def test_booking_twice_warns_and_an_overlapping_intake_warns_too(workday: Workday, capfd) -> None:
    """Issue 14 items 1 and 7: booking the same time twice shows the overlap warning; accepting
    a help-desk request at a time already booked shows the same warning (it used to book
    silently)."""
    name = workday.typeable_names()[0]
    now = dt.datetime.now().astimezone()
    day = next_working_day(now.date())
    booked_at = dt.datetime.combine(day, DEFAULT_START, tzinfo=now.tzinfo)
    worker = workday.profile.open(PASSPHRASE)
    try:
        worker.call(
            lambda s: (
                s.appointments.create(
                    contact_ids=[workday.caseload.contacts[10].id],
                    operator_id=workday.operator_id,
                    starts_at=booked_at,
                    ends_at=booked_at + dt.timedelta(minutes=DEFAULT_MINUTES),
                    time_zone="Europe/Rome",
                    place_kind="office",
                    status="confirmed",
                    topic="casa",
                ),
                s.intake_requests.create(
                    kind="booking",
                    alias="Stella",
                    contact_channel="phone",
                    contact_detail="+39 333 123 4567",
                    preferred_times="mornings",
                    topic="housing",
                    language="it",
                    consent_to_contact=True,
                    received_at=now,
                    reference="A1B2C3",
                ),
            )
        )
    finally:
        worker.close()

    def book() -> Steps:
        yield do(lambda: keys("ctrl+n"), "New appointment")
        yield until(lambda: active(AppointmentForm), "the appointment form")
        form = visible(AppointmentForm)
        yield do(lambda: keys("space"), "Add contact…")
        yield from _pick(name)
        yield do(lambda: keys("Return"), "Enter: save")
        return form

    def steps() -> Steps:
        window = yield from _open(workday)
        yield do(lambda: keys("ctrl+3"), "Calendar")
        first = yield from book()
        yield until(lambda: gone(first), "the first booking saved")
        second = yield from book()
        yield until(lambda: second.clash_panel.isVisible(), "the overlap warning")
        assert name in second.clash_text.text()
        shot("double-booking-warning")
        yield do(lambda: click(second.book_anyway_button), "Book anyway")
        yield until(lambda: gone(second), "the second booking saved")

        yield do(lambda: keys("ctrl+5"), "Intake")
        page = window.page("intake")
        yield until(lambda: page.request is not None and page.accept_button.isEnabled(), "the request")
        request_id = page.request.id
        yield do(lambda: click(page.accept_button), "Accept…")
        yield until(lambda: active(IntakeAcceptDialog), "the accept dialog")
        dialog = visible(IntakeAcceptDialog)
        assert dialog.appointment.isChecked()
        yield do(lambda: keys("Return"), "Enter: accept")
        yield until(lambda: gone(dialog) or dialog.clash_panel.isVisible(), "the answer")
        assert dialog.isVisible() and dialog.clash_panel.isVisible(), "accepting over a booking gave no warning"
        shot("intake-overlap-warning")
        yield do(lambda: click(dialog.clash_panel.book_anyway_button), "Book anyway")
        yield until(lambda: gone(dialog), "the request accepted")
        assert _store(window, lambda s: s.intake_requests.get(request_id).status) == "converted"
        yield do(window.close, "closing the main window")

    run_app(workday.directory, steps())
    assert "Traceback" not in capfd.readouterr().err


def test_refer_recording_consent_in_the_same_dialog(workday: Workday, capfd) -> None:
    """Issue 14 item 1: the "Record consent now" section gets the room it needs (it was
    crushed into a strip that took clicks meant for Reason), and the referral is sent with
    the consent and the reason typed."""
    person = next(c for c in workday.caseload.contacts if c.display_name == workday.typeable_names()[1])

    def steps() -> Steps:
        window = yield from _open(workday)
        yield do(lambda: keys("ctrl+4"), "Resources")
        page = window.page("resources")
        yield until(lambda: page.results.topLevelItemCount() > 0, "the directory")
        yield do(lambda: (click(page.results.viewport(), QPoint(40, 8)), keys("Return")), "a service, Enter")
        yield until(lambda: page.detail.resource is not None and page.detail.refer_button.isVisible(), "its detail")
        yield do(lambda: click(page.detail.refer_button), "Refer…")
        yield until(lambda: active(ReferralDialog), "the referral dialog")
        dialog = visible(ReferralDialog)
        yield do(lambda: click(dialog.choose_contact), "Choose person…")
        yield from _pick(person.display_name)
        yield until(lambda: dialog.record_consent.isVisible(), "the offer to record consent")
        group = dialog.record_consent
        yield do(lambda: click(group, QPoint(12, group.fontMetrics().height() // 2 + 2)), "Record consent now")
        yield until(lambda: group.isChecked(), "the section switched on")
        shot("refer-record-consent")
        assert group.height() >= group.minimumSizeHint().height(), (
            f"the consent section is crushed: {group.height()} px of the {group.minimumSizeHint().height()} it needs"
        )
        yield do(lambda: (click(dialog.reason), type_text("Needs a bed tonight")), "the reason")
        yield until(
            lambda: dialog.reason.toPlainText() == "Needs a bed tonight",
            "the reason typed in Reason (the click meant for Reason landed elsewhere)",
            timeout_s=10,
        )
        yield do(lambda: click(dialog.send_button), "Send referral")
        yield until(lambda: gone(dialog), "the referral sent")
        referrals = _store(window, lambda s: s.export_contact(person.id)["referrals"])
        assert [r["reason"] for r in referrals] == ["Needs a bed tonight"]
        yield do(window.close, "closing the main window")

    run_app(workday.directory, steps())
    assert "Traceback" not in capfd.readouterr().err


def test_handout_to_pdf_then_lock_unlock_and_another_language(workday: Workday, tmp_path: Path, capfd) -> None:
    """Issue 14 items 1 and 2: a handout saved as PDF through the file dialog; Ctrl+L puts a
    lock screen over the whole window (it was a 640x480 box in a corner); unlocking comes
    back maximised on the same screen; Italian chosen in Settings rebuilds the window."""
    target = tmp_path / "handout.pdf"

    def steps() -> Steps:
        window = yield from _open(workday)
        yield do(lambda: keys("ctrl+4"), "Resources")
        page = window.page("resources")
        yield until(lambda: page.results.topLevelItemCount() > 0, "the directory")
        yield do(lambda: click(page.results.viewport(), QPoint(40, 8)), "a service")
        yield do(lambda: keys("ctrl+p"), "Print a handout")
        yield until(lambda: active(HandoutDialog), "the handout dialog")
        handout = visible(HandoutDialog)
        shot("handout-dialog")
        yield do(lambda: click(handout.save_button), "Save PDF…")
        yield until(lambda: visible(QFileDialog) is not None, "the file dialog")
        yield do(lambda: (keys("ctrl+a"), type_text(str(target)), keys("Return")), "the file name, Enter")
        yield until(lambda: target.exists() and "Saved" in handout.status.text(), "the PDF saved")
        assert target.read_bytes().startswith(b"%PDF")
        yield do(lambda: keys("Escape"), "closing the handout dialog")
        yield until(lambda: gone(handout), "the handout dialog closed")

        frame = window.frameGeometry()
        yield do(lambda: keys("ctrl+l"), "Lock")
        yield until(lambda: active(UnlockWindow), "the lock screen")
        lock_screen = visible(UnlockWindow)
        yield until(lambda: lock_screen.isMaximized(), "the lock screen maximised")
        shot("locked")
        assert lock_screen.frameGeometry() == frame, "the lock screen does not cover the window"
        assert visible(MainWindow) is None, "the window with client data is still up"
        window = yield from _open(workday)
        assert window.current_key == "resources", "unlocking went back to Today"
        assert window.frameGeometry() == frame

        yield do(lambda: keys("ctrl+8"), "Settings")
        settings = window.page("settings")
        yield do(lambda: (click(settings.language_combo), keys("Home", "Return")), "Italiano")
        yield do(lambda: click(settings.apply_button), "Apply")
        yield until(lambda: visible(MainWindow) is not None and visible(MainWindow) is not window, "the new window")
        italian = visible(MainWindow)
        yield until(lambda: italian.isMaximized(), "the Italian window maximised")
        assert italian.navigation.item(0).text() == "Oggi"
        shot("italian")
        yield do(italian.close, "closing the main window")

    run_app(workday.directory, steps())
    assert "Traceback" not in capfd.readouterr().err
