"""Update-channel fixtures: the real central service on loopback serving a TUF repository
folder (`serve --updates-dir`), which each test makes anew with the real release commands."""

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from central.db import make_engine, upgrade
from tests.service_process import running_service

# The UI fixtures (a real encrypted store, English, the leaked-window check) for the notice's tests.
from tests.ui.conftest import english_ui, no_leaked_widgets, ui_context, ui_profile, ui_store  # noqa: F401
from tests.update_repo import Repo


@dataclass
class UpdateService:
    url: str
    port: int
    folder: Path


@pytest.fixture(scope="module")
def update_service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[UpdateService]:
    base = tmp_path_factory.mktemp("updates-service")
    db_url = f"sqlite:///{base / 'central.db'}"
    engine = make_engine(db_url)
    upgrade(engine)
    engine.dispose()
    folder = base / "repo"
    Repo(folder, base / "keys-at-start").init()  # `serve` checks the folder is a repository
    with running_service(db_url, "--updates-dir", str(folder)) as service:
        yield UpdateService(service.url, service.port, folder)


@pytest.fixture()
def repo(update_service: UpdateService, tmp_path: Path) -> Repo:
    """A fresh repository (new keys) in the folder the service serves."""
    return Repo(update_service.folder, tmp_path / "keys").init()
