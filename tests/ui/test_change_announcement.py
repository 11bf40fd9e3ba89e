"""Issue 15 item 4: changes are announced by the store, not by screens.

A unit of work's `Changes` are read back from the rows it wrote (the entities of its
outbox rows, and of records written without one); the store client announces them
itself, so a dialog deleted before its answer arrives still gets its write pushed.
On the real store (SQLCipher) with real widgets; the scheduler is real but never
started, so nothing syncs: what it was asked to do is read from its schedule (a
fake monotonic clock pins "when"), never from timing.
"""

import datetime as dt
import threading
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, Qt

from desktop.store import directory_files
from desktop.store.changes import Changes
from desktop.store.worker import StoreWorker
from desktop.sync.engine import SyncEngine
from desktop.sync.scheduler import SyncScheduler, Timing
from desktop.ui.contacts.dialogs import NoteDialog
from desktop.ui.contacts.form import ContactForm
from desktop.ui.context import UiContext
from desktop.ui.intake import IntakeAcceptDialog
from desktop.ui.sync_bridge import SyncBridge
from protocol import hsds
from tests.protocol.hsds_samples import sample
from tests.ui.conftest import NOW, TEAM_B, Caseload, wait_for_store

MONOTONIC_NOW = 1_000.0
TIMING = Timing(debounce_s=3.0)


@dataclass
class Syncing:
    context: UiContext
    scheduler: SyncScheduler
    committed: list[Changes]
    changed: list[frozenset[str]]

    @property
    def push_due(self) -> float | None:
        """When the scheduler was asked to sync (None: it was not)."""
        return self.scheduler._due


@pytest.fixture()
def syncing(ui_context: UiContext, ui_store: StoreWorker) -> Iterator[Syncing]:
    """The context wired as the shell wires a syncing profile's: the bridge follows the store."""
    engine = SyncEngine(ui_store)
    scheduler = SyncScheduler(engine, lambda: None, timing=TIMING, clock=lambda: MONOTONIC_NOW)
    bridge = SyncBridge(scheduler)
    ui_context.sync = bridge
    bridge.follow(ui_context.store)
    seen = Syncing(ui_context, scheduler, [], [])
    ui_context.store.committed.connect(seen.committed.append)
    ui_context.store.changed.connect(seen.changed.append)
    yield seen
    bridge.detach()
    bridge.deleteLater()
    engine.close()


def _outbox_high_water(store: StoreWorker) -> int:
    return store.call(lambda s: s.conn.execute("SELECT coalesce(max(seq), 0) FROM outbox").fetchone()[0])


def _outbox_entities_since(store: StoreWorker, seq: int) -> frozenset[str]:
    rows = store.call(lambda s: s.conn.execute("SELECT DISTINCT entity FROM outbox WHERE seq > ?", (seq,)).fetchall())
    return frozenset(row[0] for row in rows)


def test_a_dialog_deleted_before_its_answer_still_gets_its_write_pushed(
    qtbot, syncing: Syncing, ui_store: StoreWorker
) -> None:
    dialog = ContactForm(syncing.context)
    dialog.open()
    qtbot.waitExposed(dialog)
    dialog.given_name.setText("Aurora")
    dialog.municipality.setText("Pavia")
    before = _outbox_high_water(ui_store)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert syncing.context.store.pending == 1  # the answer is still on its way
    dialog.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # only deletions: no answer yet

    wait_for_store(qtbot, syncing.context)
    assert _outbox_entities_since(ui_store, before) == {"contact"}  # the write committed
    assert syncing.push_due == MONOTONIC_NOW + TIMING.debounce_s  # and a push was asked for
    assert syncing.changed == [frozenset({"contact"})]  # screens were told, too


def test_a_note_dialog_deleted_before_the_store_reaches_its_write_still_writes_the_note(
    qtbot, syncing: Syncing, ui_store: StoreWorker, caseload: Caseload
) -> None:
    """The fields are read on the UI thread when Save is pressed: the store thread never
    touches the dialog's widgets, which are already deleted when it gets to the write."""
    contact = caseload.contacts[0]
    release = threading.Event()
    syncing.context.store.run(lambda _s: release.wait(10))  # the store is busy with something else
    dialog = NoteDialog(syncing.context, contact.id)
    dialog.open()
    qtbot.waitExposed(dialog)
    dialog.body.setPlainText("Talked about the housing waiting list")
    before = _outbox_high_water(ui_store)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    dialog.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    release.set()

    wait_for_store(qtbot, syncing.context)
    assert _outbox_entities_since(ui_store, before) == {"note"}
    bodies = ui_store.call(lambda s: [n.body for n in s.notes.where("contact_id", str(contact.id))])
    assert "Talked about the housing waiting list" in bodies
    assert syncing.push_due == MONOTONIC_NOW + TIMING.debounce_s


