"""Every screen and dialog a person meets, built on the real demo store, for the tests that
walk them all (tests/ui/test_fit.py, tests/ui/test_accessibility.py, tests/ui_real/test_fit_real.py).

Owns: `PAGES` (the main window's screens, plus a contact's detail and a service's detail),
`DIALOGS` (each dialog or window made the way the app makes it, with what it needs from the
store), `show_page` and `open_dialog`. Issue 14 items 2 and 5.

Must never fake a part of the app: the store is the real one the fixtures open.
"""

import datetime as dt
import gc
import time
import uuid
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QWidget, QWizard

from desktop.settings import Settings
from desktop.store import outreach_queries as oq
from desktop.store.profile import Profile
from desktop.ui.calendar.files import ExportDialog, ImportDialog
from desktop.ui.calendar.form import AppointmentForm
from desktop.ui.contact_picker import ContactPicker
from desktop.ui.contacts.dialogs import ConsentDialog, NoteDialog, RelationshipDialog
from desktop.ui.contacts.form import ContactForm
from desktop.ui.context import Team, UiContext
from desktop.ui.first_run import FirstRunWizard
from desktop.ui.intake import IntakeAcceptDialog, IntakeDeclineDialog
from desktop.ui.main_window import SCREENS, MainWindow
from desktop.ui.outreach.code_maker import CodeMakerDialog
from desktop.ui.outreach.page import OutreachPage, read_page
from desktop.ui.outreach.shift_form import ShiftForm
from desktop.ui.resources.handout import HandoutDialog
from desktop.ui.resources.refer import ReferralDialog
from desktop.ui.settings_page import SignOutDialog
from desktop.ui.shortcuts_help import ShortcutsHelp, registered_shortcuts
from desktop.ui.unlock import UnlockWindow
from protocol.directory import is_stale
from tests.ui.conftest import TEST_CODE_KEY, Caseload, enrol_offline


def richest_resource(context: UiContext, load: Caseload):  # a Resource
    """The service with the most to show: not verified lately, with hours, email, address
    (the Finnish detail pane clipped exactly these)."""
    today = context.clock().date()

    def weight(r) -> tuple:
        return (
            is_stale(r.last_verified_on, today),
            bool(r.email),
            bool(r.location.address_1),
            len(r.opening_hours),
            len(r.description or ""),
        )

    return max(load.resources, key=weight)


PAGES: list[str] = [screen.key for screen in SCREENS] + ["contact-detail", "resource-detail", "outreach-encounter"]
SUPPLIES = [
    ("Siringhe 1 ml", "Syringes 1 ml", "Ruiskut 1 ml"),
    ("Kit naloxone", "Naloxone kit", "Naloksonipakkaus"),
    ("Preservativi", "Condoms", "Kondomit"),
    ("Stagnola", "Foil", "Folio"),
    ("Acqua sterile", "Sterile water", "Steriili vesi"),
    ("Opuscolo servizi", "Services leaflet", "Palveluesite"),
]


SHIFT_TEAM = uuid.UUID("00000000-0000-4000-8000-0000000000e1")  # an offline-only profile's, once enrolled


def outreach_shift(context: UiContext):  # a Shift
    """A running shift of the first team, with the organisation's supply items (made once; an
    offline-only profile is enrolled first, as a shift needs an operator)."""
    _enrolled(context)
    team = context.teams[0].id if context.teams else SHIFT_TEAM

    def make(session):
        running = oq.open_shift(session)
        if running is not None:
            return running
        for name_it, name_en, name_fi in SUPPLIES:
            session.supply_items.create(
                name_it=name_it, name_en=name_en, name_fi=name_fi, unit="piece", kind="harm_reduction", low_stock_at=5
            )
        return oq.start_shift(session, team, "Lodi")

    return context.store.worker.call(make)


def _encounter_open(window: MainWindow) -> QWidget:
    """The quick-encounter panel of a running shift, an encounter open (the screen that matters most)."""
    context = window.context
    outreach_shift(context)
    page = window.show_page("outreach")
    assert isinstance(page, OutreachPage)
    teams = [team.id for team in context.teams]
    page._show(page._generation, context.store.worker.call(lambda s: read_page(s, teams)))
    page.quick.start()
    return page


