"""The update repository over HTTP: `GET /v1/updates/metadata/{name}` and
`GET /v1/updates/targets/{channel}/{filename}`, read-only, from the folder IT chose.

Owns: which names can be asked for (TUF's top-level metadata names, versioned or not; a
target as CHANNEL/SHA256.FILENAME, the consistent-snapshot name), their caching headers, and
the 404 for everything else, including when no folder is configured. The names are matched
against fixed patterns before any path is made, so no request can leave the folder, list it
or reach a file beside it (the keys IT keeps elsewhere, a temporary file being written).

Must never write to the folder, never list it, and never answer anything but the file or a
404 without detail. Trust comes from the TUF signatures the client checks, not from this
service (central.releases makes them; desktop.updates checks them).
"""

import re
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.responses import FileResponse

from central import errors
from central.releases import CHANNEL_RULE
from protocol.messages import ProblemAnswer

UPDATES_DIR_ENV = "PROSSIMO_CENTRAL_UPDATES_DIR"  # how `serve --workers N` hands the folder to its processes
METADATA_NAME = re.compile(r"^(?:[1-9][0-9]{0,9}\.)?(?:root|targets|snapshot|timestamp)\.json$")
TARGET_NAME = re.compile(r"^[0-9a-f]{64}\.[A-Za-z0-9][A-Za-z0-9._+-]{0,127}$")
NOT_FOUND: dict[int | str, dict[str, Any]] = {
    404: {"model": ProblemAnswer, "description": "`not_found`: no such file, or no update repository configured."}
}


def _not_found() -> Any:
    return errors.problem(404, "not_found", "no such update file")


def _file(folder: Path | None, *parts: str, media_type: str, cache: str) -> Any:
    if folder is None:
        return _not_found()
    base = folder.resolve()
    path = base.joinpath(*parts)
    # The patterns already allow no separator and no "..": this also refuses a symlink out.
    if not path.is_file() or not path.resolve().is_relative_to(base):
        return _not_found()
    return FileResponse(path, media_type=media_type, headers={"Cache-Control": cache})


def add_routes(app: FastAPI, folder: Path | None) -> None:
    """The two routes on `app`, serving `folder` (None: no repository, every answer 404)."""

    @app.get("/v1/updates/metadata/{name}", response_class=FileResponse, responses=NOT_FOUND)
    def update_metadata(name: str) -> Any:
        """TUF metadata: `root.json`, `N.root.json`, `timestamp.json`, `N.snapshot.json`, `N.targets.json`."""
        if not METADATA_NAME.match(name):
            return _not_found()
        # timestamp.json changes in place (every few hours): never served from a cache.
        return _file(folder, "metadata", name, media_type="application/json", cache="no-cache")

    @app.get("/v1/updates/targets/{channel}/{filename}", response_class=FileResponse, responses=NOT_FOUND)
    def update_target(channel: str, filename: str) -> Any:
        """A release artifact, named by its SHA-256 (consistent snapshots): never changes once written."""
        if not CHANNEL_RULE.match(channel) or not TARGET_NAME.match(filename):
            return _not_found()
        return _file(
            folder,
            "targets",
            channel,
            filename,
            media_type="application/octet-stream",
            cache="public, max-age=31536000, immutable",
        )
