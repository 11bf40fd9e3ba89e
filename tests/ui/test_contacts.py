"""The Contacts screen on a real store: forms, search, filters, the detail page and the lazy list."""

import datetime as dt
import uuid

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from desktop.store.session import StoreSession
from desktop.ui.contacts import ContactsPage
from desktop.ui.contacts.model import BLOCK, NAME, TEAM
from desktop.ui.contacts.page import CHANGE_PAUSE_MS
from protocol import Contact
from tests.ui.conftest import NOW, TEAM_A, TEAM_B, Caseload, wait_for_store

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


def shown_names(page: ContactsPage) -> list[str]:
    model = page.model
    return [model.data(model.index(row, NAME)) for row in range(model.rowCount())]


def listed_ids(page: ContactsPage) -> list[uuid.UUID]:
    return [page.model.id_at(row) for row in range(page.model.rowCount())]


def open_detail(qtbot, page: ContactsPage, contact_id: uuid.UUID) -> None:
    page.show_record(contact_id)
    qtbot.waitUntil(
        lambda: page.detail.bundle is not None and page.detail.bundle.contact.id == contact_id, timeout=5_000
    )


def items(widget) -> list[str]:
    return [widget.item(i).text() for i in range(widget.count())]


# --- create and edit -------------------------------------------------------------------------


def test_new_contact_starts_in_the_given_name(qtbot, page: ContactsPage) -> None:
    """Issue 14: typed at once after Ctrl+N, a name went into the Kind box and was lost (seen in a real window)."""
    qtbot.mouseClick(page.new_button, LEFT)
    form = page.contact_form
    assert form.focusWidget() is form.given_name


def test_a_contact_is_created_through_the_form(qtbot, page: ContactsPage, ui_store) -> None:
    qtbot.mouseClick(page.new_button, LEFT)
    form = page.contact_form
    assert form is not None and form.isVisible()
    qtbot.keyClicks(form.given_name, "Ottavia")
    qtbot.keyClicks(form.family_name, "Quaglierini")
    qtbot.keyClicks(form.birth_year, "1979")
    qtbot.keyClicks(form.phone, "+39 051 555 0101")
    qtbot.keyClicks(form.municipality, "Imola")
    qtbot.keyClicks(form.tags, "housing, follow-up")
    form.team.setCurrentIndex(form.team.findData(TEAM_B.id))
    qtbot.mouseClick(form.save_button, LEFT)
    qtbot.waitUntil(lambda: page.detail.bundle is not None, timeout=5_000)

    stored = ui_store.call(lambda s: s.contacts.search("Quaglierini"))
    assert len(stored) == 1
    created = stored[0]
    assert (created.given_name, created.birth_year, created.municipality, created.team_id, created.tags) == (
        "Ottavia",
        1979,
        "Imola",
        TEAM_B.id,
        ["housing", "follow-up"],
    )
    assert not form.isVisible()
    assert page.stack.currentWidget() is page.detail and page.detail.title.text() == "Ottavia Quaglierini"
    qtbot.waitUntil(lambda: created.id in listed_ids(page), timeout=5_000)  # the list refreshed by itself


def test_invalid_input_is_shown_beside_the_field_and_nothing_is_written(
    qtbot, page: ContactsPage, ui_store, caseload: Caseload
) -> None:
    qtbot.mouseClick(page.new_button, LEFT)
    form = page.contact_form
    form.kind.setCurrentIndex(form.kind.findData("pseudonymous"))
    qtbot.mouseClick(form.save_button, LEFT)
    qtbot.waitUntil(lambda: form.errors.message("alias") != "", timeout=5_000)
    assert form.errors.message("alias") == "A pseudonymous contact needs an alias."
    assert form.alias.accessibleDescription() == form.errors.message("alias")

    qtbot.keyClicks(form.alias, "Gufo")
    qtbot.keyClicks(form.phone, "12")
    qtbot.keyClicks(form.birth_year, "soon")
    qtbot.mouseClick(form.save_button, LEFT)
    qtbot.waitUntil(lambda: form.errors.message("phone") != "", timeout=5_000)
    assert form.errors.message("alias") == ""
    assert form.errors.message("birth_year") != ""
    assert form.isVisible()
    assert ui_store.call(lambda s: s.contacts.count()) == len(caseload.contacts)
    form.reject()


