"""Issue 14 items 4 and 8: what a person reads is our own sentence in their language.

Validation problems name the field in words and say the rule in it/en/fi (never pydantic's
English), counts use Qt's plural forms in all three languages, times and numbers follow the
UI language's locale, Qt's own buttons are translated, and languages and time zones are
named in words.
"""

import ast
import datetime as dt
import uuid
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel, ValidationError
from PySide6.QtCore import QCoreApplication, Qt, QTranslator
from PySide6.QtWidgets import QDialogButtonBox, QLabel, QMessageBox

import desktop.store
import desktop.ui
from desktop.store.errors import Problem, RuleViolation
from desktop.sync.scheduler import SyncState
from desktop.ui import formats, i18n, messages
from desktop.ui.calendar import range_text
from desktop.ui.contacts import ContactsPage
from desktop.ui.forms import field_errors
from desktop.ui.sync_bridge import describe
from protocol import entities
from protocol.ids import new_id
from tests.ui.conftest import NOW, Caseload, wait_for_store

UI = Path(desktop.ui.__file__).parent
STORE = Path(desktop.store.__file__).parent
ENTITIES = Path(entities.__file__)
CATALOGUES = UI / "translations"
LEFT = Qt.MouseButton.LeftButton


# --- every problem our schemas can raise has our sentence ------------------------------------------


def _meta() -> dict[str, Any]:
    return {"id": new_id(), "created_at": NOW, "updated_at": NOW, "author_device_id": uuid.uuid4()}


def _valid() -> dict[type[BaseModel], dict[str, Any]]:
    """One valid input per model, from which each field is broken in turn."""
    someone = uuid.uuid4()
    return {
        entities.Contact: {**_meta(), "given_name": "Anna"},
        entities.Relationship: {**_meta(), "from_contact_id": someone, "to_contact_id": uuid.uuid4(), "kind": "friend"},
        entities.Consent: {
            **_meta(),
            "contact_id": someone,
            "purpose": "referral",
            "method": "verbal",
            "given_at": NOW,
        },
        entities.Appointment: {
            **_meta(),
            "contact_ids": [someone],
            "operator_id": uuid.uuid4(),
            "starts_at": NOW,
            "ends_at": NOW + dt.timedelta(hours=1),
            "time_zone": "Europe/Rome",
            "place_kind": "office",
        },
        entities.Resource: {
            **_meta(),
            "organization_name": "Comune",
            "service_name": "Mensa",
            "location": {"municipality": "Lodi"},
            "categories": ["food"],
            "phones": [{"number": "0371 123456"}],
            "opening_hours": [{"weekday": 1, "opens_at": dt.time(9), "closes_at": dt.time(12)}],
        },
        entities.Note: {**_meta(), "contact_id": someone, "body": "Met at the station.", "occurred_at": NOW},
        entities.Referral: {**_meta(), "contact_id": someone, "resource_id": uuid.uuid4()},
        entities.IntakeRequest: {
            **_meta(),
            "kind": "first_contact",
            "alias": "Gufo",
            "contact_channel": "none",
            "language": "it",
            "consent_to_contact": False,
            "received_at": NOW,
        },
        entities.BookableSlot: {
            **_meta(),
            "team_id": uuid.uuid4(),
            "starts_at": NOW,
            "ends_at": NOW + dt.timedelta(minutes=45),
            "time_zone": "Europe/Rome",
            "mode": "phone",
        },
        entities.ResourcePhone: {"number": "0371 123456"},
        entities.OpeningHours: {"weekday": 1, "opens_at": dt.time(9), "closes_at": dt.time(12)},
        entities.ResourceLocation: {"municipality": "Lodi"},
    }


# Wrong values of every shape: each one breaks some constraint of some field.
BAD_VALUES: list[Any] = [
    None,
    "",
    " ",
    "x" * 20_001,
    "not, a; valid value?",
    "abc",
    "ITA",
    "+",
    "12",
    -1,
    0,
    10**6,
    1.5,
    True,
    [],
    ["a,b"],
    ["x"] * 60,
    [None],
    {},
    {"zz": 1},
    object(),
    "2026-01-01",
    dt.datetime(2026, 1, 1),  # noqa: DTZ001 - naive on purpose: a wrong value
    dt.date(2026, 1, 1),
    dt.time(1),
    uuid.uuid4(),
    NOW - dt.timedelta(days=1),
    NOW + dt.timedelta(days=1),
]