def _enrolled(context: UiContext) -> None:
    """Enrolled, with the organisation's code key, as a real enrolment leaves a device."""

    def save(session) -> None:
        if session.replica.enrolment() is None or not session.replica.has_code_key():
            teams = context.teams or [Team(SHIFT_TEAM, "Unità di strada")]
            enrol_offline(session, context.me, teams, code_key=TEST_CODE_KEY)

    context.store.worker.call(save)


def _code_maker(context: UiContext, parent: QWidget) -> QWidget:
    _enrolled(context)
    return CodeMakerDialog(context, context.teams[0].id if context.teams else SHIFT_TEAM, parent)


def _end_shift_form(context: UiContext, parent: QWidget) -> QWidget:
    shift = outreach_shift(context)
    summary, items = context.store.worker.call(
        lambda s: (oq.shift_summary(s, shift.id), {str(i.id): i for i in s.supply_items.page(limit=100).records})
    )
    return ShiftForm(context, "end", shift, summary, items, parent=parent)


def show_page(window: MainWindow, name: str, load: Caseload) -> QWidget:
    if name == "outreach-encounter":
        return _encounter_open(window)
    if name == "contact-detail":
        return window.show_page("contacts", load.contacts[2].id)
    if name == "resource-detail":
        return window.show_page("resources", richest_resource(window.context, load).id)
    return window.show_page(name)


def _request(context: UiContext):  # an IntakeRequest
    return context.store.worker.call(
        lambda s: s.intake_requests.create(
            kind="booking",
            alias="Stella",
            contact_channel="phone",
            contact_detail="+39 333 123 4567",
            preferred_times="mornings",
            topic="housing",
            consent_to_contact=True,
            received_at=context.clock() - dt.timedelta(minutes=5),
            reference="A9B8C7",
            language="it",
        )
    )


def _wizard_page(profile_dir: Path, page: int) -> Callable[[UiContext, Caseload, QWidget], QWidget]:
    def make(context: UiContext, load: Caseload, parent: QWidget) -> QWidget:
        wizard = FirstRunWizard(profile_dir / f"new-{page}", Settings(language=context.settings.language))
        wizard.setStartId(page)
        wizard.restart()
        return wizard

    return make


def _shortcuts_help(window: MainWindow) -> QWidget:
    for key in [screen.key for screen in SCREENS]:
        window.page(key)
    titles = {window.pages[screen.key]: screen.title() for screen in SCREENS}
    return ShortcutsHelp(registered_shortcuts(window, titles), window)


Make = Callable[[UiContext, Caseload, QWidget], QWidget]


def dialogs(profile: Profile) -> dict[str, Make]:
    """Every dialog and window but the main one, each made as the app makes it."""
    week = [dt.date(2026, 11, 23) + dt.timedelta(days=i) for i in range(7)]
    made: dict[str, Make] = {
        "contact form": lambda c, load, p: ContactForm(c, parent=p),
        "contact form (edit)": lambda c, load, p: ContactForm(c, load.contacts[1], parent=p),
        "note": lambda c, load, p: NoteDialog(c, load.contacts[0].id, parent=p),
        "consent": lambda c, load, p: ConsentDialog(c, load.contacts[0].id, parent=p),
        "relationship": lambda c, load, p: RelationshipDialog(c, load.contacts[0].id, parent=p),
        "appointment": lambda c, load, p: AppointmentForm(c, p),
        "accept request": lambda c, load, p: IntakeAcceptDialog(c, _request(c), p),
        "decline request": lambda c, load, p: IntakeDeclineDialog(c, _request(c), p),
        "referral": lambda c, load, p: ReferralDialog(c, richest_resource(c, load), None, p),
        "handout": lambda c, load, p: HandoutDialog(c, load.resources[:4], "fi", p),
        "calendar export": lambda c, load, p: ExportDialog(c, p, days=week, period_text="23–29/11/2026"),
        "calendar import": lambda c, load, p: ImportDialog(c, p),
        "sign out": lambda c, load, p: SignOutDialog(3, True, p),
        "sign out (offline)": lambda c, load, p: SignOutDialog(0, False, p),
        "contact picker": lambda c, load, p: ContactPicker(c, p),
        "unlock": lambda c, load, p: UnlockWindow(profile),
        "shortcuts help": lambda c, load, p: _shortcuts_help(p),
        "start a shift": lambda c, load, p: ShiftForm(c, "start", parent=p),
        "end a shift": lambda c, load, p: _end_shift_form(c, p),
        "code maker": lambda c, load, p: _code_maker(c, p),
    }
    for page in (0, 1, 2, 3):  # WELCOME, PASSPHRASE, CONNECT, DONE
        made[f"first run page {page}"] = _wizard_page(profile.directory.parent, page)
    return made