def test_the_kind_switch_hides_names_and_a_pseudonymous_contact_keeps_none(qtbot, page: ContactsPage, ui_store) -> None:
    qtbot.mouseClick(page.new_button, LEFT)
    form = page.contact_form
    qtbot.keyClicks(form.given_name, "Vera")
    form.kind.setCurrentIndex(form.kind.findData("pseudonymous"))
    assert not form.given_name.isVisible() and not form.family_name.isVisible()
    qtbot.keyClicks(form.alias, "Gufo")
    qtbot.mouseClick(form.save_button, LEFT)
    qtbot.waitUntil(lambda: page.detail.bundle is not None, timeout=5_000)
    contact = page.detail.bundle.contact
    assert (contact.kind, contact.alias, contact.given_name) == ("pseudonymous", "Gufo", None)
    assert page.detail.title.text() == "Gufo (alias)"


def test_a_contact_is_edited_and_the_list_follows(qtbot, page: ContactsPage, ui_store, caseload: Caseload) -> None:
    target = next(c for c in caseload.contacts if c.kind == "person" and c.family_name)
    open_detail(qtbot, page, target.id)
    qtbot.mouseClick(page.detail.edit_button, LEFT)
    form = page.detail.form
    assert form.family_name.text() == target.family_name
    form.municipality.clear()
    qtbot.keyClicks(form.municipality, "Ravenna")
    form.phone.clear()
    qtbot.keyClicks(form.phone, "not a phone")
    qtbot.mouseClick(form.save_button, LEFT)
    qtbot.waitUntil(lambda: form.errors.message("phone") != "", timeout=5_000)
    assert ui_store.call(lambda s: s.contacts.get(target.id)).municipality == target.municipality

    form.phone.clear()
    qtbot.mouseClick(form.save_button, LEFT)
    qtbot.waitUntil(lambda: not form.isVisible(), timeout=5_000)
    assert ui_store.call(lambda s: s.contacts.get(target.id)).municipality == "Ravenna"
    qtbot.waitUntil(lambda: "Ravenna" in [label.text() for label in page.detail.findChildren(QLabel)], timeout=5_000)
    qtbot.mouseClick(page.detail.back_button, LEFT)
    row = page.model.row_of(target.id)
    qtbot.waitUntil(lambda: page.model.data(page.model.index(row, 1)) == "Ravenna", timeout=5_000)


# --- search and filters -------------------------------------------------------------------------


def test_search_as_you_type_finds_the_contact(qtbot, page: ContactsPage, caseload: Caseload) -> None:
    target = next(c for c in caseload.contacts if c.family_name)
    page.search.setFocus()
    qtbot.keyClicks(page.search, target.family_name[:4])
    qtbot.waitUntil(lambda: 0 < page.model.rowCount() < len(caseload.contacts), timeout=5_000)
    assert target.id in listed_ids(page)
    assert "match" in page.status.text()
    qtbot.waitUntil(lambda: page.model.is_loaded(0), timeout=5_000)
    assert all(target.family_name[:4].casefold() in name.casefold() or "(alias)" in name for name in shown_names(page))

    qtbot.keyClicks(page.search, "zzzqx")
    qtbot.waitUntil(lambda: page.model.rowCount() == 0, timeout=5_000)
    page.search.clear()
    qtbot.waitUntil(lambda: page.model.rowCount() == len(caseload.contacts), timeout=5_000)


def test_typing_fast_runs_one_query_behind_and_shows_only_the_newest(
    qtbot, page: ContactsPage, caseload: Caseload
) -> None:
    """No typing pause (issue 23: it was felt on every keystroke): the first key queries at once; keys
    typed while that query runs wait for it, and only the newest of them runs after it."""
    target = next(c for c in caseload.contacts if c.family_name and len(c.family_name) >= 4)
    before = page.list_query.started
    for end in range(1, 5):  # four keystrokes before the store can answer the first
        page.search.setText(target.family_name[:end])
    assert page.list_query.started == before + 1 and page.list_query.running
    qtbot.waitUntil(lambda: not page.list_query.running and page.model.rowCount() > 0, timeout=5_000)
    assert page.list_query.started == before + 2  # the first, then the newest: the two between never ran
    assert target.id in listed_ids(page)
    qtbot.waitUntil(lambda: page.model.is_loaded(0), timeout=5_000)
    prefix = target.family_name[:4].casefold()
    assert all(prefix in name.casefold() or "(alias)" in name for name in shown_names(page))


