"""Import and export of the directory as Open Referral HSDS files, from the Resources screen.

Owns: `DirectoryFiles`, which the Resources page creates once and calls from its
"Import directory…" and "Export directory…" buttons (`make_buttons` builds both, with their
mnemonics and accessible names). It asks for the path in a non-blocking file dialog unless
one is given (tests and scripts give it), chooses the format by the file type (a .json file
is HSDS JSON; `datapackage.json`, or a name without .json when exporting, is a tabular
package), runs the work on the store thread (`desktop.store.directory_files`), then shows
what happened, or why nothing happened (file, row or JSON path, and field), in a message box.
After an import, the box says how many rows went into no service and whether the file holds
data the directory does not keep; its details list, per table, what was read, imported, updated,
left unchanged and skipped, each skipped row with its reason (`protocol.hsds.ImportReport`).
Import is offered only on an offline-only profile: an enrolled one receives the
organisation's directory by sync (`can_import`); the store refuses it anyway.

Must never run SQL or touch files itself, never block the UI thread, and never show a traceback.
"""

from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QPushButton, QWidget

from desktop.store import directory_files
from desktop.store.errors import RuleViolation
from desktop.ui.context import UiContext
from protocol.hsds import DESCRIPTOR, Format, HsdsError


class DirectoryFiles(QObject):
    finished = Signal(bool, str)  # succeeded, and the message shown (for the page and tests)

    def __init__(self, context: UiContext, parent: QWidget) -> None:
        super().__init__(parent)
        self.context = context
        self.host = parent
        self.chooser: QFileDialog | None = None
        self.message_box: QMessageBox | None = None
        self.json_filter = self.tr("HSDS JSON file (*.json)")
        self.package_filter = self.tr("HSDS data package: a new folder of CSV files (*)")

    def can_import(self) -> bool:
        """Only an offline-only profile keeps a directory of its own (a syncing one has `context.sync`)."""
        return self.context.sync is None

    def make_buttons(self, parent: QWidget | None = None) -> tuple[QPushButton, QPushButton]:
        """The "Import directory…" and "Export directory…" buttons, wired; import hidden when not allowed."""
        import_button = QPushButton(self.tr("Im&port directory…"), parent)
        import_button.setAccessibleName(self.tr("Import a directory file"))
        import_button.setToolTip(self.tr("Add or update services from an HSDS file (JSON or a data package)"))
        import_button.clicked.connect(lambda: self.import_directory())
        import_button.setVisible(self.can_import())
        export_button = QPushButton(self.tr("E&xport directory…"), parent)
        export_button.setAccessibleName(self.tr("Export the directory to a file"))
        export_button.setToolTip(self.tr("Save every service as an HSDS file (JSON or a data package)"))
        export_button.clicked.connect(lambda: self.export_directory())
        return import_button, export_button

    # --- export ----------------------------------------------------------------------------------

    def export_directory(self, path: Path | str | None = None, format: Format | None = None) -> None:
        """Write the directory at `path` in `format` (else by its name); without a path, ask for one."""
        if path is not None:
            self._export(Path(path), format)
            return
        chooser = self._chooser(self.tr("Export the directory"), QFileDialog.AcceptMode.AcceptSave)
        chooser.setNameFilters([self.json_filter, self.package_filter])
        chooser.setDefaultSuffix("json")
        chooser.filterSelected.connect(
            lambda chosen: chooser.setDefaultSuffix("json" if chosen == self.json_filter else "")
        )
        chooser.fileSelected.connect(
            lambda chosen: self._export(
                Path(chosen), "json" if chooser.selectedNameFilter() == self.json_filter else "tabular"
            )
        )
        chooser.open()

    def _export(self, path: Path, format: Format | None) -> None:
        self.context.store.run(
            lambda session: directory_files.export_directory(session, path, format),
            lambda counts: self._show(
                True,
                self.tr("Directory exported"),
                self.tr("Saved {services} services at {places} places in {path}.").format(
                    services=counts.get("service", 0), places=counts.get("service_at_location", 0), path=path
                ),
            ),
            lambda error: self._failed(error, self.tr("The directory was not exported.")),
            owner=self,
        )

    # --- import ----------------------------------------------------------------------------------

    def import_directory(self, path: Path | str | None = None, format: Format | None = None) -> None:
        """Read the HSDS file at `path` into this computer's directory; without a path, ask for one."""
        if not self.can_import():
            self._show(False, self.tr("Directory not imported"), self._enrolled_text())
            return
        if path is not None:
            self._import(Path(path), format)
            return
        chooser = self._chooser(self.tr("Import a directory"), QFileDialog.AcceptMode.AcceptOpen)
        chooser.setFileMode(QFileDialog.FileMode.ExistingFile)
        # One filter takes both: an HSDS JSON file, or the datapackage.json of a package folder.
        chooser.setNameFilters(
            [
                self.tr("HSDS files: a .json file, or a package's {descriptor} (*.json)").format(descriptor=DESCRIPTOR),
                self.tr("All files (*)"),
            ]
        )
        chooser.fileSelected.connect(lambda chosen: self._import(Path(chosen), None))
        chooser.open()

    def _import(self, path: Path, format: Format | None) -> None:
        def done(report: directory_files.ImportReport) -> None:
            text = self.tr(
                "Imported {entries} services from {name}: {created} new, {updated} updated, "
                "{unchanged} already up to date."
            ).format(
                entries=report.entries,
                name=path.name,
                created=report.created,
                updated=report.updated,
                unchanged=report.unchanged,
            )
            skipped = sum(counts.skipped for counts in report.tables.values())
            # Separate literals for one and many: English has no catalogue to supply "%n" plurals.
            if skipped == 1:
                text += " " + self.tr("1 row of the file went into no service: the details say why.")
            elif skipped:
                text += " " + self.tr("{count} rows of the file went into no service: the details say why.").format(
                    count=skipped
                )
            if report.ignored:
                text += " " + self.tr("The file holds data the directory does not keep: the details list it.")
            self._show(True, self.tr("Directory imported"), text, details="\n".join(report.lines()))

        self.context.store.run(
            lambda session: directory_files.import_directory(session, path, format),
            done,
            lambda error: self._failed(error, self.tr("The directory was not imported. Nothing was changed.")),
            owner=self,
        )

    # --- showing the outcome ---------------------------------------------------------------------

    def _chooser(self, title: str, mode: QFileDialog.AcceptMode) -> QFileDialog:
        if self.chooser is not None:
            self.chooser.deleteLater()
        chooser = QFileDialog(self.host, title)
        chooser.setAcceptMode(mode)
        self.chooser = chooser
        return chooser

    def _enrolled_text(self) -> str:
        return self.tr(
            "This profile is connected to your organisation's service, which keeps the directory: "
            "it arrives here by sync. Ask IT to import the file on the service."
        )

    def _failed(self, error: BaseException, headline: str) -> None:
        if isinstance(error, HsdsError):
            # The file, the row or JSON path and the field, one problem a line; never a value from the file.
            details = str(error)
        elif isinstance(error, RuleViolation):
            details = self._enrolled_text() if error.args[0] == directory_files.ENROLLED_REFUSAL else str(error)
        else:
            details = self.tr("Something unexpected went wrong ({error}).").format(error=type(error).__name__)
        self._show(False, self.tr("Directory files"), f"{headline}\n\n{details}")

    def _show(self, ok: bool, title: str, text: str, details: str = "") -> None:
        if self.message_box is not None:
            self.message_box.deleteLater()
        icon = QMessageBox.Icon.Information if ok else QMessageBox.Icon.Warning
        box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, self.host)
        if details:  # per table counts and every skipped row with its reason, behind "Show Details…"
            box.setDetailedText(details)
        box.setTextFormat(Qt.TextFormat.PlainText)  # paths and file names are not markup
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)  # to copy into a ticket
        self.message_box = box
        box.open()
        self.finished.emit(ok, text)