def is_full_window(widget: QWidget) -> bool:
    """A window the app sizes to the screen (the lock screen covers the main window)."""
    return isinstance(widget, UnlockWindow)


def close(widget: QWidget) -> None:
    if isinstance(widget, QWizard | UnlockWindow):
        widget.hide()
    else:
        widget.done(0) if hasattr(widget, "done") else widget.hide()
    widget.deleteLater()
    # Delete it now, and collect what pointed at it, at a point we choose: left to the next
    # event loop and to whenever Python's collector happens to run, the order of deletions
    # depended on how much the test printed.
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()


Check = Callable[[QWidget], list]  # a widget -> its problems (tests.ui.layout_checks)


def walk(
    context: UiContext,
    load: Caseload,
    profile: Profile,
    check: Check,
    *,
    wait: Callable[[], None],
    size: tuple[int, int] | None = None,
    skip: tuple[str, ...] = (),
    shots: Path | None = None,
) -> list[str]:
    """Open every page and dialog in turn, run `check` on each once it has settled, and
    say what it found, one line per problem naming the view. `size`: the window's size on
    a screen without a window manager (offscreen); None leaves it to the real one.
    `wait` returns once the store has answered (the views fill from it); `shots`: a folder
    to keep a picture of each view in."""
    from tests.ui.layout_checks import settle

    found: list[str] = []
    window = MainWindow(context)
    try:
        if size is not None:
            window.show()
            _fill(window, size)
        else:
            window.showMaximized()
            _until(window.isMaximized)
        for name in PAGES:
            if name in skip:
                continue
            show_page(window, name, load)
            wait()
            settle(window)
            found += [f"[{name}] {problem}" for problem in check(window)]
            _keep(window, shots, name)
        for name, make in dialogs(profile).items():
            if name in skip:
                continue
            dialog = make(context, load, window)
            try:
                if size is None and is_full_window(dialog):
                    dialog.showMaximized()  # as the shell shows the lock screen
                    _until(dialog.isMaximized)
                else:
                    dialog.show()
                if size is None:  # mapped by the window manager, then laid out at its real size
                    _until(lambda d=dialog: d.windowHandle() is not None and d.windowHandle().isExposed())
                if size is not None and is_full_window(dialog):
                    _fill(dialog, size)
                wait()
                settle(dialog)
                if size is not None:
                    dialog.move(0, 0)
                    settle(dialog)
                found += [f"[{name}] {problem}" for problem in check(dialog)]
                _keep(dialog, shots, name)
            finally:
                close(dialog)
    finally:
        window.hide()
        window.deleteLater()
    return found


def _fill(window: QWidget, size: tuple[int, int]) -> None:
    """What a maximised window is on a screen of `size`: its frame fills it."""
    frame, inner = window.frameGeometry(), window.geometry()
    window.move(0, 0)
    window.resize(size[0] - (frame.width() - inner.width()), size[1] - (frame.height() - inner.height()))


def _keep(widget: QWidget, shots: Path | None, name: str) -> None:
    if shots is not None:
        shots.mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(shots / f"{name.replace(' ', '-')}.png"))


def _until(ready: Callable[[], bool], timeout_s: float = 5.0) -> None:
    """Let the window manager do what it was asked (maximise a window) before reading geometry."""
    deadline = time.monotonic() + timeout_s
    while not ready() and time.monotonic() < deadline:
        QCoreApplication.processEvents()
        time.sleep(0.01)
    for _ in range(20):  # and the resize that follows it
        QCoreApplication.processEvents()
        time.sleep(0.005)