def test_what_is_announced_is_what_the_outbox_rows_name(qtbot, syncing: Syncing, ui_store: StoreWorker) -> None:
    request = ui_store.call(
        lambda s: s.intake_requests.create(
            kind="booking",
            alias="Stella",
            contact_channel="phone",
            contact_detail="+39 333 123 4567",
            preferred_times="mornings",
            topic="housing",
            language="it",
            consent_to_contact=True,
            received_at=NOW - dt.timedelta(minutes=5),
            reference="A1B2C3",
            team_id=TEAM_B.id,
        )
    )
    dialog = IntakeAcceptDialog(syncing.context, request)
    qtbot.addWidget(dialog)
    dialog.open()
    qtbot.waitExposed(dialog)
    wait_for_store(qtbot, syncing.context)
    assert dialog.appointment.isChecked()
    before = _outbox_high_water(ui_store)

    qtbot.mouseClick(dialog.accept_button, Qt.MouseButton.LeftButton)  # a clash check (a read), then the write
    qtbot.waitUntil(lambda: syncing.committed != [], timeout=10_000)
    wait_for_store(qtbot, syncing.context)

    written = _outbox_entities_since(ui_store, before)
    assert written == {"contact", "appointment", "intake_request"}
    assert [changes.outgoing for changes in syncing.committed] == [written]  # one unit, the read announced nothing
    assert syncing.changed == [written]
    assert syncing.push_due == MONOTONIC_NOW + TIMING.debounce_s


def test_a_read_announces_nothing(qtbot, syncing: Syncing, caseload: Caseload) -> None:
    counted = []
    syncing.context.store.run(lambda s: s.contacts.count(), counted.append)
    wait_for_store(qtbot, syncing.context)
    assert counted == [len(caseload.contacts)]
    assert (syncing.committed, syncing.changed, syncing.push_due) == ([], [], None)


def test_a_failed_write_announces_nothing(qtbot, syncing: Syncing) -> None:
    errors = []
    syncing.context.store.run(lambda s: s.contacts.create(kind="pseudonymous"), failed=errors.append)
    wait_for_store(qtbot, syncing.context)
    assert len(errors) == 1
    assert (syncing.committed, syncing.changed, syncing.push_due) == ([], [], None)


def test_a_directory_import_refreshes_the_screens_but_pushes_nothing(
    qtbot, syncing: Syncing, ui_store: StoreWorker, tmp_path
) -> None:
    # Imported entries are written like the service's records (no outbox row): nothing to push.
    hsds.export_json(sample(), tmp_path / "directory.json")
    before = _outbox_high_water(ui_store)
    syncing.context.store.run(lambda s: directory_files.import_directory(s, tmp_path / "directory.json"))
    wait_for_store(qtbot, syncing.context)
    assert _outbox_entities_since(ui_store, before) == frozenset()
    assert syncing.committed == [Changes(records=frozenset({"resource"}))]
    assert syncing.changed == [frozenset({"resource"})]
    assert syncing.push_due is None


def test_discarding_a_refused_change_refreshes_the_counts_without_a_sync(
    qtbot, syncing: Syncing, ui_store: StoreWorker
) -> None:
    ui_store.call(
        lambda s: s.conn.execute(
            "INSERT INTO rejected_mutation(seq, mutation_id, entity, record_id, op, changed, base_version,"
            " created_at, reason, rejected_at) VALUES (7, 'm7', 'contact', 'r7', 'create', '{}', NULL, ?, ?, ?)",
            (NOW.isoformat(), "forbidden_team", NOW.isoformat()),
        )
    )
    syncing.scheduler._counts_stale = False  # as after the scheduler read them
    syncing.context.store.run(lambda s: s.replica.discard_rejected(7))
    wait_for_store(qtbot, syncing.context)
    assert syncing.committed == [Changes(refusals=frozenset({"contact"}))]
    assert syncing.changed == []  # no record changed
    assert syncing.scheduler._counts_stale and syncing.push_due is None