def _problems_of_every_field() -> list[tuple[str, ValidationError]]:
    found = []
    for model, valid in _valid().items():
        model.model_validate(valid)  # the baseline itself is fine
        for field in model.model_fields:
            broken = [{**valid, field: value} for value in BAD_VALUES]
            broken.append({key: value for key, value in valid.items() if key != field})  # missing
            broken.append({**valid, "not_a_field": 1})
            for data in broken:
                try:
                    model.model_validate(data)
                except ValidationError as exc:
                    found.append((f"{model.__name__}.{field}", exc))
    return found


def test_every_problem_our_schemas_can_raise_has_our_own_sentence() -> None:
    """Issue 14 item 4: walks every field of every protocol model with wrong values, and
    checks each pydantic error type, pattern and own rule maps to a sentence of ours."""
    untranslated: set[str] = set()
    types: set[str] = set()
    for where, error in _problems_of_every_field():
        for problem in messages.problems(error):
            types.add(problem.type)
            text = messages.problem_text(problem)
            fallback = QCoreApplication.translate("Messages", "this is not valid.")
            if (
                text in (fallback, QCoreApplication.translate("Messages", "this is not in the expected form."))
                or "should" in text
                or "Input" in text
                or "Value error" in text
            ):
                untranslated.add(f"{where}: {problem.type} {problem.rule!r}")
            named = [part for part in problem.field.split(".") if not part.isdigit()]
            if named and named[-1] not in messages.named_fields() and problem.type != "extra_forbidden":
                untranslated.add(f"{where}: no words for the field {problem.field}")
    assert untranslated == set()
    assert {"string_too_short", "string_pattern_mismatch", "too_short", "missing", "value_error"} <= types


def test_every_field_of_every_record_is_named_in_words() -> None:
    """Issue 14 item 4: the one table of field names covers every field a record has."""
    unnamed = [
        f"{model.__name__}.{field}"
        for model in _valid()
        for field in model.model_fields
        if field not in messages.named_fields()
    ]
    assert unnamed == []


