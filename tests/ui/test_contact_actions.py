"""Issue 14 items 7 and 8 on a contact's page, on a real store: booking and referring from it,
a home visit's address, notes with their author, consent dates, the list's columns, and what
Resources says after a referral."""

import datetime as dt
import os
import time
import uuid
from collections.abc import Iterator
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QDate, QLocale, Qt
from PySide6.QtWidgets import QApplication

from desktop.ui.calendar import date_text
from desktop.ui.calendar.form import AppointmentForm
from desktop.ui.conflict_view import value_text
from desktop.ui.contacts import ContactsPage
from desktop.ui.contacts.detail import consent_badge, when
from desktop.ui.contacts.model import NAME, PHONE, TAGS
from desktop.ui.resources import ResourcesPage
from desktop.ui.today import TodayPage
from protocol import Contact
from protocol.entities import end_of_day
from tests.ui.conftest import NOW, OPERATOR, Caseload, wait_for_store

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture()
def page(qtbot, ui_context, caseload: Caseload) -> ContactsPage:
    widget = ContactsPage(ui_context)
    qtbot.addWidget(widget)
    widget.resize(1000, 700)
    widget.show()
    qtbot.waitUntil(
        lambda: widget.model.rowCount() == len(caseload.contacts) and widget.model.is_loaded(0), timeout=5_000
    )
    return widget


def open_detail(qtbot, page: ContactsPage, contact_id: uuid.UUID) -> None:
    page.show_record(contact_id)
    qtbot.waitUntil(
        lambda: page.detail.bundle is not None and page.detail.bundle.contact.id == contact_id, timeout=5_000
    )


def items(widget) -> list[str]:
    return [widget.item(i).text() for i in range(widget.count())]


def with_address(ui_store, caseload: Caseload) -> Contact:
    person = next(c for c in caseload.contacts if c.kind == "person")
    return ui_store.call(lambda s: s.contacts.update(person.id, address="Via Roma 12, 26900 Lodi"))


# --- booking and referring from a contact's page --------------------------------------------------


def test_book_appointment_on_a_contacts_page_opens_the_booking_dialog_with_them(
    qtbot, page: ContactsPage, ui_store, caseload: Caseload
) -> None:
    """Issue 14 item 7: "Book appointment" on a contact's page opens the booking dialog with the contact in it."""
    person = caseload.contacts[10]
    open_detail(qtbot, page, person.id)
    qtbot.mouseClick(page.detail.book_button, LEFT)
    form = page.detail.appointment_form
    assert isinstance(form, AppointmentForm) and form.isVisible()
    assert form.contact_ids() == [person.id]
    assert not form.has_changes()  # the pre-filled person is not an edit to be asked about
    saved = []
    form.saved.connect(saved.append)
    qtbot.mouseClick(form.save_button, LEFT)
    qtbot.waitUntil(lambda: not form.isVisible() or form.clash_panel.isVisible(), timeout=5_000)
    if form.clash_panel.isVisible():  # the demo diary is busy around now: book anyway
        qtbot.mouseClick(form.book_anyway_button, LEFT)
        qtbot.waitUntil(lambda: not form.isVisible(), timeout=5_000)
    assert len(saved) == 1 and saved[0].contact_ids == [person.id]
    assert ui_store.call(lambda s: s.appointments.get(saved[0].id)).operator_id == OPERATOR


def test_refer_on_a_contacts_page_starts_the_refer_dialog_with_them(
    qtbot, page: ContactsPage, ui_context, caseload: Caseload
) -> None:
    """Issue 14 item 7: "Refer" on a contact's page leads to the Refer dialog with that person chosen."""
    resources = ResourcesPage(ui_context)
    qtbot.addWidget(resources)
    ui_context.navigator.pageRequested.connect(
        lambda key, record: resources.refer_contact(record) if key == "refer" else None
    )
    person = caseload.contacts[2]
    open_detail(qtbot, page, person.id)
    qtbot.mouseClick(page.detail.refer_button, LEFT)
    wait_for_store(qtbot, ui_context)
    resources.start_referral(caseload.resources[0])
    wait_for_store(qtbot, ui_context)
    assert resources.referral_dialog.contact.id == person.id
    assert resources.referral_dialog.contact_name.text() == person.display_name


