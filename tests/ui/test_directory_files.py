"""The Resources screen's "Import directory…" and "Export directory…", on a real store, real files and
real (offscreen) dialogs: the result or the reason (file, row or path, and field) in a message box."""

import dataclasses
import json
import uuid
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QWidget

from desktop.store.replica import Enrolment
from desktop.ui.context import UiContext
from desktop.ui.resources.directory_files import DirectoryFiles
from protocol import hsds
from tests.protocol.hsds_samples import sample
from tests.ui.conftest import Caseload, wait_for_store


@pytest.fixture()
def files(qtbot, ui_context: UiContext) -> DirectoryFiles:
    host = QWidget()
    qtbot.addWidget(host)
    return DirectoryFiles(ui_context, host)


def outcome(qtbot, files: DirectoryFiles, start) -> tuple[bool, str]:
    """Run `start`, wait for the message box, close it; what it said."""
    with qtbot.waitSignal(files.finished, timeout=10_000) as signal:
        start()
    box = files.message_box
    assert box is not None and box.isVisible() and box.text() == signal.args[1]
    box.close()
    return signal.args[0], signal.args[1]


def resource_count(ui_store) -> int:
    return ui_store.call(lambda s: s.resources.count())


def test_export_with_a_path_writes_the_file_and_says_so(
    qtbot, files: DirectoryFiles, caseload: Caseload, tmp_path: Path
) -> None:
    ok, text = outcome(qtbot, files, lambda: files.export_directory(tmp_path / "directory.json"))
    document = json.loads((tmp_path / "directory.json").read_text(encoding="utf-8"))
    pairings = sum(len(service["service_at_locations"]) for service in document["contents"])
    assert ok and pairings == len(caseload.resources)
    assert text == f"Saved {document['total_items']} services at {pairings} places in {tmp_path / 'directory.json'}."

    ok, text = outcome(qtbot, files, lambda: files.export_directory(tmp_path / "directory.json"))
    assert not ok and text.startswith("The directory was not exported.\n\n") and "already exists" in text


def test_export_through_the_dialog_chooses_the_format_by_file_type(
    qtbot,
    files: DirectoryFiles,
    caseload: Caseload,
    tmp_path: Path,
) -> None:
    files.export_directory()
    chooser = files.chooser
    assert chooser is not None and chooser.isVisible()
    assert chooser.acceptMode() == QFileDialog.AcceptMode.AcceptSave
    chooser.selectNameFilter(files.package_filter)
    chooser.filterSelected.emit(files.package_filter)
    chooser.selectFile(str(tmp_path / "pacchetto"))
    ok, _ = outcome(qtbot, files, chooser.accept)
    assert ok and (tmp_path / "pacchetto" / "datapackage.json").is_file()  # a package folder, made for it
    assert len(hsds.import_package(tmp_path / "pacchetto")) == len(caseload.resources)


def test_import_adds_the_services_and_tells_the_screens(
    qtbot,
    files: DirectoryFiles,
    ui_context: UiContext,
    ui_store,
    caseload: Caseload,
    tmp_path: Path,
) -> None:
    hsds.export_json(sample(), tmp_path / "directory.json")
    before = resource_count(ui_store)
    changed = []
    ui_context.store.changed.connect(changed.append)
    assert files.can_import()

    ok, text = outcome(qtbot, files, lambda: files.import_directory(tmp_path / "directory.json"))
    assert ok and text == "Imported 6 services from directory.json: 6 new, 0 updated, 0 already up to date."
    assert resource_count(ui_store) == before + 6
    wait_for_store(qtbot, ui_context)
    assert changed == [frozenset({"resource"})]


def test_import_through_the_dialog_takes_a_package_by_its_descriptor(
    qtbot,
    files: DirectoryFiles,
    ui_store,
    tmp_path: Path,
) -> None:
    hsds.export_package(sample(), tmp_path / "package")
    files.import_directory()
    chooser = files.chooser
    assert chooser is not None and chooser.fileMode() == QFileDialog.FileMode.ExistingFile
    chooser.selectFile(str(tmp_path / "package" / "datapackage.json"))
    ok, text = outcome(qtbot, files, chooser.accept)
    assert ok and "6 new" in text and resource_count(ui_store) == 6