def test_filters_by_team_and_municipality_narrow_the_list(
    qtbot, page: ContactsPage, ui_store, caseload: Caseload
) -> None:
    page.team_filter.setCurrentIndex(page.team_filter.findData(TEAM_B.id))
    team_b = {c.id for c in caseload.contacts if c.team_id == TEAM_B.id}
    qtbot.waitUntil(lambda: set(listed_ids(page)) == team_b, timeout=5_000)
    qtbot.waitUntil(lambda: page.model.is_loaded(0), timeout=5_000)
    assert {page.model.data(page.model.index(r, TEAM)) for r in range(page.model.rowCount())} == {TEAM_B.name}

    municipality = caseload.contacts[1].municipality  # a team A contact's municipality
    qtbot.waitUntil(lambda: page.municipality_filter.findData(municipality) > 0, timeout=5_000)
    page.municipality_filter.setCurrentIndex(page.municipality_filter.findData(municipality))
    expected = {c.id for c in caseload.contacts if c.team_id == TEAM_B.id and c.municipality == municipality}
    qtbot.waitUntil(lambda: set(listed_ids(page)) == expected, timeout=5_000)

    page.team_filter.setCurrentIndex(0)  # all teams: the municipality filter alone
    expected = {c.id for c in caseload.contacts if c.municipality == municipality}
    qtbot.waitUntil(lambda: set(listed_ids(page)) == expected and len(expected) > 0, timeout=5_000)
    assert "filters" in page.status.text()


def test_the_tag_filter_combines_with_search(qtbot, page: ContactsPage, caseload: Caseload) -> None:
    tagged = [c for c in caseload.contacts if "outreach" in c.tags]
    assert tagged
    qtbot.waitUntil(lambda: page.tag_filter.findData("outreach") > 0, timeout=5_000)
    page.tag_filter.setCurrentIndex(page.tag_filter.findData("outreach"))
    qtbot.waitUntil(lambda: set(listed_ids(page)) == {c.id for c in tagged}, timeout=5_000)
    target = next(c for c in tagged if c.municipality)
    qtbot.keyClicks(page.search, target.municipality.split()[0][:4])
    expected = {
        c.id
        for c in tagged
        if c.municipality and c.municipality.split()[0][:4].casefold() == target.municipality.split()[0][:4].casefold()
    }
    qtbot.waitUntil(
        lambda: target.id in listed_ids(page) and set(listed_ids(page)) <= {c.id for c in tagged}, timeout=5_000
    )
    assert expected <= set(listed_ids(page))


def test_a_change_refreshes_the_list_and_keeps_the_selection(
    qtbot, page: ContactsPage, ui_context, caseload: Caseload
) -> None:
    chosen = page.model.id_at(5)
    page.table.selectRow(5)
    ui_context.store.run(lambda s: s.contacts.create(given_name="Aaron", family_name="Aaberg"))
    qtbot.waitUntil(lambda: page.model.rowCount() == len(caseload.contacts) + 1, timeout=5_000)
    assert page.selected_id() == chosen and page.model.row_of(chosen) == 6  # "aaberg" sorts first
    qtbot.waitUntil(lambda: page.model.is_loaded(0), timeout=5_000)
    resets = []
    page.model.modelReset.connect(lambda: resets.append(1))
    ui_context.store.run(lambda s: s.notes.create(contact_id=chosen, body="x", occurred_at=NOW))
    wait_for_store(qtbot, ui_context)
    qtbot.wait(CHANGE_PAUSE_MS * 2)
    assert resets == [] and page.model.is_loaded(0)  # a note is not in the list: no reload, the cache stays


# --- the detail page -------------------------------------------------------------------------------


