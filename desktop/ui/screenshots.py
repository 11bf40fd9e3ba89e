"""`python -m desktop.ui.screenshots OUTDIR`: every main screen, with demo data, as PNG.

Owns: rendering the screens a person sees first (first run, unlock, and each
screen of the main window, plus a contact's detail and the Street outreach screen during a
shift, `_outreach_shots`) from the real `prossimo --demo`
set-up: the embedded demo service, an enrolled profile and a real first sync. The
images go to OUTDIR (the README shows docs/screenshots). Offscreen by default, at
1280×800; with `--real-window` (run by scripts/take-screenshots.sh under Xvfb and
openbox) the window is shown maximised by a real window manager and the whole
screen is captured, title bar included, as a person would see it.

Must never use real data or the operator's profile: everything happens in a
temporary folder that is deleted afterwards.
"""

import argparse
import datetime as dt
import os
import shutil
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QWidget

from desktop.settings import LANGUAGES, Settings
from desktop.store import outreach_queries as oq
from desktop.store.session import StoreSession
from desktop.ui import i18n
from desktop.ui.first_run import FirstRunWizard
from desktop.ui.main_window import SCREENS, MainWindow
from desktop.ui.outreach.page import OutreachPage
from desktop.ui.resources.handout import render_page_image
from desktop.ui.resources.page import ResourcesPage
from desktop.ui.shell import Session, Shell

SIZE = QSize(1280, 800)


def _wait(condition: Callable[[], bool], timeout_s: float = 90.0) -> None:
    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the screen did not settle in time")
        QCoreApplication.processEvents()
        time.sleep(0.01)


def _session(shell: Shell) -> Session:
    """The demo's unlocked session, which every shot but the lock screen's needs."""
    if shell.session is None:
        raise RuntimeError("the demo session is not open")
    return shell.session


def _settle(shell: Shell) -> None:
    """Until every store call has answered and the answers have been painted."""
    for _ in range(3):
        _wait(lambda: _session(shell).context.store.pending == 0)
        for _ in range(20):
            QCoreApplication.processEvents()
            time.sleep(0.005)


def _real_window() -> bool:
    return QGuiApplication.platformName() != "offscreen"


def _save(widget: QWidget, path: Path) -> Path:
    if _real_window():
        # The window manager places and decorates the window; give it time to map and paint.
        if not widget.isVisible():
            widget.showMaximized()
        widget.raise_()
        widget.activateWindow()
        for _ in range(40):
            QCoreApplication.processEvents()
            time.sleep(0.02)
        image = widget.screen().grabWindow(0)  # the whole screen: what a person sees
    else:
        widget.resize(SIZE)
        widget.show()  # a wizard lays out its first page only once shown
        for _ in range(10):
            QCoreApplication.processEvents()
        image = widget.grab()
    if not image.save(str(path)):
        raise OSError(f"could not write {path}")
    print(path)
    return path


def _directory_shots(shell: Shell, window: MainWindow, outdir: Path, language: str) -> list[Path]:
    """The map around Lodi with a 10 km radius, and page 1 of a handout of the nearest services."""
    window.show_page("resources")
    resources = window.pages["resources"]
    if not isinstance(resources, ResourcesPage):  # the main window keeps its pages as plain widgets
        raise TypeError("the resources screen is not a ResourcesPage")
    resources.origin_mode.setCurrentIndex(resources.origin_mode.findData("municipality"))
    resources.origin_town.setCurrentIndex(resources.origin_town.findText("Lodi"))
    resources.radius.setValue(10)
    resources.views.setCurrentWidget(resources.map_panel)
    resources.refresh_results()  # now, not after the radius box's typing pause
    _settle(shell)
    shots = [_save(window, outdir / "resources-map.png")]
    nearest = resources.shown[:4]  # nearest first
    if nearest:
        page = render_page_image(
            nearest, language=language, large_print=False, today=_session(shell).context.clock().date()
        )
        if not page.save(str(outdir / "handout.png")):
            raise OSError(f"could not write {outdir / 'handout.png'}")
        print(outdir / "handout.png")
        shots.append(outdir / "handout.png")
    return shots


# A street shift's supplies, when the demo's catalogue has none: (it, en, fi, held, low at).
SHOT_SUPPLIES = [
    ("Kit naloxone", "Naloxone kit", "Naloksonipakkaus", 14, 5),
    ("Siringhe 1 ml", "Syringes 1 ml", "Ruiskut 1 ml", 400, 50),
    ("Preservativi", "Condoms", "Kondomit", 30, 40),
    ("Acqua sterile", "Sterile water", "Steriili vesi", 120, 20),
    ("Opuscolo servizi", "Services leaflet", "Palveluesite", 60, 10),
]