def _literal_text(node: ast.expr, constants: dict[str, str]) -> str | None:
    """A raised message as text, each formatted part replaced by a sample value."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.Name) and node.id in constants:
        return constants[node.id]
    if isinstance(node, ast.JoinedStr):
        parts = []
        for value in node.values:
            if isinstance(value, ast.Constant):
                parts.append(str(value.value))
            else:
                parts.append("2026" if "year" in ast.unparse(value) else "sample")
        return "".join(parts)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = _literal_text(node.left, constants), _literal_text(node.right, constants)
        return (left or "sample") + (right or "sample")
    return None


def _raised_rules(path: Path, exception: str) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    constants = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            text = _literal_text(node.value, {})
            if text is not None:
                constants[node.targets[0].id] = text
    rules = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == exception and node.args:
            text = _literal_text(node.args[0], constants)
            if text is not None:
                rules.append(text)
    return rules


def test_every_rule_of_our_own_has_a_translation() -> None:
    """Issue 14 item 4: every ValueError of protocol.entities and RuleViolation of desktop.store
    ("no contact with id x", the consent rules…) becomes a translated sentence."""
    rules = _raised_rules(ENTITIES, "ValueError")
    for path in sorted(STORE.glob("*.py")):
        rules += _raised_rules(path, "RuleViolation")
    assert len(rules) > 30
    missing = []
    for text in rules:
        name, sep, rule = text.partition(": ")
        rule = rule if sep and " " not in name else text
        if rule == "sample" or name == "entry sample":  # nested in another's text / carried structured
            continue
        if messages.own_rule_text(rule) is None:
            missing.append(text)
    assert missing == []


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "Phone: use only digits, spaces and the signs + ( ) . / -, for example +39 0371 123456."),
        ("it", "Telefono: usa solo cifre, spazi e i segni + ( ) . / -, per esempio +39 0371 123456."),
        ("fi", "Puhelin: käytä vain numeroita, välilyöntejä ja merkkejä + ( ) . / -, esimerkiksi +358 40 123 4567."),
    ],
)
def test_a_store_problem_carries_its_structure_to_the_screen(language: str, expected: str) -> None:
    """Issue 14 item 4: RuleViolation keeps the pydantic type and ctx, and its str() for logs
    names the field and rule without the rejected value."""
    i18n.install(language)
    with pytest.raises(ValidationError) as caught:
        entities.Contact.model_validate({**_meta(), "given_name": "Anna", "phone": "call 555-SECRET"})
    violation = RuleViolation(
        "entry 2: ...",
        [Problem(field=p.field, type=p.type, rule=p.rule, ctx=p.ctx) for p in messages.problems(caught.value)],
    )
    assert "SECRET" not in str(violation) and "SECRET" not in repr(violation.problems)
    assert [p.type for p in violation.problems] == ["string_pattern_mismatch"]
    assert messages.with_field(violation.problems[0]) == expected
    rule = expected.split(": ", 1)[1]
    assert field_errors(violation) == {"phone": rule[:1].upper() + rule[1:]}


@pytest.fixture()
def contacts_page(qtbot, ui_context, caseload: Caseload):
    def make(language: str) -> ContactsPage:
        i18n.install(language)
        page = ContactsPage(ui_context)
        qtbot.addWidget(page)
        page.resize(1000, 700)
        page.show()
        qtbot.waitUntil(lambda: page.model.rowCount() == len(caseload.contacts), timeout=20_000)
        return page

    return make


@pytest.mark.parametrize(
    ("language", "phone", "length"),
    [
        (
            "it",
            "Usa solo cifre, spazi e i segni + ( ) . / -, per esempio +39 0371 123456.",
            "Troppo lungo: al massimo 100 caratteri.",
        ),
        (
            "fi",
            "Käytä vain numeroita, välilyöntejä ja merkkejä + ( ) . / -, esimerkiksi +358 40 123 4567.",
            "Liian pitkä: enintään 100 merkkiä.",
        ),
    ],
)
def test_new_contact_says_a_bad_phone_in_the_operators_language(
    qtbot, contacts_page, ui_store, caseload: Caseload, language: str, phone: str, length: str
) -> None:
    """Issue 14 item 4: bad input typed in New contact shows our Italian/Finnish sentence
    under the field (not "String should match pattern…"), and it goes as soon as the
    input changes, and stays gone once the contact is saved."""
    page = contacts_page(language)
    qtbot.mouseClick(page.new_button, LEFT)
    form = page.contact_form
    qtbot.keyClicks(form.given_name, "x" * 101)
    qtbot.keyClicks(form.phone, "chiama")
    qtbot.mouseClick(form.save_button, LEFT)
    qtbot.waitUntil(lambda: form.errors.message("phone") != "", timeout=20_000)
    assert form.errors.message("phone") == phone
    assert form.phone.accessibleDescription() == phone
    assert form.errors.message("given_name") == length
    assert ui_store.call(lambda s: s.contacts.count()) == len(caseload.contacts)
    shown = [label for label in form.findChildren(QLabel, "fieldError") if label.isVisible()]
    assert len(shown) == 2
    qtbot.waitUntil(
        lambda: all(label.height() >= label.heightForWidth(label.width()) for label in shown), timeout=20_000
    )  # not cut off

    form.phone.clear()
    qtbot.keyClicks(form.phone, "+39 0371 555")
    assert form.errors.message("phone") == "" and form.phone.accessibleDescription() == ""
    assert form.errors.message("given_name") == length  # untouched input, message kept
    form.given_name.clear()
    qtbot.keyClicks(form.given_name, "Ottavia")
    assert form.errors.message("given_name") == ""
    qtbot.mouseClick(form.save_button, LEFT)
    qtbot.waitUntil(lambda: not form.isVisible(), timeout=20_000)
    assert ui_store.call(lambda s: s.contacts.count()) == len(caseload.contacts) + 1


def test_the_appointment_contacts_error_goes_once_a_contact_is_added(qtbot, ui_context, caseload: Caseload) -> None:
    """Issue 14 item 4: "List should have at least 1 item after validation, not 0" stayed after
    the contact was added; now it says "Choose at least one." and goes when one is added."""
    from tests.ui.test_calendar import CTRL, form_of, open_page, pick_contact

    i18n.install("it")
    page = open_page(qtbot, ui_context)
    qtbot.keyClick(page.list, Qt.Key.Key_N, CTRL)
    form = form_of(qtbot, page)
    qtbot.keyClick(form.topic, Qt.Key.Key_Return)
    assert form.errors.message("contact_ids") == "Scegline almeno uno."
    pick_contact(qtbot, form, next(c for c in caseload.contacts if c.family_name))
    assert form.errors.message("contact_ids") == ""
    form.reject()
    if form.discard_question is not None:
        form.discard_question.discard_button.click()


# --- plurals ------------------------------------------------------------------------------------


def _numerus_sources() -> list[tuple[str, str]]:
    root = ET.parse(CATALOGUES / "prossimo_en.ts").getroot()
    return [
        (context.findtext("name") or "", message.findtext("source") or "")
        for context in root.iter("context")
        for message in context.iter("message")
        if message.get("numerus") == "yes"
    ]


def test_no_text_in_the_code_spells_a_plural_as_s_in_brackets() -> None:
    """Issue 14 item 8: every "(s)" text is a %n numerus text, so a catalogue picks the form."""
    offenders = []
    for path in sorted(UI.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and "(s)" in node.value
                and "%n" not in node.value
                and "%Ln" not in node.value
            ):
                offenders.append(f"{path.relative_to(UI)}:{node.lineno}")
    assert offenders == []


@pytest.mark.parametrize("language", ["en", "it", "fi"])
def test_every_count_reads_right_for_one_and_two(language: str) -> None:
    """Issue 14 item 8: "1 change", "2 changes" (not "1 change(s)") in all three languages,
    for every numerus text of the UI."""
    i18n.install(language)
    sources = _numerus_sources()
    assert len(sources) >= 20
    wrong = []
    for context, source in sources:
        for n in (1, 2):
            text = QCoreApplication.translate(context, source, "", n)
            if "(s)" in text or str(n) not in text or text == source:
                wrong.append(f"{context}: {text!r}")
    assert wrong == []


@pytest.mark.parametrize(
    ("language", "one", "two"),
    [
        ("en", "1 change waiting", "2 changes waiting"),
        ("it", "1 modifica in attesa", "2 modifiche in attesa"),
        ("fi", "1 muutos odottaa", "2 muutosta odottaa"),
    ],
)
def test_the_status_bar_counts_changes_in_words(language: str, one: str, two: str) -> None:
    """Issue 14 item 8: the sync status line, for one and for two waiting changes."""
    i18n.install(language)
    for n, expected in ((1, one), (2, two)):
        text = describe(SyncState(phase="offline", pending=n, open_conflicts=n, rejected=n))
        assert expected in text and "(s)" not in text


# --- locale formats -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "time", "number"),
    [("fi", "22.00", "12\u00a0345,5"), ("it", "22:00", "12.345,5"), ("en", "22:00", "12,345.5")],
)
def test_times_and_numbers_follow_the_ui_language(language: str, time: str, number: str) -> None:
    """Issue 14 item 8: "22.00" in Finnish, "22:00" in Italian and English, everywhere."""
    i18n.install(language)
    assert formats.time(dt.time(22)) == time
    assert formats.number(12345.5).replace(" ", "\u00a0") == number
    assert (
        range_text(dt.datetime(2026, 12, 2, 21, tzinfo=dt.UTC), dt.datetime(2026, 12, 2, 22, tzinfo=dt.UTC))
        == f"{formats.time(dt.time(21))}–{time}"
    )
    assert formats.time_edit_format() == ("HH.mm" if language == "fi" else "HH:mm")
    up_to_date = describe(
        SyncState(phase="idle", last_success_at=dt.datetime.now(dt.UTC).replace(hour=22, minute=0).astimezone(dt.UTC)),
        dt.datetime.now(dt.UTC),
    )
    assert "%H" not in up_to_date


def test_opening_hours_and_the_booking_time_are_written_the_finnish_way(qtbot, ui_context, ui_store) -> None:
    """Issue 14 item 8: the Resources detail and the booking form's time input in Finnish."""
    from tests.ui.test_calendar import CTRL, form_of, open_page
    from tests.ui.test_resources import _page

    i18n.install("fi")
    resource = ui_store.call(
        lambda s: s.resources.create(
            organization_name="Kaupunki",
            service_name="Ilta-apu",
            categories=["food"],
            languages=["it", "ar"],
            location={"municipality": "Lodi"},
            opening_hours=[{"weekday": 1, "opens_at": dt.time(18), "closes_at": dt.time(22)}],
        )
    )
    page = _page(qtbot, ui_context)
    page.show_record(resource.id)
    wait_for_store(qtbot, ui_context)
    assert (
        page.detail.values["hours"].text() == "maanantai: 18.00–22.00"
        or "18.00–22.00" in page.detail.values["hours"].text()
    )
    assert page.detail.values["languages"].text() == "italia, arabia"

    calendar = open_page(qtbot, ui_context)
    qtbot.keyClick(calendar.list, Qt.Key.Key_N, CTRL)
    form = form_of(qtbot, calendar)
    assert "." in form.start_time.text() and ":" not in form.start_time.text()
    form.reject()


