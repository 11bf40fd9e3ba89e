"""The Street outreach screen on a real SQLCipher store (issue 18, parts 1, 2, 3 and 5): a
shift started, encounters recorded in three actions, by keys and by taps, undone, with a code
made and searched, the low-stock warning here and on Today, the shift ended with its summary
and changed afterwards. Offscreen; the real-window run is tests/ui_real/test_outreach_real.py.
"""

import uuid

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from desktop.store import outreach_queries as oq
from desktop.ui.outreach.code_maker import CodeMakerDialog
from desktop.ui.outreach.common import TOUCH
from desktop.ui.outreach.page import OutreachPage
from desktop.ui.today import TodayPage
from protocol.client_codes import DEFAULT_RECIPE, make_code
from tests.ui.conftest import OPERATOR, TEAM_A, TEST_CODE_KEY, enrol_offline, wait_for_store

KEY = TEST_CODE_KEY


def outreach_store(store, low_at: int = 5) -> dict[str, uuid.UUID]:
    """Enrolled in team A with the organisation's code key, two supply items, 6 syringes."""
    store.call(lambda s: enrol_offline(s, OPERATOR, [TEAM_A], code_key=KEY))

    def items(s):
        naloxone = s.supply_items.create(
            name_it="Naloxone", name_en="Naloxone kit", name_fi="Naloksoni", unit="kit", kind="harm_reduction"
        )
        syringes = s.supply_items.create(
            name_it="Siringhe",
            name_en="Syringes",
            name_fi="Ruiskut",
            unit="piece",
            kind="harm_reduction",
            low_stock_at=low_at,
        )
        oq.add_movement(s, TEAM_A.id, syringes.id, "received", quantity=6)
        oq.add_movement(s, TEAM_A.id, naloxone.id, "received", quantity=10)
        return {"naloxone": naloxone.id, "syringes": syringes.id}

    return store.call(items)


def open_page(qtbot, context) -> OutreachPage:
    page = OutreachPage(context)
    qtbot.addWidget(page)
    page.resize(1180, 700)
    page.show()
    wait_for_store(qtbot, context)
    return page


def activate(qtbot, page: OutreachPage) -> None:
    page.activateWindow()  # a window manager would; offscreen, shortcuts need it
    qtbot.waitUntil(page.isActiveWindow, timeout=5_000)


def start_through_the_form(qtbot, page: OutreachPage, area: str = "Lodi") -> None:
    form = page.start_shift()
    qtbot.waitUntil(form.isVisible)
    form.area.setText(area)
    form.primary_button.click()
    wait_for_store(qtbot, page.context)
    qtbot.waitUntil(lambda: page.stack.currentWidget() is page.quick)


def live(store, shift_id=None):
    def read(s):
        shift = shift_id or oq.open_shift(s).id
        return oq.encounters_of(s, shift), oq.shift_summary(s, shift)

    return store.call(read)


def test_an_anonymous_encounter_is_three_keys_and_undo_takes_it_back(qtbot, ui_context, ui_store) -> None:
    ids = outreach_store(ui_store)
    page = open_page(qtbot, ui_context)
    assert page.start_button.isVisible() and not page.end_button.isVisible()
    start_through_the_form(qtbot, page)
    shift = ui_store.call(oq.open_shift)
    assert shift.municipalities == ["Lodi"] and shift.member_ids == [OPERATOR]
    quick = page.quick
    activate(qtbot, page)
    quick.plus_button.setFocus()

    QTest.keyClick(quick.plus_button, Qt.Key.Key_Plus)  # 1: +
    assert quick.is_open()
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_2)  # 2: the second item (Syringes, by name)
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)  # 3: done
    wait_for_store(qtbot, ui_context)

    encounters, summary = live(ui_store)
    assert [(e.people, e.gender, [(g.item_id, g.quantity) for g in e.given]) for e in encounters] == [
        (1, "not_asked", [(ids["syringes"], 1)])
    ]
    assert not quick.is_open()
    assert "Encounters 1" in quick.counters.text() and "Given 1" in quick.counters.text()
    assert quick.undo_button.isVisible() and "(10 s)" in quick.undo_button.text()

    quick.undo_button.click()
    wait_for_store(qtbot, ui_context)
    encounters, summary = live(ui_store)
    assert encounters == [] and summary.encounters == 0
    assert "Encounters 0" in quick.counters.text()


def test_a_group_with_every_optional_field_by_taps(qtbot, ui_context, ui_store, caseload) -> None:
    ids = outreach_store(ui_store, low_at=3)
    page = open_page(qtbot, ui_context)
    start_through_the_form(qtbot, page, area="Giro stazione")
    quick = page.quick
    quick.plus_button.click()
    for button in [*quick.supply_buttons.values(), *quick.gender.group.buttons(), *quick.topic_buttons.values()]:
        assert button.height() >= TOUCH and button.width() >= TOUCH, button.text()
    syringes = quick.supply_buttons[ids["syringes"]]
    for _ in range(7):  # more than the 6 held: recorded all the same, and flagged
        syringes.click()
    assert "× 7" in syringes.text()
    quick.people.spin.setValue(3)
    quick.gender.group.button(1).click()  # woman
    quick.age.choose("25_34")
    quick.new.choose(True)
    quick.topic_buttons["housing"].click()
    quick.referral.setCurrentIndex(1)
    quick.sharps.spin.setValue(4)
    quick.note.setText("asked about the night shelter")
    quick.done_button.click()
    wait_for_store(qtbot, ui_context)

    encounters, summary = live(ui_store)
    (encounter,) = encounters
    assert (encounter.people, encounter.gender, encounter.age_band, encounter.new_person) == (3, "woman", "25_34", True)
    assert encounter.topics == ["housing"] and encounter.sharps_returned == 4
    assert encounter.referral_resource_id == quick.referral.itemData(1)
    assert (summary.people, summary.new_people, summary.referrals, summary.sharps_in) == (3, 3, 1, 4)
    assert "check the stock" in quick.undo_label.text()  # 7 given of 6 held
    assert page.low_label.text() == "Low stock: Syringes -1 (warn at 3)"  # the shift's team only
    assert shift_ended_later(qtbot, page, ui_store).notes == "cold night"


