"""The Intake screen on a real store: the help-desk queue, accepting a request into a
contact (and a proposed appointment), matching someone known, declining with a reason."""

import datetime as dt

from PySide6.QtCore import QDate, Qt, QTime
from PySide6.QtWidgets import QDialog

from desktop.ui.intake import IntakePage, next_working_day
from tests.ui.conftest import NOW, OPERATOR, ROME, TEAM_B, Caseload, wait_for_store


def _request(ui_store, minutes_ago: int, **extra: object):
    fields = {
        "kind": "booking",
        "alias": "Stella",
        "contact_channel": "phone",
        "contact_detail": "+39 333 123 4567",
        "preferred_times": "mornings",
        "topic": "housing",
        "language": "it",
        "consent_to_contact": True,
        "received_at": NOW - dt.timedelta(minutes=minutes_ago),
        "reference": "A1B2C3",
        **extra,
    }
    return ui_store.call(lambda s: s.intake_requests.create(**fields))


def _page(qtbot, context) -> IntakePage:
    page = IntakePage(context)
    qtbot.addWidget(page)
    # A page's own size otherwise depends on whether the queue arrived before the first
    # layout: at 278 px the Accept button was 0 px wide and the test's click missed it.
    page.resize(1100, 700)
    page.show()
    qtbot.waitExposed(page)
    wait_for_store(qtbot, context)
    # The request's pane is laid out by a posted event after the answer: a click before
    # that lands on a 0 px wide Accept button and is lost.
    qtbot.waitUntil(lambda: not page.detail.isVisible() or page.accept_button.width() > 0)
    return page


def _aliases(page: IntakePage) -> list[str]:
    return [page.queue.topLevelItem(row).text(2) for row in range(page.queue.topLevelItemCount())]


def test_queue_is_newest_first_with_new_by_default(qtbot, ui_context, ui_store) -> None:
    _request(ui_store, 120, alias="Older")
    _request(
        ui_store,
        10,
        alias="Newest",
        kind="first_contact",
        contact_channel="none",
        contact_detail=None,
        consent_to_contact=False,
    )
    _request(ui_store, 60, alias="Handled", status="declined", decline_reason="Already followed by SerD")
    page = _page(qtbot, ui_context)
    assert _aliases(page) == ["Newest", "Older"]
    assert page.which.itemText(0) == "New (2)" and page.which.itemText(1) == "All (3)"
    assert page.request.alias == "Newest"
    assert "Do not contact" in page.values["reach"].text()
    assert not page.values["decline_reason"].isVisible()

    page.which.setCurrentIndex(page.which.findData(None))
    wait_for_store(qtbot, ui_context)
    assert _aliases(page) == ["Newest", "Handled", "Older"]
    page.queue.setCurrentItem(page.queue.topLevelItem(1))
    assert page.values["decline_reason"].text() == "Already followed by SerD"
    assert not page.accept_button.isEnabled() and not page.decline_button.isEnabled()


