"""The UI's bridge to the store thread, and the shared contact picker, on a real store."""

from PySide6.QtCore import QObject

from desktop.store.errors import RuleViolation
from desktop.store.worker import StoreClosed
from desktop.ui.contact_picker import ContactPicker
from desktop.ui.forms import field_errors
from tests.ui.conftest import Caseload, wait_for_store


def test_work_runs_on_the_store_thread_and_answers_on_the_ui_thread(qtbot, ui_context, caseload: Caseload) -> None:
    import threading

    seen = {}
    ui_thread = threading.get_ident()

    def work(session):
        seen["work_thread"] = threading.get_ident()
        return session.contacts.count()

    def done(count: int) -> None:
        seen["count"], seen["done_thread"] = count, threading.get_ident()

    ui_context.store.run(work, done)
    wait_for_store(qtbot, ui_context)
    assert seen["count"] == len(caseload.contacts)
    assert seen["work_thread"] != ui_thread and seen["done_thread"] == ui_thread


def test_a_write_announces_what_changed_and_errors_reach_the_caller(qtbot, ui_context) -> None:
    changed, errors = [], []
    ui_context.store.changed.connect(changed.append)
    ui_context.store.run(lambda s: s.contacts.create(alias="Luce"))
    ui_context.store.run(lambda s: s.contacts.create(kind="pseudonymous"), failed=errors.append)
    wait_for_store(qtbot, ui_context)
    assert changed == [frozenset({"contact"})]  # only the write that committed
    assert field_errors(errors[0]) == {"alias": "A pseudonymous contact needs an alias."}


def test_an_answer_for_a_deleted_widget_is_dropped(qtbot, ui_context) -> None:
    owner = QObject()
    calls = []
    ui_context.store.run(lambda s: s.contacts.count(), calls.append, owner=owner)
    owner.deleteLater()
    from PySide6.QtCore import QCoreApplication, QEvent

    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    wait_for_store(qtbot, ui_context)
    assert calls == []


def test_work_after_lock_fails_cleanly(qtbot, ui_context, ui_store) -> None:
    ui_store.close()
    errors = []
    ui_context.store.run(lambda s: s.contacts.count(), failed=errors.append)
    wait_for_store(qtbot, ui_context)
    assert isinstance(errors[0], StoreClosed)


def test_rule_violations_are_read_as_field_messages() -> None:
    assert field_errors(RuleViolation("contact_id: no contact with id x")) == {
        "contact_id": "What was chosen is no longer on this computer; choose again."
    }
    assert field_errors(RuleViolation("something odd happened")) == {"": "Something odd happened"}


def test_the_picker_finds_a_contact_by_typing(qtbot, ui_context, caseload: Caseload) -> None:
    target = next(c for c in caseload.contacts if c.family_name)
    picker = ContactPicker(ui_context)
    qtbot.addWidget(picker)
    picker.show()
    qtbot.keyClicks(picker.query, target.family_name[:4])
    qtbot.waitUntil(lambda: picker.results.count() > 0, timeout=5_000)
    matches = [picker.results.item(i).data(256) for i in range(picker.results.count())]
    assert target.id in {m.id for m in matches}
    picker.results.setCurrentRow([m.id for m in matches].index(target.id))
    qtbot.keyClick(picker.query, "\r")
    assert picker.chosen_id == target.id and picker.result() == picker.DialogCode.Accepted


def test_a_client_deleted_while_work_runs_drops_the_answer_quietly(qtbot, ui_store, caplog) -> None:
    """The session locks while store work is queued: the client (a QObject) is deleted
    before the store thread finishes. The answer is dropped; nothing is raised on the
    store thread ("Signal source has been deleted") and nothing reaches the log."""
    import logging
    import threading

    import shiboken6

    from desktop.ui.store_client import StoreClient

    caplog.set_level(logging.WARNING)
    release = threading.Event()
    client = StoreClient(ui_store)
    future_done = threading.Event()

    def work(session):
        release.wait(10)
        return session.contacts.count()

    client.run(work, lambda _: None)
    ui_store.submit(lambda s: future_done.set())  # queued behind `work`: set once it has finished
    shiboken6.delete(client)
    release.set()
    assert future_done.wait(10)
    qtbot.wait(50)
    assert [r for r in caplog.records if r.levelno >= logging.WARNING] == []