# --- Qt's own words, language and time-zone names --------------------------------------------------


@pytest.mark.parametrize(("language", "cancel"), [("en", "Cancel"), ("it", "Annulla"), ("fi", "Peru")])
def test_qt_standard_buttons_speak_the_ui_language(qapp, language: str, cancel: str) -> None:
    """Issue 14 item 4: qtbase_*.qm is loaded: standard buttons are not English in it/fi."""
    i18n.install(language)
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    assert box.button(QDialogButtonBox.StandardButton.Cancel).text().replace("&", "") == cancel
    question = QMessageBox(QMessageBox.Icon.Question, "", "", QMessageBox.StandardButton.No)
    assert (
        question.button(QMessageBox.StandardButton.No).text().replace("&", "")
        == {"en": "No", "it": "No", "fi": "Ei"}[language]
    )
    box.deleteLater()
    question.deleteLater()


@pytest.mark.parametrize(
    ("language", "italian", "finnish", "urdu"),
    [("en", "Italian", "Finnish", "Urdu"), ("it", "italiano", "finlandese", "urdu"), ("fi", "italia", "suomi", "urdu")],
)
def test_languages_are_named_in_the_ui_language(language: str, italian: str, finnish: str, urdu: str) -> None:
    """Issue 14 items 4 and 8: never "Italian (italiano)" in English inside an Italian screen."""
    i18n.install(language)
    assert (formats.language_name("it"), formats.language_name("fi"), formats.language_name("ur")) == (
        italian,
        finnish,
        urdu,
    )
    assert formats.language_name("en-GB") == {"en": "English", "it": "inglese", "fi": "englanti"}[language]
    assert formats.language_name("xx-YY") == "xx-YY"  # unknown: shown as it is