def shift_ended_later(qtbot, page: OutreachPage, store):
    form = page.end_shift()
    qtbot.waitUntil(form.isVisible)
    assert "Encounters: 1" in form.summary_label.text() and "People: 3 (3 new" in form.summary_label.text()
    form.notes.setPlainText("cold night")
    form.primary_button.click()
    wait_for_store(qtbot, page.context)
    qtbot.waitUntil(lambda: page.start_button.isVisible())
    assert store.call(oq.open_shift) is None
    assert page.recent.count() == 1 and "encounters: 1, people: 3" in page.recent.item(0).text()
    shift_id = page.recent.item(0).data(Qt.ItemDataRole.UserRole)
    return store.call(lambda s: s.shifts.get(shift_id))


def test_a_shift_is_changed_after_the_fact_and_a_bad_area_is_refused_under_its_field(
    qtbot, ui_context, ui_store
) -> None:
    outreach_store(ui_store)
    shift = ui_store.call(lambda s: oq.start_shift(s, TEAM_A.id, "Codogno"))
    ui_store.call(lambda s: oq.end_shift(s, shift.id))
    page = open_page(qtbot, ui_context)
    assert page.recent.count() == 1
    page._open_recent(page.recent.item(0))
    form = page.form
    qtbot.waitUntil(form.isVisible)
    form.area.setText("")
    form.primary_button.click()
    wait_for_store(qtbot, ui_context)
    assert form.isVisible() and "municipalit" in form.errors.message("municipalities").lower()
    form.area.setText("Lodi")
    form.kind.setCurrentIndex(form.kind.findData("mobile_unit"))
    form.notes.setPlainText("van broke down at 21")
    form.primary_button.click()
    wait_for_store(qtbot, ui_context)
    changed = ui_store.call(lambda s: s.shifts.get(shift.id))
    assert (changed.municipalities, changed.kind, changed.notes) == (["Lodi"], "mobile_unit", "van broke down at 21")


def test_the_code_maker_keeps_no_answer_and_offers_the_near_miss(qtbot, ui_context, ui_store) -> None:
    outreach_store(ui_store)
    answers = {"mother_first_name": "Maria", "birth_day": "12", "birth_year": "1990", "gender": "F"}
    known = make_code(KEY, DEFAULT_RECIPE, {**answers, "birth_day": "13"})  # met before, one day off
    shift = ui_store.call(lambda s: oq.start_shift(s, TEAM_A.id, "Lodi"))
    ui_store.call(lambda s: oq.record_encounter(s, shift.id, client_code=known))
    page = open_page(qtbot, ui_context)
    quick = page.quick
    quick.plus_button.click()

    quick.code.setText(known[:6].lower())
    quick.code.textEdited.emit(known[:6].lower())  # typed: search as you type
    wait_for_store(qtbot, ui_context)
    assert quick.code_model.stringList() == [known]

    dialog = CodeMakerDialog(ui_context, TEAM_A.id, quick)
    qtbot.addWidget(dialog)
    dialog.show()
    wait_for_store(qtbot, ui_context)
    assert list(dialog.fields) == ["mother_first_name", "birth_day", "birth_year", "gender"]
    dialog.fields["birth_day"].setText("12")
    dialog.primary_button.click()
    wait_for_store(qtbot, ui_context)
    assert "required" in dialog.errors.message("mother_first_name").lower()  # named, refused
    for name, value in answers.items():
        dialog.fields[name].setText(value)
    dialog.primary_button.click()
    wait_for_store(qtbot, ui_context)
    assert all(edit.text() == "" for edit in dialog.fields.values())  # the answers are gone
    assert make_code(KEY, DEFAULT_RECIPE, answers) in dialog.code_text.text()
    suggestions = [w.text() for w in dialog.findChildren(type(quick.done_button)) if known in w.text()]
    assert suggestions == [f"{known} (differs in: Day of birth (1-31))"]


def test_low_stock_shows_on_today_and_opens_the_shift_screen(qtbot, ui_context, ui_store, caseload) -> None:
    outreach_store(ui_store, low_at=6)  # 6 syringes held: at the threshold
    today = TodayPage(ui_context)
    qtbot.addWidget(today)
    today.show()
    wait_for_store(qtbot, ui_context)
    assert today.low_stock.isVisible() and today.low_stock.text() == (
        "Low stock: Syringes 6 (warn at 6) · Unità di strada, Syringes 0 (warn at 6) · Servizio famiglie"
    )
    with qtbot.waitSignal(ui_context.navigator.pageRequested) as opened:
        today.low_stock_button.click()
    assert opened.args == ["outreach", None]