def test_accepting_a_booking_creates_the_contact_and_the_appointment(qtbot, ui_context, ui_store) -> None:
    request = _request(ui_store, 5, team_id=TEAM_B.id)
    contacts_before = ui_store.call(lambda s: s.contacts.count())
    page = _page(qtbot, ui_context)
    assert page.values["reach"].text().endswith("+39 333 123 4567") and page.values["reference"].text() == "A1B2C3"

    qtbot.mouseClick(page.accept_button, Qt.MouseButton.LeftButton)
    dialog = page.accept_dialog
    tuesday = next_working_day(NOW.date())
    assert tuesday == dt.date(2026, 11, 24)
    assert dialog.appointment.isChecked() and dialog.create_new.isChecked()
    assert (dialog.alias.text(), dialog.phone.text(), dialog.email.text(), dialog.language.text()) == (
        "Stella",
        "+39 333 123 4567",
        "",
        "it",
    )
    assert dialog.team.currentData() == TEAM_B.id
    assert dialog.date.date() == QDate(2026, 11, 24) and dialog.time.time() == QTime(10, 0)
    assert dialog.minutes.value() == 45 and dialog.place.currentData() == "office"
    finished = []
    dialog.finished.connect(finished.append)
    qtbot.mouseClick(dialog.accept_button, Qt.MouseButton.LeftButton)
    wait_for_store(qtbot, ui_context)
    assert finished == [QDialog.DialogCode.Accepted]

    stored = ui_store.call(lambda s: s.intake_requests.get(request.id))
    assert stored.status == "converted" and stored.contact_id is not None
    contact = ui_store.call(lambda s: s.contacts.get(stored.contact_id))
    assert (contact.kind, contact.alias, contact.phone, contact.preferred_language, contact.team_id) == (
        "pseudonymous",
        "Stella",
        "+39 333 123 4567",
        "it",
        TEAM_B.id,
    )
    assert ui_store.call(lambda s: s.contacts.count()) == contacts_before + 1
    booked = ui_store.call(
        lambda s: [a for a in s.appointments.page(limit=100).records if a.contact_ids == [contact.id]]
    )
    assert len(booked) == 1
    appointment = booked[0]
    assert appointment.starts_at == dt.datetime(2026, 11, 24, 10, 0, tzinfo=ROME)
    assert appointment.ends_at - appointment.starts_at == dt.timedelta(minutes=45)
    assert (
        appointment.status,
        appointment.operator_id,
        appointment.place_kind,
        appointment.time_zone,
        appointment.topic,
    ) == ("requested", OPERATOR, "office", "Europe/Rome", "housing")

    assert _aliases(page) == []  # no longer new
    assert page.notice.isVisible()
    with qtbot.waitSignal(ui_context.navigator.pageRequested) as opened:
        qtbot.mouseClick(page.open_new_contact, Qt.MouseButton.LeftButton)
    assert opened.args == ["contacts", contact.id]


def test_errors_show_beside_the_field_and_nothing_is_written(qtbot, ui_context, ui_store) -> None:
    request = _request(ui_store, 5)
    page = _page(qtbot, ui_context)
    qtbot.mouseClick(page.accept_button, Qt.MouseButton.LeftButton)
    dialog = page.accept_dialog
    dialog.alias.clear()
    qtbot.mouseClick(dialog.accept_button, Qt.MouseButton.LeftButton)
    wait_for_store(qtbot, ui_context)
    assert dialog.errors.message("alias") and dialog.isVisible()
    assert ui_store.call(lambda s: s.intake_requests.get(request.id)).status == "new"
    assert ui_store.call(lambda s: s.contacts.count()) == 0 and ui_store.call(lambda s: s.appointments.count()) == 0
    dialog.reject()


def test_a_request_can_be_matched_to_a_known_contact(qtbot, ui_context, ui_store, caseload: Caseload) -> None:
    known = next(c for c in caseload.contacts if c.family_name)
    request = _request(ui_store, 5, kind="first_contact", alias=known.family_name)
    contacts_before, appointments_before = len(caseload.contacts), len(caseload.appointments)
    page = _page(qtbot, ui_context)
    qtbot.mouseClick(page.accept_button, Qt.MouseButton.LeftButton)
    dialog = page.accept_dialog
    assert not dialog.appointment.isChecked()  # a first contact: no appointment unless asked for

    qtbot.mouseClick(dialog.match_existing, Qt.MouseButton.LeftButton)
    picker = dialog._picker
    assert picker is not None and picker.query.text() == known.family_name
    qtbot.waitUntil(lambda: picker.results.count() > 0, timeout=5_000)
    ids = [picker.results.item(row).data(Qt.ItemDataRole.UserRole).id for row in range(picker.results.count())]
    picker.results.setCurrentRow(ids.index(known.id))
    qtbot.keyClick(picker.query, Qt.Key.Key_Return)
    assert dialog.matched.id == known.id and not dialog.new_contact.isEnabled()
    qtbot.mouseClick(dialog.accept_button, Qt.MouseButton.LeftButton)
    wait_for_store(qtbot, ui_context)

    stored = ui_store.call(lambda s: s.intake_requests.get(request.id))
    assert (stored.status, stored.contact_id) == ("converted", known.id)
    assert ui_store.call(lambda s: s.contacts.count()) == contacts_before
    assert ui_store.call(lambda s: s.appointments.count()) == appointments_before


