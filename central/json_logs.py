"""The service's structured logs: `prossimo-central serve --log-format json`.

Owns: `JsonFormatter` (one JSON object per line: UTC time, level, logger, message, and the
request fields central.observe attaches: event, method, route template, status,
duration_ms, request_id), the request id of the request being answered (`REQUEST_ID`, a
random id made by the service, never one a client sent) and `log_config`, the logging
set-up `serve` hands uvicorn in either format.

Must never write a request value: no path (only the route template), no query string,
body, header, token or client address, and no exception text or traceback (a failed
query's exception carries its parameters): an exception is logged as its type only.
What a logger's message holds is that logger's rule (central.errors for the service's own).
"""

import copy
import datetime as dt
import json
import logging
from contextvars import ContextVar
from typing import Any

FORMATS = ("text", "json")
# The fields central.observe passes as `extra=`; anything else a record carries is not written.
REQUEST_FIELDS = ("event", "method", "route", "status", "duration_ms")
REQUEST_ID: ContextVar[str | None] = ContextVar("prossimo_request_id", default=None)


class JsonFormatter(logging.Formatter):
    """One line of JSON per record; see the module's rule on what never goes in."""

    def format(self, record: logging.LogRecord) -> str:
        created = dt.datetime.fromtimestamp(record.created, dt.UTC)
        entry: dict[str, Any] = {
            "time": created.isoformat(timespec="milliseconds").replace("+00:00", "Z"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        for name in REQUEST_FIELDS:
            value = getattr(record, name, None)
            if value is not None:
                entry[name] = value
        request_id = REQUEST_ID.get()
        if request_id is not None:
            entry["request_id"] = request_id
        if record.exc_info and record.exc_info[0] is not None:
            kind = record.exc_info[0]
            entry["exception"] = f"{kind.__module__}.{kind.__qualname__}"  # the type: its text may hold values
        return json.dumps(entry, ensure_ascii=False, separators=(",", ":"))


def log_config(log_format: str) -> dict[str, Any]:
    """Uvicorn's logging, plus the service's own `central` loggers on the same stderr handler.

    text: uvicorn's formatter, `central` at WARNING (the service's crash and busy lines), as
    before this option existed. json: every logger (uvicorn's, the service's, the root, so a
    library's warning too) through JsonFormatter, and `central` at INFO so central.observe's
    one line per request is written. uvicorn's own access log stays off in both: its line
    holds the raw path with its query string and the client's address.
    """
    from uvicorn.config import LOGGING_CONFIG

    if log_format == "text":
        config = copy.deepcopy(LOGGING_CONFIG)
        config["loggers"]["central"] = {"handlers": ["default"], "level": "WARNING", "propagate": False}
        return config
    handler = {"formatter": "json", "class": "logging.StreamHandler", "stream": "ext://sys.stderr"}
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": {"()": f"{__name__}.JsonFormatter"}},
        "handlers": {"json": handler},
        "root": {"handlers": ["json"], "level": "WARNING"},
        "loggers": {
            "uvicorn": {"handlers": ["json"], "level": "INFO", "propagate": False},
            "uvicorn.error": {"level": "INFO"},
            "uvicorn.access": {"handlers": ["json"], "level": "INFO", "propagate": False},
            "central": {"handlers": ["json"], "level": "INFO", "propagate": False},
        },
    }
