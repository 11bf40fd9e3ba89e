"""LatestQuery on the real store thread: a failed query does not stop the list from answering."""

from PySide6.QtWidgets import QWidget

from desktop.ui.latest_query import LatestQuery


def test_after_a_failed_query_the_waiting_question_still_runs_and_is_shown(qtbot, ui_context) -> None:
    owner = QWidget()
    qtbot.addWidget(owner)
    query = LatestQuery(ui_context.store, owner)
    errors: list[BaseException] = []
    ui_context.store.failed.connect(errors.append)
    shown: list[object] = []

    def broken(_session: object) -> int:
        raise ValueError("the store said no")

    query.ask(broken, shown.append)
    query.ask(lambda session: session.conn.execute("SELECT 41 + 1").fetchone()[0], shown.append)
    qtbot.waitUntil(lambda: shown == [42] and not query.running, timeout=5_000)
    assert query.started == 2
    assert [type(error) for error in errors] == [ValueError]  # reported as any store error, once
