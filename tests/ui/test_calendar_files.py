"""Calendar files through the widgets: exporting the shown week (without and with names), importing
our own file back, refusing a broken one, adding an invitation to a chosen contact, and saving a
service's contact card from the Resources screen. Real store, real files, offscreen Qt."""

import datetime as dt
import uuid
from pathlib import Path

from icalendar import Calendar
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop.ui.calendar.files import ExportDialog, ImportDialog
from desktop.ui.calendar.page import CalendarPage
from desktop.ui.resources.detail import ResourceDetail, card_file_name
from tests.ui.conftest import NOW, Caseload, wait_for_store

ALT = Qt.KeyboardModifier.AltModifier


def open_page(qtbot, context) -> CalendarPage:
    page = CalendarPage(context)
    qtbot.addWidget(page)
    page.resize(1100, 760)
    page.show()
    qtbot.waitExposed(page)
    page.activateWindow()
    wait_for_store(qtbot, context)
    return page


def active(qtbot, page: CalendarPage) -> None:
    page.activateWindow()  # a window manager would, once a dialog closes; offscreen, mnemonics need it
    qtbot.waitUntil(page.isActiveWindow, timeout=5_000)


def activated(qtbot, dialog):
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=5_000)
    return dialog


def export_dialog(qtbot, page: CalendarPage) -> ExportDialog:
    active(qtbot, page)
    qtbot.keyClick(page, Qt.Key.Key_X, ALT)  # E&xport…
    qtbot.waitUntil(lambda: page.export_dialog is not None and page.export_dialog.isVisible(), timeout=5_000)
    return activated(qtbot, page.export_dialog)


def import_dialog(qtbot, page: CalendarPage) -> ImportDialog:
    active(qtbot, page)
    qtbot.keyClick(page, Qt.Key.Key_M, ALT)  # I&mport…
    qtbot.waitUntil(lambda: page.import_dialog is not None and page.import_dialog.isVisible(), timeout=5_000)
    return activated(qtbot, page.import_dialog)


def events(path: Path) -> list:
    return Calendar.from_ical(path.read_bytes()).walk("VEVENT")


def unfolded(path: Path) -> str:
    return path.read_bytes().replace(b"\r\n ", b"").decode()


def this_week(caseload: Caseload) -> list:
    monday = NOW.replace(hour=0, minute=0)
    return [a for a in caseload.appointments if monday <= a.starts_at < monday + dt.timedelta(days=7)]


def test_export_the_shown_week_without_names_then_a_range_with_names(qtbot, ui_context, caseload, tmp_path) -> None:
    page = open_page(qtbot, ui_context)
    page.set_mode("week")
    wait_for_store(qtbot, ui_context)
    dialog = export_dialog(qtbot, page)
    assert QApplication.focusWidget() is dialog.path
    assert not dialog.include_names.isChecked() and dialog.shown_period.isChecked()
    assert "Week" in dialog.shown_period.text()
    qtbot.keyClicks(dialog.path, str(tmp_path / "week"))  # the .ics suffix is added
    qtbot.keyClick(dialog.path, Qt.Key.Key_Return)
    wait_for_store(qtbot, ui_context)
    qtbot.waitUntil(lambda: page.export_dialog is None, timeout=5_000)

    path = tmp_path / "week.ics"
    week = this_week(caseload)
    assert sorted(str(e["UID"]).split("@")[0] for e in events(path)) == sorted(str(a.id) for a in week)
    assert page.status.text() == f"{len(week)} appointments saved to {path}"
    names = [c.family_name or c.alias for c in caseload.contacts[:7]]
    text = unfolded(path)
    assert not [name for name in names if name in text]
    assert all(e.walk("VALARM") for e in events(path) if str(e["STATUS"]) != "CANCELLED")

    dialog = export_dialog(qtbot, page)
    dialog.date_range.setChecked(True)
    dialog.first_day.setDate(dialog.first_day.date().addDays(-7))  # the week before, too
    dialog.include_names.setFocus()
    qtbot.keyClick(dialog.include_names, Qt.Key.Key_Space)
    assert dialog.include_names.isChecked() and dialog.names_warning.text().startswith("Off by default")
    named = tmp_path / "named.ics"
    dialog.path.setText(str(named))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    wait_for_store(qtbot, ui_context)
    qtbot.waitUntil(lambda: page.export_dialog is None, timeout=5_000)
    assert len(events(named)) == len(caseload.appointments)  # the Sunday before is in the range now
    first = caseload.contacts[0]
    assert first.display_name in unfolded(named)


