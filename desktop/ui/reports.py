"""Reports: for now, how much this computer holds; the reports themselves come later.

Owns: `ReportsPage`. The reports issue will add caseload and activity reports;
until then this screen says so plainly and shows the counts of what is stored
here, which IT staff and privacy officers ask for first.

Must never show anything about a single person.
"""

from PySide6.QtWidgets import QFormLayout, QLabel, QVBoxLayout, QWidget

from desktop.store.session import StoreSession
from desktop.ui.context import UiContext

ENTITIES = ("contacts", "appointments", "notes", "consents", "referrals", "resources", "intake_requests")


def _counts(session: StoreSession) -> dict[str, int]:
    counts = {name: getattr(session, name).count() for name in ENTITIES}
    counts["pending"] = session.replica.pending_count()
    return counts


class ReportsPage(QWidget):
    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        layout = QVBoxLayout(self)
        heading = QLabel(self.tr("Reports"))
        heading.setObjectName("pageTitle")
        notice = QLabel(
            self.tr("Caseload and activity reports are not available yet. This is what this computer holds today:")
        )
        notice.setWordWrap(True)
        self.form = QFormLayout()
        self.values: dict[str, QLabel] = {}
        names = {
            "contacts": self.tr("Contacts"),
            "appointments": self.tr("Appointments"),
            "notes": self.tr("Case notes"),
            "consents": self.tr("Consents"),
            "referrals": self.tr("Referrals"),
            "resources": self.tr("Services in the directory"),
            "intake_requests": self.tr("Help desk requests"),
            "pending": self.tr("Changes not yet synced"),
        }
        for key, text in names.items():
            value = QLabel("…")
            value.setAccessibleName(text)
            self.values[key] = value
            self.form.addRow(text, value)
        layout.addWidget(heading)
        layout.addWidget(notice)
        layout.addLayout(self.form)
        layout.addStretch(1)
        context.store.changed.connect(lambda _entities: self.refresh())
        self.refresh()

    def refresh(self) -> None:
        self.context.store.run(_counts, self._show, owner=self)

    def _show(self, counts: dict[str, int]) -> None:
        for key, value in counts.items():
            self.values[key].setText(str(value))
