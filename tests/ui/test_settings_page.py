"""The Settings screen on a real encrypted profile: preferences, service address, passphrase, lock, sign-out."""

import uuid
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from desktop.settings import Settings
from desktop.store.keys import WeakPassphrase, WrongPassphrase, check_passphrase_strength
from desktop.store.profile import Profile
from desktop.store.replica import Enrolment
from desktop.store.worker import StoreWorker
from desktop.ui.context import UiContext
from desktop.ui.passphrase_strength import PassphraseStrength, strength_of
from desktop.ui.settings_page import SettingsPage
from tests.ui.conftest import PASSPHRASE, wait_for_store

NEW_PASSPHRASE = "four unrelated words today"


def open_page(qtbot, context: UiContext) -> SettingsPage:
    page = SettingsPage(context)
    qtbot.addWidget(page)
    page.show()
    wait_for_store(qtbot, context)
    return page


def enrol(store: StoreWorker) -> None:
    enrolment = Enrolment(
        server_url="https://prossimo.example.org",
        ca_bundle=None,
        device_id=uuid.uuid4(),
        operator_id=uuid.uuid4(),
        organisation_id=uuid.uuid4(),
        role="operator",
        teams=[],
    )
    store.call(lambda s: s.replica.save_enrolment(enrolment, "token"))


def type_into(qtbot, field: QLineEdit, text: str) -> None:
    field.clear()
    qtbot.keyClicks(field, text)


def test_preferences_are_applied_with_the_chosen_values(qtbot, ui_context: UiContext) -> None:
    applied: list[Settings] = []
    ui_context.apply_settings = applied.append
    page = open_page(qtbot, ui_context)
    assert page.language_combo.currentText() == "English"
    assert [page.language_combo.itemText(i) for i in range(page.language_combo.count())] == [
        "Italiano",
        "English",
        "Suomi",
    ]
    page.language_combo.setFocus()
    qtbot.keyClick(page.language_combo, Qt.Key.Key_Down)  # English -> Suomi
    page.lock_minutes.selectAll()
    qtbot.keyClicks(page.lock_minutes, "30")
    qtbot.mouseClick(page.apply_button, Qt.MouseButton.LeftButton)
    assert applied == [Settings(language="fi", auto_lock_minutes=30)]
    page.lock_minutes.selectAll()
    qtbot.keyClicks(page.lock_minutes, "999")  # beyond the schema's range: the box stops at 240
    page.apply_button.click()
    assert applied[-1].auto_lock_minutes <= 240


def test_the_passphrase_changes_off_the_ui_thread_and_the_new_one_unlocks(qtbot, ui_context: UiContext) -> None:
    page = open_page(qtbot, ui_context)
    type_into(qtbot, page.old_passphrase, PASSPHRASE)
    type_into(qtbot, page.new_passphrase, NEW_PASSPHRASE)
    assert page.strength.strength == "strong"
    type_into(qtbot, page.repeat_passphrase, NEW_PASSPHRASE)
    qtbot.keyClick(page.repeat_passphrase, Qt.Key.Key_Return)
    assert not page.change_button.isEnabled()  # running on its worker thread; the window stays usable
    qtbot.waitUntil(lambda: page.change_button.isEnabled(), timeout=30_000)
    assert "was changed" in page.passphrase_feedback.text()
    assert [f.text() for f in (page.old_passphrase, page.new_passphrase, page.repeat_passphrase)] == ["", "", ""]
    assert len(Profile(ui_context.profile_dir).keys.unlock(NEW_PASSPHRASE)) == 32


def test_a_wrong_current_passphrase_is_said_beside_its_field(qtbot, ui_context: UiContext) -> None:
    page = open_page(qtbot, ui_context)
    type_into(qtbot, page.old_passphrase, "not the passphrase at all")
    type_into(qtbot, page.new_passphrase, NEW_PASSPHRASE)
    type_into(qtbot, page.repeat_passphrase, NEW_PASSPHRASE)
    page.change_button.click()
    qtbot.waitUntil(lambda: page.change_button.isEnabled(), timeout=30_000)
    assert page.passphrase_errors.message("old") == "This is not the current passphrase"
    assert page.passphrase_errors.message("new") == ""
    with pytest.raises(WrongPassphrase):
        Profile(ui_context.profile_dir).keys.unlock(NEW_PASSPHRASE)


def test_a_weak_or_mistyped_new_passphrase_never_starts_a_change(qtbot, ui_context: UiContext) -> None:
    page = open_page(qtbot, ui_context)
    type_into(qtbot, page.old_passphrase, PASSPHRASE)
    type_into(qtbot, page.new_passphrase, "short")
    type_into(qtbot, page.repeat_passphrase, "short")
    page.change_button.click()
    assert page.change_button.isEnabled()  # nothing was started
    assert page.passphrase_errors.message("new").startswith("Too short")
    assert page.strength.strength == "weak"
    type_into(qtbot, page.new_passphrase, NEW_PASSPHRASE)
    type_into(qtbot, page.repeat_passphrase, NEW_PASSPHRASE + "!")
    page.change_button.click()
    assert page.passphrase_errors.message("repeat") == "The two new passphrases are not the same"
    assert page.passphrase_errors.message("new") == ""
    assert page.change_button.isEnabled()