def test_export_asks_for_a_file_and_writes_none_for_an_empty_period(qtbot, ui_context, caseload, tmp_path) -> None:
    page = open_page(qtbot, ui_context)
    dialog = export_dialog(qtbot, page)
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and not dialog.path_error.isHidden()
    assert dialog.path_error.text() == "Type or choose where to save the file."

    dialog.path.setText(str(tmp_path / "empty.ics"))
    dialog.date_range.setChecked(True)
    dialog.last_day.setDate(dialog.first_day.date().addDays(-1))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert dialog.range_error.text() == "The last day must not be before the first."

    dialog.first_day.setDate(dialog.first_day.date().addYears(1))
    dialog.last_day.setDate(dialog.first_day.date())
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    wait_for_store(qtbot, ui_context)
    assert dialog.isVisible() and dialog.message.text().startswith("There are no appointments to export")
    assert not (tmp_path / "empty.ics").exists()
    dialog.reject()
    qtbot.waitUntil(lambda: page.export_dialog is None, timeout=5_000)


def test_import_our_file_restores_a_changed_appointment(qtbot, ui_context, ui_store, caseload, tmp_path) -> None:
    page = open_page(qtbot, ui_context)
    dialog = export_dialog(qtbot, page)
    path = tmp_path / "today.ics"
    dialog.path.setText(str(path))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    wait_for_store(qtbot, ui_context)
    qtbot.waitUntil(lambda: page.export_dialog is None, timeout=5_000)
    today = [a for a in caseload.appointments if a.starts_at.date() == NOW.date()]
    assert len(events(path)) == len(today) == 3

    changed = today[1]
    ui_store.call(
        lambda s: s.appointments.update(
            changed.id,
            status="cancelled",
            starts_at=changed.starts_at + dt.timedelta(hours=3),
            ends_at=changed.ends_at + dt.timedelta(hours=3),
        )
    )
    page.reload()
    wait_for_store(qtbot, ui_context)

    dialog = import_dialog(qtbot, page)
    assert QApplication.focusWidget() is dialog.path
    qtbot.keyClicks(dialog.path, str(path))
    qtbot.keyClick(dialog.path, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.last_result is not None, timeout=5_000)
    wait_for_store(qtbot, ui_context)  # the change notice reloads the calendar
    assert dialog.message.text() == "0 new, 1 updated, 2 already up to date."
    restored = ui_store.call(lambda s: s.appointments.get(changed.id))
    assert (restored.status, restored.starts_at) == (changed.status, changed.starts_at)
    assert [item.status for item in page.items if item.id == changed.id] == [changed.status]
    dialog.reject()
    qtbot.waitUntil(lambda: page.import_dialog is None, timeout=5_000)


def test_a_broken_file_shows_its_problems_and_changes_nothing(qtbot, ui_context, ui_store, caseload, tmp_path) -> None:
    first = caseload.appointments[0]
    path = tmp_path / "broken.ics"
    path.write_bytes(
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\n"
        + f"UID:{first.id}@prossimo.invalid\r\n".encode()
        + b"DTSTART;TZID=Europe/Rome:20261123T090000\r\nDTEND;TZID=Europe/Rome:20261123T080000\r\n"
        b"END:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    page = open_page(qtbot, ui_context)
    dialog = import_dialog(qtbot, page)
    dialog.path.setText(str(path))
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.message.isVisible(), timeout=5_000)
    lines = dialog.message.text().splitlines()
    assert lines[0] == "Nothing was imported. The file has these problems:"
    assert lines[1].startswith(f"event 1 (UID {first.id}@prossimo.invalid): DTEND: ends_at: must be later")
    assert dialog.last_result is None
    assert ui_store.call(lambda s: s.appointments.get(first.id)) == first
    dialog.reject()