def test_refer_starts_with_the_contact_distances_are_measured_from(qtbot, ui_context, caseload: Caseload) -> None:
    """Issue 14 item 8: when Resources measures distances from a contact, Refer pre-fills that contact."""
    resources = ResourcesPage(ui_context)
    qtbot.addWidget(resources)
    resources.show()
    wait_for_store(qtbot, ui_context)
    person = next(c for c in caseload.contacts if c.municipality)
    resources._use_origin_contact(person)  # what choosing them in "Distance from: A contact…" does
    wait_for_store(qtbot, ui_context)
    resources.start_referral(caseload.resources[1])
    wait_for_store(qtbot, ui_context)
    dialog = resources.referral_dialog
    assert dialog.contact is not None and dialog.contact.id == person.id
    dialog.reject()

    resources._set_origin_mode("none")  # distances no longer from them: nobody is assumed
    resources.start_referral(caseload.resources[1])
    assert resources.referral_dialog.contact is None


def test_after_a_referral_resources_says_saved_not_sent(qtbot, ui_context, ui_store, caseload: Caseload) -> None:
    """Issue 14 item 8: "Referral … sent." was shown while the referral only waited for a sync."""
    person, resource = caseload.contacts[0], caseload.resources[3]
    ui_store.call(
        lambda s: s.consents.create(
            contact_id=person.id, purpose="referral", method="verbal", given_at=NOW - dt.timedelta(days=3)
        )
    )
    resources = ResourcesPage(ui_context)
    qtbot.addWidget(resources)
    resources.show()
    resources.refer_contact(person.id)
    wait_for_store(qtbot, ui_context)
    resources.start_referral(resource)
    wait_for_store(qtbot, ui_context)
    qtbot.mouseClick(resources.referral_dialog.send_button, LEFT)
    wait_for_store(qtbot, ui_context)
    notice = resources.notice.text()
    assert resource.service_name in notice and "saved" in notice and "sent." not in notice
    assert ui_store.call(lambda s: s.referrals.count()) == 1


# --- a home visit takes the contact's address -------------------------------------------------


def test_a_home_visit_proposes_the_contacts_address(qtbot, ui_context, ui_store, caseload: Caseload) -> None:
    """Issue 14 item 7: choosing "Home visit" fills Location with the contact's address, never over typed text."""
    person = with_address(ui_store, caseload)
    form = AppointmentForm(ui_context, contact=person)
    qtbot.addWidget(form)
    form.show()
    assert form.contact_ids() == [person.id] and form.location.text() == ""
    form.place_kind.setCurrentIndex(form.place_kind.findData("home_visit"))
    assert form.location.text() == person.address
    form.place_kind.setCurrentIndex(form.place_kind.findData("office"))
    assert form.location.text() == ""  # the untouched proposal goes with the home visit

    form.location.setText("Bar della stazione")
    form.place_kind.setCurrentIndex(form.place_kind.findData("home_visit"))
    assert form.location.text() == "Bar della stazione"  # typed by the operator: kept


def test_a_home_visit_takes_the_address_of_a_contact_added_later(
    qtbot, ui_context, ui_store, caseload: Caseload
) -> None:
    """Issue 14 item 7: the home visit's address also comes from a contact chosen after the place."""
    person = with_address(ui_store, caseload)
    form = AppointmentForm(ui_context)
    qtbot.addWidget(form)
    form.show()
    form.place_kind.setCurrentIndex(form.place_kind.findData("home_visit"))
    assert form.location.text() == ""
    form.add_contact(person)
    assert form.location.text() == person.address


