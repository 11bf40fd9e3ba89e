"""A list that follows what a person types: the store query for what is asked now, at most one at a time.

Owns: `LatestQuery`. A screen asks it for the answer to the newest question (the search text
and filters as they are now). With no query running, it runs at once: a keystroke after a
pause waits for nothing but its own query, where a fixed typing pause (100 ms, before) was
felt on every keystroke. With one running, the newest question waits for it and then runs;
the running one's answer is then dropped, unseen, and so is every question asked in between,
so fast typing costs at most one query behind the typist, however slow the store is.

Must never run two queries of one screen at once, never show an answer older than the newest
question, and never stop answering after a failure (the next question runs as usual).
"""

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject

from desktop.store.session import StoreSession
from desktop.store.worker import StoreClosed
from desktop.ui.store_client import StoreClient

Work = Callable[[StoreSession], Any]
Show = Callable[[Any], None]


class LatestQuery:
    def __init__(self, store: StoreClient, owner: QObject) -> None:
        self.store = store
        self.owner = owner  # answers for a deleted owner are dropped (see StoreClient.run)
        self.running = False
        self._next: tuple[Work, Show] | None = None
        self.started = 0  # queries run so far (tests count them)

    def ask(self, work: Work, show: Show) -> None:
        """Run `work` on the store thread and `show` its answer, unless a newer question comes first."""
        if self.running:
            self._next = (work, show)  # replaces any question still waiting: only the newest matters
            return
        self._start(work, show)

    def _start(self, work: Work, show: Show) -> None:
        self.running = True
        self.started += 1
        self.store.run(work, lambda answer: self._answered(show, answer), self._failed, owner=self.owner)

    def _answered(self, show: Show, answer: Any) -> None:
        self.running = False
        if self._next is not None:
            work, newer = self._next
            self._next = None
            self._start(work, newer)  # this answer is for an older question: not shown
            return
        show(answer)

    def _failed(self, error: BaseException) -> None:
        self.running = False
        waiting, self._next = self._next, None
        if not isinstance(error, StoreClosed):  # locked meanwhile: nothing to show, nothing to say
            self.store.failed.emit(error)  # as any unhandled store error (the shell shows it)
        if waiting is not None:
            self._start(*waiting)