def test_an_invitation_from_another_program_goes_to_the_chosen_contact(
    qtbot,
    ui_context,
    ui_store,
    caseload,
    tmp_path,
) -> None:
    path = tmp_path / "invite.ics"
    path.write_bytes(
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Other//EN\r\nBEGIN:VEVENT\r\nUID:abc-123@hospital.example\r\n"
        b"DTSTART:20261124T140000Z\r\nDTEND:20261124T143000Z\r\nSUMMARY:Visita\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    page = open_page(qtbot, ui_context)
    dialog = import_dialog(qtbot, page)
    dialog.path.setText(str(path))
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.last_result is not None, timeout=5_000)
    assert dialog.message.text().splitlines()[1].startswith("1 event from another calendar program skipped")
    assert not dialog.place_kind.isEnabled()

    contact = caseload.contacts[4]
    dialog.choose_button.setFocus()
    qtbot.keyClick(dialog.choose_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: dialog.picker is not None and dialog.picker.isVisible(), timeout=5_000)
    picker = dialog.picker
    # setText, not keyClicks: Qt's key simulation aborts on letters like "ä" (qasciikey.cpp)
    picker.query.setText(contact.family_name or contact.alias)
    qtbot.waitUntil(
        lambda: any(
            picker.results.item(i).data(Qt.ItemDataRole.UserRole).id == contact.id
            for i in range(picker.results.count())
        ),
        timeout=5_000,
    )
    for row in range(picker.results.count()):
        if picker.results.item(row).data(Qt.ItemDataRole.UserRole).id == contact.id:
            picker.results.setCurrentRow(row)
    qtbot.keyClick(picker.query, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.contact is not None, timeout=5_000)
    assert dialog.contact.id == contact.id and dialog.place_kind.isEnabled()
    dialog.place_kind.setCurrentIndex(dialog.place_kind.findData("video"))

    dialog.last_result = None
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.last_result is not None, timeout=5_000)
    wait_for_store(qtbot, ui_context)
    assert dialog.message.text() == "1 new, 0 updated, 0 already up to date."
    made = ui_store.call(lambda s: s.appointments.where("operator_id", str(ui_context.me)))
    (visit,) = [a for a in made if a.topic == "Visita"]
    assert visit.contact_ids == [contact.id] and visit.place_kind == "video" and visit.time_zone == "Europe/Rome"
    assert visit.starts_at == dt.datetime(2026, 11, 24, 14, 0, tzinfo=dt.UTC)
    dialog.reject()


def test_save_a_services_contact_card(qtbot, ui_context, caseload, tmp_path) -> None:
    detail = ResourceDetail(ui_context)
    qtbot.addWidget(detail)
    service = next(r for r in caseload.resources if r.phones)
    detail.show_resource(service)
    detail.show()
    qtbot.mouseClick(detail.card_button, Qt.MouseButton.LeftButton)
    chooser = detail.card_chooser
    assert chooser is not None and chooser.isVisible()
    assert chooser.selectedFiles()[0].endswith(card_file_name(service))
    target = tmp_path / "card.vcf"
    chooser.fileSelected.emit(str(target))  # what choosing a file and pressing Save sends
    chooser.reject()

    text = target.read_bytes().decode()
    assert text.startswith("BEGIN:VCARD\r\nVERSION:4.0\r\n") and text.endswith("END:VCARD\r\n")
    assert f"UID:urn:uuid:{service.id}\r\n" in text and "TEL;VALUE=" in text
    assert detail.card_status.text() == f"Contact card saved: {target}"

    assert not detail.save_card(tmp_path / "missing-folder" / "card.vcf")
    assert detail.card_status.text().startswith("The contact card could not be saved: ")
    assert uuid.UUID(text.split("urn:uuid:")[1][:36]) == service.id