@pytest.mark.parametrize(
    ("language", "utc"),
    [
        ("en", "Coordinated Universal Time (UTC+00:00)"),
        ("it", "Tempo coordinato universale (UTC+00:00)"),
        ("fi", "UTC-yleisaika (UTC+00:00)"),
    ],
)
def test_a_time_zone_is_named_in_words(language: str, utc: str) -> None:
    """Issue 14 item 8: the intake dialog showed "Etc/UTC"."""
    i18n.install(language)
    assert formats.time_zone_name("Etc/UTC", NOW) == utc
    assert "Europe/Rome" not in formats.time_zone_name("Europe/Rome", NOW)


def test_the_english_catalogue_holds_only_plural_forms() -> None:
    """Issue 14 item 8: English needs its catalogue only for "1 change"/"2 changes"."""
    root = ET.parse(CATALOGUES / "prossimo_en.ts").getroot()
    assert all(message.get("numerus") == "yes" for message in root.iter("message"))
    translator = QTranslator()
    assert translator.load(str(i18n.catalogue_path("en")))


def test_the_italian_handout_is_a_leaflet_not_a_reminder() -> None:
    """Issue 14 item 8: "Promemoria…" means a reminder; the handout button is a leaflet."""
    i18n.install("it")
    button = QCoreApplication.translate("ResourcesPage", "&Handout…")
    assert button.replace("&", "") == "Foglio informativo…"
    handout_texts = [
        QCoreApplication.translate("HandoutDialog", text)
        for text in ("Print a handout", "Services on the handout", "Handout language", "Save the handout as PDF")
    ]
    assert not any("promemoria" in text.lower() for text in handout_texts)