# --- notes show who wrote them and when ---------------------------------------------------------


def test_notes_show_their_author_and_when_they_were_written(
    qtbot, page: ContactsPage, ui_store, caseload: Caseload
) -> None:
    """Issue 14 item 7: a note in the contact's history names its author (never an id) and when it was written."""
    person = caseload.contacts[1]
    mine = ui_store.call(
        lambda s: s.notes.create(
            contact_id=person.id, body="Called about the flat", occurred_at=NOW - dt.timedelta(hours=2)
        )
    )
    open_detail(qtbot, page, person.id)
    text = next(t for t in items(page.detail.timeline) if "Called about the flat" in t)
    assert text.splitlines()[-1] == f"Written {when(mine.created_at)} by you", text
    assert str(OPERATOR) not in text and str(mine.author_device_id) not in text


# --- consent dates are dates ------------------------------------------------------------------------


@pytest.fixture(params=["Europe/Rome", "Europe/Helsinki"])
def local_zone(request: pytest.FixtureRequest) -> Iterator[ZoneInfo]:
    """The system zone, as the operator's laptop has it (the real clock is a fixed offset)."""
    before = os.environ.get("TZ")
    os.environ["TZ"] = request.param
    time.tzset()
    yield ZoneInfo(request.param)
    if before is None:
        del os.environ["TZ"]
    else:
        os.environ["TZ"] = before
    time.tzset()


def real_clock_at(moment: dt.datetime) -> dt.datetime:
    """What `dt.datetime.now().astimezone()` gives at that moment: a fixed UTC offset, no zone name."""
    return moment.astimezone(dt.UTC).astimezone()


def test_a_consent_is_valid_until_the_end_of_its_last_day_local_time(
    qtbot, page: ContactsPage, ui_store, caseload: Caseload, local_zone: ZoneInfo
) -> None:
    """Issue 14 item 7: "valid until 15/07/2027", written in winter, is valid at 23:59 local on that day,
    not at 00:00 the next, and shows as that date with no time (it showed the next day at 00:00)."""
    person = caseload.contacts[3]
    written = dt.datetime(2026, 12, 1, 11, 0, tzinfo=local_zone)  # winter: the clock's offset is not July's
    page.context.clock = lambda: real_clock_at(written)
    open_detail(qtbot, page, person.id)
    qtbot.mouseClick(page.detail.add_consent_button, LEFT)
    dialog = page.detail.consent_dialog
    dialog.purpose.setCurrentIndex(dialog.purpose.findData("referral"))
    dialog.expires.setChecked(True)
    dialog.expires_on.setDate(QDate(2027, 7, 15))
    qtbot.mouseClick(dialog.save_button, LEFT)
    wait_for_store(qtbot, page.context)
    consent = next(
        c for c in ui_store.call(lambda s: s.consents.where("contact_id", str(person.id))) if c.purpose == "referral"
    )

    last_minute = dt.datetime(2027, 7, 15, 23, 59, tzinfo=local_zone)
    next_day = dt.datetime(2027, 7, 16, 0, 0, tzinfo=local_zone)
    assert consent.is_active(last_minute) and not consent.is_active(next_day)
    assert consent_badge(consent, last_minute) != "expired" and consent_badge(consent, next_day) == "expired"

    qtbot.waitUntil(lambda: any("Referral" in t for t in items(page.detail.consents)), timeout=5_000)
    line = next(t for t in items(page.detail.consents) if "Referral" in t)
    until = QLocale().toString(QDate(2027, 7, 15), QLocale.FormatType.ShortFormat)
    given = QLocale().toString(QDate(2026, 12, 1), QLocale.FormatType.ShortFormat)
    assert f"until {until}" in line and f"given {given}" in line, line
    assert ":" not in line.split("until")[1], line  # a date, no time