def test_a_broken_file_names_file_row_and_field_and_changes_nothing(
    qtbot,
    files: DirectoryFiles,
    ui_store,
    caseload: Caseload,
    tmp_path: Path,
) -> None:
    hsds.export_package(sample(), tmp_path / "package")
    phones = (tmp_path / "package" / "phone.csv").read_text(encoding="utf-8").replace("014 266 0001", "chiamami")
    (tmp_path / "package" / "phone.csv").write_text(phones, encoding="utf-8")
    before = resource_count(ui_store)

    ok, text = outcome(qtbot, files, lambda: files.import_directory(tmp_path / "package"))
    assert not ok
    assert text.startswith("The directory was not imported. Nothing was changed.\n\n")
    assert "phone.csv row 6: number: String should match pattern" in text and "chiamami" not in text
    assert resource_count(ui_store) == before


def test_an_enrolled_profile_is_not_offered_an_import(
    qtbot,
    files: DirectoryFiles,
    ui_context: UiContext,
    ui_store,
    tmp_path: Path,
) -> None:
    import_button, export_button = files.make_buttons()
    qtbot.addWidget(import_button)
    qtbot.addWidget(export_button)
    assert not import_button.isHidden() and import_button.text() == "Im&port directory…"
    assert export_button.accessibleName() == "Export the directory to a file"

    syncing = DirectoryFiles(dataclasses.replace(ui_context, sync=object()), files.host)
    assert not syncing.can_import()
    hidden, _ = syncing.make_buttons()
    qtbot.addWidget(hidden)
    assert hidden.isHidden()
    hsds.export_json(sample(), tmp_path / "directory.json")
    ok, text = outcome(qtbot, syncing, lambda: syncing.import_directory(tmp_path / "directory.json"))
    assert not ok and "connected to your organisation's service" in text
    assert resource_count(ui_store) == 0

    # Should the screen not know yet, the store still refuses, and says the same.
    enrolment = Enrolment(
        server_url="https://prossimo.example.org",
        ca_bundle=None,
        device_id=uuid.uuid4(),
        operator_id=uuid.uuid4(),
        organisation_id=uuid.uuid4(),
        role="operator",
        teams=[],
    )
    ui_store.call(lambda s: s.replica.save_enrolment(enrolment, "token"))
    ok, text = outcome(qtbot, files, lambda: files.import_directory(tmp_path / "directory.json"))
    assert not ok and text.startswith("The directory was not imported. Nothing was changed.\n\n")
    assert "connected to your organisation's service" in text and resource_count(ui_store) == 0


def test_import_reports_per_table_and_what_it_skipped(
    qtbot,
    files: DirectoryFiles,
    ui_store,
    tmp_path: Path,
) -> None:
    """Issue 15 item 7: the dialog says 12 of 12 services of every status were imported, that a row
    went into no service, and that the file holds data we do not keep; its details give the per
    table counts and every skipped row with its reason."""
    from tests.protocol.hsds_samples import every_status_package

    package = every_status_package(tmp_path / "package")
    (package / "organization.csv").write_text(
        "id,name\no1,ASST Lodi\no2,Comune di Lodi\no3,Nessun servizio\n", encoding="utf-8"
    )
    before = resource_count(ui_store)
    ok, text = outcome(qtbot, files, lambda: files.import_directory(package / "datapackage.json"))
    assert ok and text == (
        "Imported 12 services from datapackage.json: 12 new, 0 updated, 0 already up to date. "
        "1 row of the file went into no service: the details say why. "
        "The file holds data the directory does not keep: the details list it."
    )
    assert resource_count(ui_store) == before + 12
    details = files.message_box.detailedText().splitlines()
    assert "service: 12 read, 12 imported, 0 updated, 0 unchanged, 0 skipped" in details
    assert "organization: 1 skipped (row 4): not linked to any service in the file" in details
    assert "not kept: service.csv: column fees_description (6 rows with a value)" in details
