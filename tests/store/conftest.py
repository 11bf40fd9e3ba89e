"""Fixtures for store tests: a real profile with a real SQLCipher database."""

from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.store.profile import Profile
from desktop.store.worker import StoreWorker

PASSPHRASE = "correct horse battery staple"


@pytest.fixture()
def profile(tmp_path: Path) -> Profile:
    return Profile.create(tmp_path / "profile", PASSPHRASE)


@pytest.fixture()
def store(profile: Profile) -> Iterator[StoreWorker]:
    worker = profile.open(PASSPHRASE)
    yield worker
    worker.close()