def test_the_detail_shows_consents_with_their_badges(qtbot, page: ContactsPage, ui_store, caseload: Caseload) -> None:
    contact = caseload.contacts[0]

    def consents(s: StoreSession) -> None:
        day = dt.timedelta(days=1)
        for purpose, given, expires, withdrawn in [
            ("case_management", NOW - 100 * day, None, None),
            ("referral", NOW - 300 * day, NOW + 10 * day, None),
            ("contact", NOW - 300 * day, NOW + 1 * day, None),
            ("research", NOW - 400 * day, NOW - 5 * day, None),
            ("information_sharing", NOW - 50 * day, NOW + 200 * day, NOW - 2 * day),
            ("other", NOW - 10 * day, NOW + 100 * day, None),
        ]:
            s.consents.create(
                contact_id=contact.id,
                purpose=purpose,
                method="written",
                given_at=given,
                expires_at=expires,
                withdrawn_at=withdrawn,
            )

    ui_store.call(consents)
    open_detail(qtbot, page, contact.id)
    lines = items(page.detail.consents)
    badges = {line.split(" — ", 1)[1].split(" · ")[0]: line.split(" — ", 1)[0] for line in lines}
    assert badges == {
        "Case management": "active",
        "Referral to services": "expires in 10 days",
        "Being contacted": "expires in 1 day",
        "Research": "expired",
        "Information sharing": "withdrawn",
        "Other": "active",
    }


def test_a_consent_is_added_and_withdrawn(qtbot, page: ContactsPage, ui_store, caseload: Caseload) -> None:
    contact = caseload.contacts[2]
    open_detail(qtbot, page, contact.id)
    qtbot.mouseClick(page.detail.add_consent_button, LEFT)
    dialog = page.detail.consent_dialog
    dialog.purpose.setCurrentIndex(dialog.purpose.findData("referral"))
    dialog.expires.setChecked(True)
    dialog.expires_on.setDate(dialog.given_on.date().addDays(-3))  # before it was given: refused
    qtbot.mouseClick(dialog.save_button, LEFT)
    qtbot.waitUntil(lambda: dialog.errors.message("expires_at") != "", timeout=5_000)
    assert ui_store.call(lambda s: s.consents.where("contact_id", str(contact.id))) == []

    dialog.expires_on.setDate(dialog.given_on.date().addDays(20))
    qtbot.mouseClick(dialog.save_button, LEFT)
    qtbot.waitUntil(lambda: any("expires in 21 days" in line for line in items(page.detail.consents)), timeout=5_000)

    page.detail.consents.setCurrentRow(0)
    assert page.detail.withdraw_button.isEnabled()
    qtbot.mouseClick(page.detail.withdraw_button, LEFT)
    qtbot.mouseClick(page.detail.confirmation.yes_button, LEFT)
    qtbot.waitUntil(lambda: any(line.startswith("withdrawn") for line in items(page.detail.consents)), timeout=5_000)
    stored = ui_store.call(lambda s: s.consents.where("contact_id", str(contact.id)))
    assert len(stored) == 1 and stored[0].withdrawn_at == NOW


def test_notes_are_added_and_corrected_never_edited(qtbot, page: ContactsPage, ui_store, caseload: Caseload) -> None:
    contact = caseload.contacts[0]  # has an appointment today in the caseload
    open_detail(qtbot, page, contact.id)
    qtbot.mouseClick(page.detail.add_note_button, LEFT)
    dialog = page.detail.note_dialog
    qtbot.mouseClick(dialog.save_button, LEFT)  # an empty note is refused beside the field
    qtbot.waitUntil(lambda: dialog.errors.message("body") != "", timeout=5_000)
    qtbot.keyClicks(dialog.body, "Incontrato al dormitorio, sta meglio.")
    qtbot.mouseClick(dialog.save_button, LEFT)
    qtbot.waitUntil(lambda: any("sta meglio" in line for line in items(page.detail.timeline)), timeout=5_000)
    lines = items(page.detail.timeline)
    assert any("Appointment" in line for line in lines)
    assert "sta meglio" in lines[0]  # newest first: the note (now) before the 09:00 appointment

    page.detail.timeline.setCurrentRow(0)
    qtbot.mouseClick(page.detail.correct_note_button, LEFT)
    correction = page.detail.note_dialog
    qtbot.keyClicks(correction.body, "Correzione: era alla mensa.")
    qtbot.mouseClick(correction.save_button, LEFT)
    qtbot.waitUntil(lambda: any("era alla mensa" in line for line in items(page.detail.timeline)), timeout=5_000)
    notes = ui_store.call(lambda s: s.notes.where("contact_id", str(contact.id)))
    original = next(n for n in notes if "sta meglio" in n.body)
    fix = next(n for n in notes if "mensa" in n.body)
    assert fix.amends_note_id == original.id and original.body == "Incontrato al dormitorio, sta meglio."
    assert any("corrected by a later note" in line for line in items(page.detail.timeline))


