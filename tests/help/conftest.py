"""The web pages' browser tests share one way to start Chromium: `chrome_factory` (tests.help.browser)."""

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from tests.help import browser


@pytest.fixture()
def chrome_factory() -> Iterator[Callable[..., Any]]:
    """`browser.start` with the same options; every browser started is quit after the test."""
    started = []

    def make(**options: Any) -> Any:
        chrome = browser.start(**options)
        started.append(chrome)
        return chrome

    yield make
    for chrome in started:
        chrome.quit()