def test_refer_records_a_consent_valid_through_the_chosen_day(
    qtbot, ui_context, ui_store, caseload: Caseload, local_zone: ZoneInfo
) -> None:
    """Issue 14 item 7: the consent recorded in the Refer dialog lapses at the local midnight after its day."""
    person = next(c for c in caseload.contacts if c.family_name)
    ui_context.clock = lambda: real_clock_at(dt.datetime(2026, 12, 1, 11, 0, tzinfo=local_zone))
    resources = ResourcesPage(ui_context)
    qtbot.addWidget(resources)
    resources.refer_contact(person.id)
    wait_for_store(qtbot, ui_context)
    resources.start_referral(caseload.resources[0])
    wait_for_store(qtbot, ui_context)
    dialog = resources.referral_dialog
    dialog.record_consent.setChecked(True)
    dialog.has_expiry.setChecked(True)
    dialog.expires.setDate(QDate(2027, 7, 15))
    qtbot.mouseClick(dialog.send_button, LEFT)
    wait_for_store(qtbot, ui_context)
    consent = ui_store.call(lambda s: s.consents.where("contact_id", str(person.id)))[0]
    assert consent.is_active(dt.datetime(2027, 7, 15, 23, 59, tzinfo=local_zone))
    assert not consent.is_active(dt.datetime(2027, 7, 16, 0, 0, tzinfo=local_zone))


# --- the list's columns ----------------------------------------------------------------------------


def test_the_phone_column_shows_a_whole_number_and_tags_do_not_take_half_the_table(
    qtbot, page: ContactsPage, caseload: Caseload
) -> None:
    """Issue 14 item 8: at 1366 px Phone was cut short while Tags took half the table."""
    page.resize(1366 - 200, 700)  # the window minus the navigation column
    QApplication.processEvents()
    header = page.table.horizontalHeader()
    metrics = page.table.fontMetrics()
    padding = 2 * page.table.style().pixelMetric(page.table.style().PixelMetric.PM_FocusFrameHMargin) + 8
    longest = max((c.phone for c in caseload.contacts if c.phone), key=metrics.horizontalAdvance)
    assert header.sectionSize(PHONE) >= metrics.horizontalAdvance("+39 0371 123 45678") + padding
    assert header.sectionSize(PHONE) >= metrics.horizontalAdvance(longest) + padding
    assert header.sectionSize(TAGS) < header.width() / 3
    assert header.sectionSize(NAME) >= header.sectionSize(TAGS)


def test_today_says_a_consent_expires_on_its_last_valid_day(qtbot, ui_context, ui_store, caseload: Caseload) -> None:
    """Issue 14 item 7: Today's "expires on" is the date written on the consent, not the midnight after it."""
    person = caseload.contacts[20]
    last = NOW.date() + dt.timedelta(days=12)
    ui_store.call(
        lambda s: s.consents.create(
            contact_id=person.id,
            purpose="referral",
            method="written",
            given_at=NOW - dt.timedelta(days=300),
            expires_at=end_of_day(last, NOW.tzinfo),
        )
    )
    today = TodayPage(ui_context)
    qtbot.addWidget(today)
    today.show()
    wait_for_store(qtbot, ui_context)
    line = next(
        today.follow_list.item(row).text()
        for row in range(today.follow_list.count())
        if person.display_name in today.follow_list.item(row).text()
    )
    assert line.endswith(f"expires on {date_text(last, long=False)}"), line


def test_a_conflict_on_a_consents_expiry_shows_the_date_written(ui_context, local_zone: ZoneInfo) -> None:
    """Issue 14 item 7: the sync conflict view showed a consent's "Expires on" as the next day at 00:00."""
    lapse = end_of_day(dt.date(2027, 12, 1), local_zone).astimezone(dt.UTC).isoformat()
    assert value_text(ui_context, "consent", "expires_at", lapse) == QLocale().toString(
        QDate(2027, 12, 1), QLocale.FormatType.ShortFormat
    )
