"""Debian's Chromium, driven by Selenium through Debian's chromedriver, for the web pages' tests.

Owns: finding the browser and driver (never Selenium Manager's downloads), starting a headless
browser at a phone's size with JavaScript and cookies on or off, the page's size (`at_size`),
following a link or a form to the next page (`follow`), a whole page's screenshot at phone width
(`page_screenshot`), and running axe-core (vendored in tests/help/axe from the npm package, with
its licence) on the open page. Used by the help desk's, the public directory's and the partner
pages' browser tests and by bench/help_pages_bench.py.

Headless Chromium keeps its window at least 500 px wide whatever `--window-size` or
`set_window_size` ask for: a "360 px" page would really be laid out at 500 px. `at_size` makes
the page that wide through the DevTools protocol (`Emulation.setDeviceMetricsOverride`, kept
across navigations), and `start` always does so, so a test at PHONE runs at 360 px.
"""

import shutil
from pathlib import Path
from typing import Any

from selenium import webdriver
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.expected_conditions import staleness_of
from selenium.webdriver.support.ui import WebDriverWait

CANDIDATES = ("/usr/lib/chromium/chromium", "/usr/bin/chromium", "/usr/bin/chromium-browser")
PHONE = (360, 740)
MOBILE_BELOW = 600  # px: narrower pages are laid out as a phone's (touch, the viewport meta tag)
AXE = Path(__file__).parent / "axe" / "axe.min.js"
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]


def find() -> tuple[str, str] | None:
    browser = next((path for path in CANDIDATES if Path(path).exists()), None)
    driver = shutil.which("chromedriver") or next(
        (p for p in ("/usr/lib/chromium/chromedriver", "/usr/bin/chromedriver") if Path(p).exists()), None
    )
    return (browser, driver) if browser and driver else None


def missing_reason() -> str:
    return (
        "Debian's chromium and chromium-driver are not installed (bash scripts/ensure-desktop-libs.sh --tests "
        "installs them)"
    )


def start(*, javascript: bool = True, cookies: bool = True, languages: str = "it", size: tuple[int, int] = PHONE):
    found = find()
    assert found is not None, missing_reason()
    browser, driver = found
    options = webdriver.ChromeOptions()
    options.binary_location = browser
    for argument in (
        "--headless=new",
        "--no-sandbox",  # the tests may run as root (CI containers), where Chromium's sandbox cannot start
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-extensions",
        f"--window-size={size[0]},{size[1]}",
    ):
        options.add_argument(argument)
    prefs: dict[str, Any] = {"intl.accept_languages": languages}
    if not javascript:
        prefs["profile.managed_default_content_settings.javascript"] = 2
    if not cookies:
        prefs["profile.default_content_setting_values.cookies"] = 2
    options.add_experimental_option("prefs", prefs)
    chrome = webdriver.Chrome(options=options, service=Service(executable_path=driver))
    chrome.set_page_load_timeout(60)
    chrome.set_script_timeout(60)
    at_size(chrome, *size)
    return chrome


def at_size(chrome: Any, width: int, height: int) -> None:
    """Lay the page out `width` x `height` CSS pixels, below 500 px too (see the module's docstring)."""
    chrome.set_window_size(max(width, 500), height)
    metrics = {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < MOBILE_BELOW}
    chrome.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", metrics)


def width_of(chrome: Any) -> int:
    """The page's layout width in CSS pixels, as its own script sees it."""
    return int(chrome.execute_script("return window.innerWidth;"))


def page_screenshot(chrome: Any, path: Path, width: int = PHONE[0]) -> None:
    """The whole open page at `width`, as tall as it is (at most 4,000 px); the size is then put back."""
    height = min(int(chrome.execute_script("return document.documentElement.scrollHeight;")), 4000)
    before = chrome.execute_script("return [window.innerWidth, window.innerHeight];")
    at_size(chrome, width, height)
    chrome.save_screenshot(str(path))
    at_size(chrome, int(before[0]), int(before[1]))


def follow(chrome: Any, css: str) -> None:
    """Click what `css` finds and wait until the page it leads to has replaced this one."""
    element = chrome.find_element(By.CSS_SELECTOR, css)
    element.click()
    WebDriverWait(chrome, 30).until(lambda _: _replaced(element))


def _replaced(element: Any) -> bool:
    """Whether the page `element` was on has gone. Mid-navigation, Chromium sometimes answers the
    check with "Node with given id does not belong to the document" (an unknown error, not
    Selenium's stale-element error): that too means the old document is gone."""
    try:
        return bool(staleness_of(element)(None))
    except WebDriverException as exc:
        if "does not belong to the document" in str(exc):
            return True
        raise


def axe_violations(chrome: Any) -> list[dict[str, Any]]:
    """axe-core's WCAG 2.2 A and AA violations on the open page (injected by the driver, not the page)."""
    chrome.execute_script(AXE.read_text(encoding="utf-8"))
    result = chrome.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}, resultTypes: ['violations']})"
        ".then(r => done(r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,"
        " nodes: v.nodes.map(n => n.target.join(' ') + ': ' + n.failureSummary)}))))"
        ".catch(e => done([{id: 'axe-error', help: String(e), nodes: []}]));",
        WCAG_22_AA,
    )
    return list(result)


def fits(chrome: Any) -> bool:
    """Nothing wider than the viewport: no sideways scrolling."""
    return bool(chrome.execute_script("return document.documentElement.scrollWidth <= window.innerWidth;"))