@pytest.mark.parametrize("language", ["it", "fi"])
def test_a_dialog_is_wide_enough_for_its_title(qtbot, language: str) -> None:
    """Issue 14 item 8: truncated dialog titles: a form dialog is at least as wide as its
    title needs in a title bar (up to the screen's width)."""
    from PySide6.QtGui import QFont, QFontMetrics

    from desktop.ui.forms import TITLE_BAR_EXTRA, FormDialog

    i18n.install(language)
    dialog = FormDialog(QCoreApplication.translate("FormDialog", "&Discard"))
    qtbot.addWidget(dialog)
    dialog.setWindowTitle(
        {
            "it": "Accetta una richiesta dallo sportello online e prenota l'appuntamento",
            "fi": "Hyväksy verkkoneuvonnan pyyntö ja varaa tapaaminen samalla kertaa",
        }[language]
    )
    dialog.show()
    font = QFont(dialog.font())
    font.setBold(True)
    wanted = QFontMetrics(font).horizontalAdvance(dialog.windowTitle()) + TITLE_BAR_EXTRA
    assert dialog.width() >= min(wanted, dialog.screen().availableGeometry().width())
    dialog.reject()


def _form_texts(form) -> list[str]:  # a QFormLayout
    return [form.itemAt(row, form.ItemRole.FieldRole).widget().text() for row in range(form.rowCount())]


def test_a_contacts_language_is_a_name_not_a_code(qtbot, ui_context, ui_store, caseload: Caseload) -> None:
    """Issue 14 item 8: the contact page showed "Language: it"."""
    from tests.ui.test_contacts import open_detail

    contact = ui_store.call(lambda s: s.contacts.create(given_name="Aino", preferred_language="it"))
    page = contacts_page_for(qtbot, ui_context, caseload, "fi", extra=1)
    open_detail(qtbot, page, contact.id)
    shown = _form_texts(page.detail.identity)
    assert "italia" in shown and "it" not in shown


def contacts_page_for(qtbot, ui_context, caseload: Caseload, language: str, extra: int = 0) -> ContactsPage:
    i18n.install(language)
    page = ContactsPage(ui_context)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.model.rowCount() == len(caseload.contacts) + extra, timeout=20_000)
    return page


def test_the_intake_dialog_names_the_time_zone_in_words(qtbot, ui_context, ui_store) -> None:
    """Issue 14 item 8: the help-desk accept dialog showed "Etc/UTC"; it shows the zone's
    name and offset, and the request's language in words."""
    from tests.ui.test_intake import _page, _request

    _request(ui_store, 5)
    i18n.install("it")
    page = _page(qtbot, ui_context)
    assert page.values["language"].text() == "italiano"
    page.accept_button.click()
    dialog = page.accept_dialog
    texts = [label.text() for label in dialog.findChildren(QLabel)]
    assert not any("Etc/" in text or text == dialog.time_zone for text in texts)
    assert formats.time_zone_name(dialog.time_zone, NOW) in texts
    dialog.reject()


def test_the_cli_spells_no_plural_as_s_in_brackets() -> None:
    """Issue 14 item 8: `prossimo sync` printed "1 request(s)", "1 change(s)"."""
    from desktop import cli

    tree = ast.parse(Path(cli.__file__).read_text(encoding="utf-8"))
    assert [
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and "(s)" in node.value
    ] == []
    assert (cli._count(1, "change", "changes"), cli._count(2, "change", "changes")) == ("1 change", "2 changes")


def test_no_screen_writes_a_time_or_date_with_a_fixed_format() -> None:
    """Issue 14 item 8: times and dates go through QLocale (desktop.ui.formats), never
    strftime or a fixed "HH:mm", which wrote "22:00" in Finnish screens."""
    offenders = []
    for path in sorted(UI.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {
            id(owner.body[0].value)
            for owner in ast.walk(tree)
            if isinstance(owner, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
            and owner.body
            and isinstance(owner.body[0], ast.Expr)
        }
        for node in ast.walk(tree):
            if id(node) in docstrings:
                continue
            if isinstance(node, ast.Attribute) and node.attr == "strftime":
                offenders.append(f"{path.relative_to(UI)}:{node.lineno} strftime")
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and ("HH:mm" in node.value or "%H:%M" in node.value or "%d/%m" in node.value)
            ):
                offenders.append(f"{path.relative_to(UI)}:{node.lineno} {node.value!r}")
    assert offenders == []
