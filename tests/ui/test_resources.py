"""The Resources screen on a real store: searching the directory, reading a service,
and referring a person, with their consent or with one recorded on the spot."""

import datetime as dt

from PySide6.QtCore import QLocale, Qt, QTime
from PySide6.QtWidgets import QApplication, QDialog

from desktop.ui import labels
from desktop.ui.resources import ResourcesPage
from protocol.directory import is_stale
from tests.ui.conftest import NOW, Caseload, wait_for_store


def _page(qtbot, context) -> ResourcesPage:
    page = ResourcesPage(context)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    wait_for_store(qtbot, context)
    return page


def _shown(page: ResourcesPage) -> list[str]:
    return [page.results.topLevelItem(row).text(0) for row in range(page.results.topLevelItemCount())]


def _settle(qtbot, page: ResourcesPage) -> None:
    qtbot.waitUntil(lambda: not page._debounce.isActive(), timeout=2_000)
    wait_for_store(qtbot, page.context)


def test_search_by_keyword_category_and_municipality(qtbot, ui_context, caseload: Caseload) -> None:
    page = _page(qtbot, ui_context)
    assert len(_shown(page)) == len(caseload.resources)

    qtbot.keyClick(page, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is page.search
    qtbot.keyClicks(page.search, "mensa")
    _settle(qtbot, page)
    meals = sorted(r.service_name for r in caseload.resources if r.service_name.startswith("Mensa"))
    assert meals and sorted(_shown(page)) == meals

    page.search.clear()
    page.category.setCurrentIndex(page.category.findData("food"))
    _settle(qtbot, page)
    food = [r for r in caseload.resources if "food" in r.categories]
    assert sorted(_shown(page)) == sorted(r.service_name for r in food)
    assert labels.label("resource_category", "food") in page.results.topLevelItem(0).text(3).split(", ")

    town = next(r.location.municipality for r in food if r.service_name.startswith("Mensa"))
    page.municipality.setCurrentIndex(page.municipality.findData(town))
    _settle(qtbot, page)
    expected = sorted(r.service_name for r in food if r.location.municipality == town)
    assert sorted(_shown(page)) == expected
    assert {page.results.topLevelItem(row).text(2) for row in range(len(expected))} == {town}

    qtbot.keyClicks(page.search, "planetario")
    _settle(qtbot, page)
    assert _shown(page) == [] and "No service matches" in page.summary.text()


def test_arrows_move_in_the_results_and_enter_opens(qtbot, ui_context, caseload: Caseload) -> None:
    page = _page(qtbot, ui_context)
    page.focus_search()
    qtbot.keyClick(page.search, Qt.Key.Key_Down)
    assert QApplication.focusWidget() is page.results
    qtbot.keyClick(page.results, Qt.Key.Key_Down)
    second = page.results.topLevelItem(1).data(0, Qt.ItemDataRole.UserRole)
    assert page.results.currentItem().data(0, Qt.ItemDataRole.UserRole).id == second.id
    qtbot.keyClick(page.results, Qt.Key.Key_Return)
    assert page.detail.resource.id == second.id and page.detail.title.text() == second.service_name
    assert QApplication.focusWidget() is page.detail.refer_button


def test_detail_groups_hours_by_weekday_and_marks_stale_entries(qtbot, ui_context, ui_store) -> None:
    today = NOW.date()

    def make(s):
        common = {"organization_name": "Comune", "categories": ["food"], "location": {"municipality": "Lodi"}}
        old = s.resources.create(
            service_name="Mensa vecchia",
            **common,
            last_verified_on=today - dt.timedelta(days=400),
            phones=[{"number": "+39 0371 123456", "kind": "hotline"}],
            opening_hours=[
                {"weekday": 1, "opens_at": dt.time(14), "closes_at": dt.time(17)},
                {"weekday": 1, "opens_at": dt.time(9), "closes_at": dt.time(12)},
                {"weekday": 3, "opens_at": dt.time(9), "closes_at": dt.time(12)},
            ],
            hours_exceptions=[
                {"date": today + dt.timedelta(days=10), "opens_at": dt.time(9), "closes_at": dt.time(11)},
                {"date": today + dt.timedelta(days=3)},
                {"date": today - dt.timedelta(days=1)},  # gone by: not shown
            ],
        )
        fresh = s.resources.create(
            service_name="Mensa nuova", **common, last_verified_on=today - dt.timedelta(days=300)
        )
        return old, fresh

    old, fresh = ui_store.call(make)
    page = _page(qtbot, ui_context)
    page.show_record(old.id)
    wait_for_store(qtbot, ui_context)
    assert page.detail.resource.id == old.id
    assert page.detail.stale.isVisible()
    hours = page.detail.values["hours"].text().splitlines()
    assert [line.split(":")[0] for line in hours] == [labels.label("weekday", 1), labels.label("weekday", 3)]
    assert hours[0].count("–") == 2  # both Monday slots on one line, morning first
    morning, afternoon = (QLocale().toString(QTime(hour, 0), QLocale.FormatType.ShortFormat) for hour in (9, 14))
    assert hours[0].index(morning) < hours[0].index(afternoon)
    assert page.detail.values["phones"].text() == f"+39 0371 123456 ({labels.label('phone_kind', 'hotline')})"
    days_off = page.detail.values["exceptions"].text().splitlines()
    soon, later = (QLocale().toString(today + dt.timedelta(days=n), QLocale.FormatType.ShortFormat) for n in (3, 10))
    assert days_off == [
        f"{soon}: closed",
        f"{later}: {morning}–{QLocale().toString(QTime(11, 0), QLocale.FormatType.ShortFormat)}",
    ]

    page.show_record(fresh.id)
    wait_for_store(qtbot, ui_context)
    assert page.detail.resource.id == fresh.id and not page.detail.stale.isVisible()
    assert not page.detail.values["exceptions"].isVisible()  # none: the row is hidden
    assert is_stale(today - dt.timedelta(days=366), today) and not is_stale(today - dt.timedelta(days=365), today)


def _open_referral(qtbot, page: ResourcesPage, resource):
    page.show_record(resource.id)
    wait_for_store(qtbot, page.context)
    qtbot.mouseClick(page.detail.refer_button, Qt.MouseButton.LeftButton)
    dialog = page.referral_dialog
    assert dialog is not None and dialog.resource.id == resource.id
    return dialog


def test_refer_a_contact_on_their_active_consent(qtbot, ui_context, ui_store, caseload: Caseload) -> None:
    person, resource = caseload.contacts[0], caseload.resources[3]

    def consents(s):
        def give(purpose: str, days_ago: int, **extra: object):
            return s.consents.create(
                contact_id=person.id,
                purpose=purpose,
                method="verbal",
                given_at=NOW - dt.timedelta(days=days_ago),
                **extra,
            )

        give("research", 1)
        give("referral", 90, expires_at=NOW - dt.timedelta(days=1))
        return give("referral", 5)

    consent = ui_store.call(consents)
    page = _page(qtbot, ui_context)
    page.refer_contact(person.id)
    wait_for_store(qtbot, ui_context)
    assert page.banner.isVisible() and person.display_name in page.banner_text.text()

    dialog = _open_referral(qtbot, page, resource)
    wait_for_store(qtbot, ui_context)
    assert dialog.contact.id == person.id
    assert dialog.consents.count() == 1 and dialog.consents.currentData() == consent.id  # not expired, not research
    assert dialog.no_consent.isHidden() and dialog.record_consent.isHidden()
    qtbot.keyClicks(dialog.reason, "Needs a hot meal every day")
    qtbot.mouseClick(dialog.send_button, Qt.MouseButton.LeftButton)
    wait_for_store(qtbot, ui_context)

    referrals = ui_store.call(lambda s: s.referrals.where("contact_id", str(person.id)))
    assert [(r.status, r.consent_id, r.resource_id, r.reason) for r in referrals] == [
        ("sent", consent.id, resource.id, "Needs a hot meal every day")
    ]
    assert resource.service_name in page.notice.text()


def _choose_in_picker(qtbot, dialog, person) -> None:
    qtbot.mouseClick(dialog.choose_contact, Qt.MouseButton.LeftButton)
    picker = dialog._picker
    qtbot.keyClicks(picker.query, person.family_name)
    qtbot.waitUntil(lambda: picker.results.count() > 0, timeout=5_000)
    ids = [picker.results.item(row).data(Qt.ItemDataRole.UserRole).id for row in range(picker.results.count())]
    picker.results.setCurrentRow(ids.index(person.id))
    qtbot.keyClick(picker.query, Qt.Key.Key_Return)
    wait_for_store(qtbot, dialog.context)


def test_refer_without_consent_records_the_consent_given_now(qtbot, ui_context, ui_store, caseload: Caseload) -> None:
    person = next(c for c in caseload.contacts if c.family_name)
    resource = caseload.resources[0]
    page = _page(qtbot, ui_context)
    dialog = _open_referral(qtbot, page, resource)
    assert dialog.contact is None
    _choose_in_picker(qtbot, dialog, person)
    assert dialog.contact.id == person.id
    assert dialog.consents.isHidden() and not dialog.no_consent.isHidden() and "consent" in dialog.no_consent.text()

    qtbot.mouseClick(dialog.send_button, Qt.MouseButton.LeftButton)  # consent not recorded yet: refused here
    wait_for_store(qtbot, ui_context)
    assert "consent" in dialog.errors.message("consent_id") and dialog.isVisible()
    assert ui_store.call(lambda s: s.referrals.count()) == 0

    dialog.record_consent.setChecked(True)
    dialog.method.setCurrentIndex(dialog.method.findData("written"))
    qtbot.mouseClick(dialog.has_expiry, Qt.MouseButton.LeftButton)
    finished = []
    dialog.finished.connect(finished.append)
    qtbot.mouseClick(dialog.send_button, Qt.MouseButton.LeftButton)
    wait_for_store(qtbot, ui_context)

    consents = ui_store.call(lambda s: s.consents.where("contact_id", str(person.id)))
    referrals = ui_store.call(lambda s: s.referrals.where("contact_id", str(person.id)))
    assert len(consents) == 1 and len(referrals) == 1
    consent = consents[0]
    assert (consent.purpose, consent.method, consent.given_at) == ("referral", "written", NOW)
    assert consent.expires_at is not None and consent.expires_at > NOW
    assert consent.recipients == [resource.organization_name]
    assert (referrals[0].status, referrals[0].consent_id) == ("sent", consent.id)
    assert finished == [QDialog.DialogCode.Accepted]


def test_a_failing_referral_leaves_no_orphan_consent(qtbot, ui_context, ui_store, caseload: Caseload) -> None:
    person = next(c for c in caseload.contacts if c.family_name)
    resource = caseload.resources[1]
    page = _page(qtbot, ui_context)
    page.refer_contact(person.id)
    wait_for_store(qtbot, ui_context)
    dialog = _open_referral(qtbot, page, resource)
    wait_for_store(qtbot, ui_context)
    ui_store.call(lambda s: s.resources.tombstone(resource.id))  # e.g. a sync removed it meanwhile
    pending = ui_store.call(lambda s: s.outbox.count())

    dialog.record_consent.setChecked(True)
    qtbot.mouseClick(dialog.send_button, Qt.MouseButton.LeftButton)
    wait_for_store(qtbot, ui_context)

    assert dialog.errors.general.text() == "Service: what was chosen is no longer on this computer; choose again."
    assert dialog.isVisible()
    assert dialog.send_button.isEnabled()
    assert ui_store.call(lambda s: s.consents.where("contact_id", str(person.id))) == []
    assert ui_store.call(lambda s: s.referrals.count()) == 0
    assert ui_store.call(lambda s: s.outbox.count()) == pending
