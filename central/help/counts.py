"""The help desk's privacy-preserving counts, for monitoring whether it lowers the threshold.

Owns: the events counted (`EVENTS`, the one list: a visit per page kind, a form started and
completed per form, a booking is a completed booking form) and adding one to a (day, language,
event) number in `help_count` (migration 0006_help_counts), and reading them back by day.
A form is "started" by its first post: the form sent back with errors carries a hidden
`tried` field (forms.TRIED), so fixing a field is not a second start, with no cookie and no
identifier. The day is the UTC date.
Must never keep a cookie, an address, a token, a time finer than the day, or anything typed;
never make a page fail (a count that cannot be written is dropped, and logged without values).
"""

import datetime as dt
import logging
from typing import Literal

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from central.models import HelpCount

LOG = logging.getLogger(__name__)
Page = Literal["home", "contact", "book", "status", "info"]
Form = Literal["contact", "book", "status"]
PAGES: tuple[Page, ...] = ("home", "contact", "book", "status", "info")
FORMS: tuple[Form, ...] = ("contact", "book", "status")
EVENTS = (
    *(f"visit:{page}" for page in PAGES),
    *(f"started:{form}" for form in FORMS),
    *(f"completed:{form}" for form in FORMS),  # completed:book is a booking made
)


def visit(sessions: sessionmaker[Session], now: dt.datetime, language: str, page: Page) -> None:
    add(sessions, now, language, f"visit:{page}")


def started(sessions: sessionmaker[Session], now: dt.datetime, language: str, form: Form) -> None:
    add(sessions, now, language, f"started:{form}")


def completed(sessions: sessionmaker[Session], now: dt.datetime, language: str, form: Form) -> None:
    add(sessions, now, language, f"completed:{form}")


def add(sessions: sessionmaker[Session], now: dt.datetime, language: str, event: str) -> None:
    """One more of `event` today; concurrent visits add up (one upsert statement: ON CONFLICT
    DO UPDATE count = count + 1 on both databases)."""
    if event not in EVENTS:
        raise ValueError(f"event: one of {', '.join(EVENTS)}")
    day = now.astimezone(dt.UTC).date()
    try:
        with sessions.begin() as session:
            values = {"day": day, "language": language, "event": event, "count": 1}
            keys = ["day", "language", "event"]
            more = {"count": HelpCount.count + 1}
            if session.get_bind().dialect.name == "postgresql":
                pg = pg_insert(HelpCount).values(**values)
                session.execute(pg.on_conflict_do_update(index_elements=keys, set_=more))
            else:
                lite = sqlite_insert(HelpCount).values(**values)
                session.execute(lite.on_conflict_do_update(index_elements=keys, set_=more))
    except SQLAlchemyError as exc:  # a count is worth less than the page: the page is answered
        LOG.warning("help count not written (%s): %s", event, type(exc).__name__)


def by_day(session: Session, since: dt.date | None = None) -> list[tuple[dt.date, str, str, int]]:
    """(day, language, event, count) rows, oldest first."""
    query = select(HelpCount.day, HelpCount.language, HelpCount.event, HelpCount.count)
    if since is not None:
        query = query.where(HelpCount.day >= since)
    rows = session.execute(query.order_by(HelpCount.day, HelpCount.language, HelpCount.event)).all()
    return [(day, language, event, count) for day, language, event, count in rows]