def test_a_relationship_is_added_with_the_picker_and_opens_the_other(
    qtbot, page: ContactsPage, ui_store, caseload: Caseload
) -> None:
    contact = caseload.contacts[0]
    other = next(c for c in caseload.contacts[1:] if c.family_name)
    open_detail(qtbot, page, contact.id)
    qtbot.mouseClick(page.detail.add_relationship_button, LEFT)
    dialog = page.detail.relationship_dialog
    qtbot.mouseClick(dialog.save_button, LEFT)  # nobody chosen yet
    assert dialog.errors.message("from_contact_id") != "" and dialog.isVisible()
    qtbot.mouseClick(dialog.choose_button, LEFT)
    picker = dialog.picker
    qtbot.keyClicks(picker.query, f"{other.given_name} {other.family_name}")
    qtbot.waitUntil(lambda: picker.results.count() > 0, timeout=5_000)
    matches = [picker.results.item(i).data(Qt.ItemDataRole.UserRole).id for i in range(picker.results.count())]
    picker.results.setCurrentRow(matches.index(other.id))
    qtbot.keyClick(picker.query, Qt.Key.Key_Return)
    assert dialog.other is not None and dialog.other.id == other.id
    dialog.kind.setCurrentIndex(dialog.kind.findData("sibling"))
    qtbot.mouseClick(dialog.save_button, LEFT)
    qtbot.waitUntil(lambda: any(other.display_name in line for line in items(page.detail.relationships)), timeout=5_000)
    assert items(page.detail.relationships) == [f"{other.display_name} — Sibling"]

    page.detail.relationships.setCurrentRow(0)
    qtbot.keyClick(page.detail.relationships, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.detail.bundle is not None and page.detail.bundle.contact.id == other.id, timeout=5_000)
    assert items(page.detail.relationships) == [f"Sibling of {contact.display_name}"]


def test_a_contact_is_deleted_after_confirmation(qtbot, page: ContactsPage, ui_store, caseload: Caseload) -> None:
    contact = caseload.contacts[3]
    open_detail(qtbot, page, contact.id)
    qtbot.mouseClick(page.detail.delete_button, LEFT)
    page.detail.confirmation.reject()  # cancelled: nothing happens
    assert ui_store.call(lambda s: s.contacts.exists(contact.id))
    qtbot.mouseClick(page.detail.delete_button, LEFT)
    qtbot.mouseClick(page.detail.confirmation.yes_button, LEFT)
    qtbot.waitUntil(lambda: page.stack.currentWidget() is page.list_panel, timeout=5_000)
    assert not ui_store.call(lambda s: s.contacts.exists(contact.id))
    qtbot.waitUntil(lambda: page.model.rowCount() == len(caseload.contacts) - 1, timeout=5_000)
    assert contact.id not in listed_ids(page)


def test_refer_opens_the_resources_screen_and_escape_goes_back(
    qtbot, page: ContactsPage, ui_context, caseload: Caseload
) -> None:
    requests = []
    ui_context.navigator.pageRequested.connect(lambda key, record: requests.append((key, record)))
    open_detail(qtbot, page, caseload.contacts[0].id)
    qtbot.mouseClick(page.detail.refer_button, LEFT)
    assert requests == [("refer", caseload.contacts[0].id)]
    page.detail.back_button.setFocus()
    qtbot.keyClick(page.detail.back_button, Qt.Key.Key_Escape)
    assert page.stack.currentWidget() is page.list_panel


