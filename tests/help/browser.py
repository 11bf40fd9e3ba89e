"""Debian's Chromium, driven by Selenium through Debian's chromedriver, for the help-desk tests.

Owns: finding the browser and driver (never Selenium Manager's downloads), starting a headless
browser at a phone's size with JavaScript and cookies on or off, and running axe-core (vendored
in tests/help/axe from the npm package, with its licence) on the open page.
"""

import shutil
from pathlib import Path
from typing import Any

from selenium import webdriver
from selenium.webdriver.chrome.service import Service

CANDIDATES = ("/usr/lib/chromium/chromium", "/usr/bin/chromium", "/usr/bin/chromium-browser")
PHONE = (360, 740)
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
    return chrome


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