def _street_evening(session: StoreSession, team: uuid.UUID, now: dt.datetime) -> None:
    """Two hours of a street shift in Lodi: nine encounters, some given nothing, one group."""
    if oq.open_shift(session) is not None:
        return
    items = session.supply_items.page(limit=100).records
    if not items:
        for name_it, name_en, name_fi, held, low in SHOT_SUPPLIES:
            names = {"name_it": name_it, "name_en": name_en, "name_fi": name_fi}
            item = session.supply_items.create(**names, unit="piece", kind="harm_reduction", low_stock_at=low)
            oq.add_movement(session, team, item.id, "received", quantity=held)
            items.append(item)
    items.sort(key=lambda i: i.name_en.casefold())
    start = now - dt.timedelta(hours=2)
    shift = oq.start_shift(session, team, "Lodi", at=start)
    pattern = [(0, 2, 1), (1, 1, 1), (None, 0, 1), (0, 3, 3), (2, 1, 1), (1, 2, 1), (None, 0, 2), (3, 1, 1), (1, 1, 1)]
    for n, (which, quantity, people) in enumerate(pattern):
        given = [{"item_id": items[which % len(items)].id, "quantity": quantity}] if which is not None else []
        oq.record_encounter(
            session,
            shift.id,
            at=start + dt.timedelta(minutes=11 * n + 5),
            given=given,
            people=people,
            new_person=(n % 4 == 1) or None,
        )


def _outreach_shots(shell: Shell, window: MainWindow, outdir: Path) -> list[Path]:
    """The Street outreach screen during a shift (its counters and encounters), then with an
    encounter being entered: two supplies tapped, an age band and a topic chosen."""
    session = _session(shell)
    context = session.context
    if not context.teams:
        return []
    team, now = context.teams[0].id, context.clock()
    session.worker.call(lambda s: _street_evening(s, team, now))
    page = window.show_page("outreach")
    if not isinstance(page, OutreachPage):
        raise TypeError("the outreach screen is not an OutreachPage")
    page.reload()
    _settle(shell)
    shots = [_save(window, outdir / "outreach-shift.png")]
    quick = page.quick
    quick.start()
    quick.give_number(1)
    for _ in range(2):
        quick.give_number(min(2, len(quick.items)))
    quick.age.choose("25_34")
    quick.new.choose(False)
    next(iter(quick.topic_buttons.values())).setChecked(True)
    _settle(shell)
    shots.append(_save(window, outdir / "outreach-encounter.png"))
    quick.cancel()
    return shots


def render(outdir: Path, language: str) -> list[Path]:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Prossimo")
    from desktop.demo import prepare_demo

    folder = Path(tempfile.mkdtemp(prefix="prossimo-shots-"))
    written = []
    try:
        Settings(language=language).save(folder / "profile")  # the demo profile is created inside
        i18n.install(language)
        wizard = FirstRunWizard(folder / "wizard", Settings(language=language))
        written.append(_save(wizard, outdir / "first-run.png"))
        wizard.close()
        wizard.deleteLater()

        prepared = prepare_demo(folder)
        shell = Shell(
            prepared.profile.directory,
            vault=prepared.profile.keys.vault,
            listen_to_desktop=False,
            unlock_hint=QCoreApplication.translate("Demo", "Demo passphrase: {passphrase}").format(
                passphrase=prepared.passphrase
            ),
        )
        shell.open_session(prepared.worker)
        _wait(lambda: shell.session is not None)
        session = _session(shell)
        bridge = session.context.sync
        if bridge is None:
            raise RuntimeError("the demo profile is not enrolled with its service")
        scheduler = bridge.scheduler
        _wait(lambda: scheduler.state.last_success_at is not None and scheduler.state.phase == "idle")
        window = session.window
        if _real_window():
            window.showMaximized()
        else:
            window.resize(SIZE)
            window.show()
        for screen in SCREENS:
            window.show_page(screen.key)
            _settle(shell)
            written.append(_save(window, outdir / f"{screen.key}.png"))
        written += _directory_shots(shell, window, outdir, language)
        written += _outreach_shots(shell, window, outdir)
        contact_id = session.worker.call(lambda s: s.contacts.page(limit=3).records[2].id)
        window.show_page("contacts", contact_id)
        _settle(shell)
        written.append(_save(window, outdir / "contact-detail.png"))
        shell.lock("idle")
        unlock = shell.window
        if unlock is None:
            raise RuntimeError("locking left no window on screen")
        written.append(_save(unlock, outdir / "unlock.png"))
        unlock.close()
        prepared.service.stop()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m desktop.ui.screenshots", description="Render every main screen with demo data to PNG files."
    )
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--language", choices=LANGUAGES, default="en")
    parser.add_argument(
        "--real-window",
        action="store_true",
        help="show the windows on the current X display and capture the screen "
        "(set QT_QPA_PLATFORM=xcb; scripts/take-screenshots.sh does it all)",
    )
    args = parser.parse_args(argv)
    if args.real_window != (os.environ.get("QT_QPA_PLATFORM") != "offscreen"):
        parser.error("--real-window needs QT_QPA_PLATFORM=xcb and a display; without it, leave QT_QPA_PLATFORM unset")
    args.outdir.mkdir(parents=True, exist_ok=True)
    render(args.outdir, args.language)
    return 0


if __name__ == "__main__":
    sys.exit(main())