def test_enter_on_a_row_opens_its_detail(qtbot, page: ContactsPage) -> None:
    page.table.setFocus()
    page.table.selectRow(2)
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.detail.bundle is not None, timeout=5_000)
    assert page.detail.bundle.contact.id == page.model.id_at(2)


# --- the lazy list ------------------------------------------------------------------------------------


def test_the_list_fetches_only_what_is_on_screen(qtbot, ui_context, ui_store) -> None:
    total = 2_000
    ui_store.call(
        lambda s: s.contacts.create_many(
            [{"given_name": f"Persona {i:04d}", "family_name": "Prova", "municipality": "Lodi"} for i in range(total)]
        )
    )
    page = ContactsPage(ui_context)
    qtbot.addWidget(page)
    page.resize(900, 600)
    page.show()
    qtbot.waitUntil(lambda: page.model.rowCount() == total and page.model.is_loaded(0), timeout=5_000)
    assert page.model.data(page.model.index(0, NAME)) == "Persona 0000 Prova"
    page.table.scrollTo(page.model.index(700, 0))
    qtbot.waitUntil(lambda: page.model.is_loaded(700), timeout=5_000)
    assert page.model.rows_fetched <= 3 * BLOCK

    page.table.scrollToBottom()
    qtbot.waitUntil(lambda: page.model.is_loaded(total - 1), timeout=5_000)
    assert page.model.data(page.model.index(total - 1, NAME)) == f"Persona {total - 1:04d} Prova"
    assert page.model.rows_fetched <= 5 * BLOCK < total
    assert not page.model.is_loaded(total // 2)  # never visited, never fetched


def test_a_placeholder_shows_until_the_block_arrives(qtbot, ui_context, caseload: Caseload) -> None:
    page = ContactsPage(ui_context)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: page.model.rowCount() > 0, timeout=5_000)
    if not page.model.is_loaded(0):
        assert page.model.data(page.model.index(0, NAME)) == "Loading…"
    qtbot.waitUntil(lambda: page.model.is_loaded(0), timeout=5_000)
    first = page.model.data(page.model.index(0, NAME))
    assert first != "Loading…" and isinstance(first, str) and first


def test_show_record_from_navigation_opens_the_detail(qtbot, ui_context, caseload: Caseload) -> None:
    page = ContactsPage(ui_context)
    qtbot.addWidget(page)
    pseudonymous: Contact = next(c for c in caseload.contacts if c.kind == "pseudonymous")
    page.show_record(pseudonymous.id)
    qtbot.waitUntil(lambda: page.detail.bundle is not None, timeout=5_000)
    assert page.detail.title.text() == f"{pseudonymous.alias} (alias)"
    qtbot.waitUntil(lambda: page.model.is_loaded(0) or page.model.rowCount() > 0, timeout=5_000)
    row = page.model.row_of(pseudonymous.id)
    page.show_list()
    page.show()
    qtbot.waitUntil(lambda: page.model.is_loaded(row), timeout=5_000)
    assert page.model.data(page.model.index(row, NAME)) == f"{pseudonymous.alias} (alias)"
    assert TEAM_A.name in {
        page.model.data(page.model.index(r, TEAM)) for r in range(page.model.rowCount()) if page.model.is_loaded(r)
    }


def test_editing_keeps_a_team_the_operator_is_not_in(qtbot, page: ContactsPage, ui_store) -> None:
    elsewhere = uuid.UUID("00000000-0000-4000-8000-0000000000ff")
    contact = ui_store.call(lambda s: s.contacts.create(given_name="Irene", team_id=elsewhere))
    open_detail(qtbot, page, contact.id)
    qtbot.mouseClick(page.detail.edit_button, LEFT)
    form = page.detail.form
    qtbot.keyClicks(form.municipality, "Faenza")
    qtbot.mouseClick(form.save_button, LEFT)
    qtbot.waitUntil(lambda: not form.isVisible(), timeout=5_000)
    stored = ui_store.call(lambda s: s.contacts.get(contact.id))
    assert (stored.municipality, stored.team_id) == ("Faenza", elsewhere)