@pytest.mark.parametrize(
    "text",
    [
        "",
        "a",
        "abcdefghi",
        "aaaaaaaaaaaaaaaaaaaa",
        "abcdefghij",
        "Abcdefgh1!",
        "correct horse battery staple",
        "1212121212121212",
        "Tr0ub4dor&3xyz",
    ],
)
def test_the_strength_meter_never_praises_what_the_store_refuses(qtbot, text: str) -> None:
    meter = PassphraseStrength()
    qtbot.addWidget(meter)
    meter.set_passphrase(text)
    try:
        check_passphrase_strength(text)
        refused = False
    except WeakPassphrase:
        refused = True
    if refused:
        assert meter.strength in ("empty", "weak") and meter.bar.value() <= 1
    assert meter.strength == strength_of(text)
    assert meter.verdict.text()


def test_strength_levels() -> None:
    assert [
        strength_of(t)
        for t in ("", "abc", "aaaaaaaaaaaa", "abcdefghij", "correct horse battery staple", "Tr0ub4dor&3xyz")
    ] == ["empty", "weak", "weak", "fair", "strong", "strong"]


def test_lock_now_asks_the_shell(qtbot, ui_context: UiContext) -> None:
    locked = []
    ui_context.lock_now = lambda: locked.append(True)
    page = open_page(qtbot, ui_context)
    page.lock_button.click()
    assert locked == [True]


def test_signing_out_with_changes_waiting_needs_two_confirmations(
    qtbot,
    ui_context: UiContext,
    ui_store: StoreWorker,
) -> None:
    enrol(ui_store)
    ui_store.call(lambda s: [s.contacts.create(given_name=f"In attesa {n}") for n in range(3)])
    signed_out = []
    ui_context.sign_out = lambda: signed_out.append(True)
    page = open_page(qtbot, ui_context)
    page.sign_out_button.click()
    qtbot.waitUntil(lambda: page.sign_out_dialog is not None and page.sign_out_dialog.isVisible())
    dialog = page.sign_out_dialog
    assert "3 changes have not reached the central service" in dialog.warning.text()
    assert "<b>" in dialog.warning.text()
    assert not dialog.sign_out_button.isEnabled()
    dialog.understand_box.click()
    assert not dialog.sign_out_button.isEnabled()  # the waiting changes need their own yes
    dialog.sign_out_button.click()
    assert signed_out == []
    dialog.lose_box.click()
    assert dialog.sign_out_button.isEnabled()
    dialog.sign_out_button.click()
    assert signed_out == [True]


def test_signing_out_with_nothing_waiting_needs_one_confirmation_and_cancel_does_nothing(
    qtbot, ui_context: UiContext, ui_store: StoreWorker
) -> None:
    enrol(ui_store)
    signed_out = []
    ui_context.sign_out = lambda: signed_out.append(True)
    page = open_page(qtbot, ui_context)
    page.sign_out_button.click()
    qtbot.waitUntil(lambda: page.sign_out_dialog is not None and page.sign_out_dialog.isVisible())
    dialog = page.sign_out_dialog
    assert not dialog.lose_box.isVisible() and not dialog.warning.isVisible()
    dialog.reject()
    assert signed_out == []
    page.sign_out_button.click()
    qtbot.waitUntil(lambda: page.sign_out_dialog is not dialog and page.sign_out_dialog.isVisible())
    page.sign_out_dialog.understand_box.click()
    page.sign_out_dialog.sign_out_button.click()
    assert signed_out == [True]


def test_an_offline_profile_has_no_service_address_and_signing_out_warns_it_is_the_only_copy(
    qtbot, ui_context: UiContext
) -> None:
    page = open_page(qtbot, ui_context)
    assert "offline only" in page.service_note.text()
    assert not page.service_fields.isVisible()
    page.sign_out_button.click()
    qtbot.waitUntil(lambda: page.sign_out_dialog is not None and page.sign_out_dialog.isVisible())
    assert "exist only on this computer" in page.sign_out_dialog.warning.text()
    assert page.sign_out_dialog.lose_box.isVisible()
    page.sign_out_dialog.reject()


def test_the_service_address_is_checked_and_stored_with_the_enrolment(
    qtbot,
    ui_context: UiContext,
    ui_store: StoreWorker,
    tmp_path: Path,
) -> None:
    enrol(ui_store)
    page = open_page(qtbot, ui_context)
    assert page.service_fields.isVisible() and page.url_input.text() == "https://prossimo.example.org"
    type_into(qtbot, page.url_input, "http://prossimo.example.org")
    page.save_service_button.click()
    assert page.url_error.isVisible() and "https://" in page.url_error.text()
    type_into(qtbot, page.url_input, "nothing like an address")
    page.save_service_button.click()
    assert "such as https://" in page.url_error.text()

    type_into(qtbot, page.url_input, "https://new.example.org/")
    type_into(qtbot, page.ca_input, str(tmp_path / "missing.pem"))
    page.save_service_button.click()
    assert not page.url_error.isVisible()
    assert page.ca_error.text() == "There is no file at this place"
    not_a_certificate = tmp_path / "notes.txt"
    not_a_certificate.write_text("hello", encoding="utf-8")
    type_into(qtbot, page.ca_input, str(not_a_certificate))
    page.save_service_button.click()
    assert "holds no certificate" in page.ca_error.text()
    assert ui_store.call(lambda s: s.replica.enrolment().server_url) == "https://prossimo.example.org"

    bundle = tmp_path / "org-ca.pem"
    bundle.write_text("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n", encoding="utf-8")
    type_into(qtbot, page.ca_input, str(bundle))
    page.save_service_button.click()
    wait_for_store(qtbot, ui_context)
    assert page.service_feedback.text().startswith("Saved")
    moved = ui_store.call(lambda s: s.replica.enrolment())
    assert (moved.server_url, moved.ca_bundle) == ("https://new.example.org", str(bundle))
    assert "organisation" in page.ca_warning.text()