def test_declining_requires_a_reason_and_stores_it(qtbot, ui_context, ui_store) -> None:
    request = _request(ui_store, 5)
    page = _page(qtbot, ui_context)
    qtbot.mouseClick(page.decline_button, Qt.MouseButton.LeftButton)
    dialog = page.decline_dialog
    qtbot.mouseClick(dialog.decline_button, Qt.MouseButton.LeftButton)
    wait_for_store(qtbot, ui_context)
    assert dialog.errors.message("decline_reason") and dialog.isVisible()
    assert ui_store.call(lambda s: s.intake_requests.get(request.id)).status == "new"

    qtbot.keyClicks(dialog.reason, "Already followed by another service")
    qtbot.keyClick(dialog.reason, Qt.Key.Key_Return)
    wait_for_store(qtbot, ui_context)
    stored = ui_store.call(lambda s: s.intake_requests.get(request.id))
    assert (stored.status, stored.decline_reason) == ("declined", "Already followed by another service")
    assert _aliases(page) == []


def test_show_record_finds_a_handled_request_under_all(qtbot, ui_context, ui_store) -> None:
    _request(ui_store, 5, alias="Waiting")
    handled = _request(ui_store, 50, alias="Handled", status="declined", decline_reason="Duplicate")
    page = _page(qtbot, ui_context)
    page.show_record(handled.id)
    wait_for_store(qtbot, ui_context)
    qtbot.waitUntil(lambda: page.request is not None and page.request.id == handled.id, timeout=5_000)
    assert page.which.currentData() is None


def test_accepting_over_a_booking_warns_like_the_booking_dialog(
    qtbot,
    ui_context,
    ui_store,
    caseload: Caseload,
) -> None:
    """Issue 14 items 1 and 7: the proposed appointment overlaps one already booked: the accept
    path shows the booking dialog's warning (same rule: calendar_queries.overlapping) and
    writes nothing until "Book anyway"; it used to double-book without a word."""
    request = _request(ui_store, 5)
    day = next_working_day(NOW.date())
    starts = dt.datetime(day.year, day.month, day.day, 10, 15, tzinfo=ROME)
    ui_store.call(
        lambda s: s.appointments.create(
            contact_ids=[caseload.contacts[0].id],
            operator_id=ui_context.me,
            starts_at=starts,
            ends_at=starts + dt.timedelta(minutes=30),
            time_zone="Europe/Rome",
            place_kind="office",
            status="confirmed",
        )
    )
    page = _page(qtbot, ui_context)
    page.accept_button.click()
    dialog = page.accept_dialog
    assert dialog.appointment.isChecked()  # a booking request proposes 10:00-10:45 on the next working day
    qtbot.mouseClick(dialog.accept_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.clash_panel.isVisible(), timeout=5_000)
    assert "You already have an appointment 10:15" in dialog.clash_panel.text.text()
    assert ui_store.call(lambda s: s.intake_requests.get(request.id)).status == "new"
    before = ui_store.call(lambda s: s.appointments.count())

    qtbot.mouseClick(dialog.clash_panel.change_time_button, Qt.MouseButton.LeftButton)
    assert not dialog.clash_panel.isVisible() and dialog.time.hasFocus()
    qtbot.mouseClick(dialog.accept_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.clash_panel.isVisible(), timeout=5_000)
    qtbot.mouseClick(dialog.clash_panel.book_anyway_button, Qt.MouseButton.LeftButton)
    wait_for_store(qtbot, ui_context)
    assert ui_store.call(lambda s: s.intake_requests.get(request.id)).status == "converted"
    assert ui_store.call(lambda s: s.appointments.count()) == before + 1
