"""Street outreach in a real window (issue 18, part 2): a shift started by keyboard, then an
anonymous encounter in three actions, "+", a supply's number key, Enter, as the X server
delivers them, on an enrolled profile whose service is out of reach (the street is offline).
The encounter's three actions are real key presses; the store is read to see what they wrote,
and the counters on screen to see what the worker sees."""

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.store import outreach_queries as oq
from desktop.ui.context import Team
from desktop.ui.main_window import MainWindow
from desktop.ui.outreach.page import OutreachPage
from desktop.ui.outreach.shift_form import ShiftForm
from desktop.ui.unlock import UnlockWindow
from tests.ui.conftest import TEST_CODE_KEY
from tests.ui_real.conftest import (
    Steps,
    active,
    do,
    enrolled_offline,
    gone,
    keys,
    on_screen,
    run_app,
    shot,
    type_text,
    unlock,
    until,
    visible,
)

TEAM = uuid.UUID("00000000-0000-4000-8000-0000000000d1")


@pytest.fixture()
def street_evening(tmp_path: Path) -> Iterator[Path]:
    """An enrolled profile (one team, the service unreachable) with three supply items in stock."""
    with enrolled_offline(tmp_path, Team(TEAM, "Unità di strada"), TEST_CODE_KEY) as (profile, worker):

        def supplies(s) -> None:
            for name_it, name_en, name_fi, held in (
                ("Kit naloxone", "Naloxone kit", "Naloksonipakkaus", 12),
                ("Siringhe", "Syringes", "Ruiskut", 200),
                ("Preservativi", "Condoms", "Kondomit", 3),
            ):
                item = s.supply_items.create(
                    name_it=name_it,
                    name_en=name_en,
                    name_fi=name_fi,
                    unit="piece",
                    kind="harm_reduction",
                    low_stock_at=5,
                )
                oq.add_movement(s, TEAM, item.id, "received", quantity=held)

        worker.call(supplies)
    yield profile.directory


def test_an_anonymous_encounter_in_three_actions(street_evening: Path, capfd) -> None:
    def steps() -> Steps:
        yield from unlock(UnlockWindow)
        yield until(lambda: active(MainWindow), "the main window")
        window = visible(MainWindow)
        yield until(lambda: window.isMaximized() and window.context.store.pending == 0, "the main window, settled")
        store = window.context.store.worker

        yield do(lambda: keys("ctrl+9"), "Ctrl+9: Street outreach")
        page = window.page("outreach")
        assert isinstance(page, OutreachPage)
        yield until(lambda: page.isVisible() and page.start_button.isVisible(), "the shift screen, no shift running")
        assert "Low stock: Condoms 3 (warn at 5)" in page.low_label.text(), page.low_label.text()
        yield do(lambda: keys("alt+s"), "Alt+S: Start a shift…")
        yield until(lambda: active(ShiftForm), "the shift form")
        form = visible(ShiftForm)
        yield do(lambda: (keys("alt+a"), type_text("Lodi")), "the area, typed")
        assert on_screen(form.primary_button), "Start the shift is off the screen"
        yield do(lambda: keys("Escape", "Return"), "Enter: start the shift (Escape closes the area's completion)")
        yield until(lambda: gone(form), "the shift started")
        yield until(lambda: page.stack.currentWidget() is page.quick and page.quick.isVisible(), "the encounter panel")
        shift = store.call(oq.open_shift)
        assert shift is not None and shift.municipalities == ["Lodi"]
        yield until(lambda: active(MainWindow) and page.quick.plus_button.hasFocus(), "+ has the focus")
        shot("shift-started")

        quick = page.quick
        yield do(lambda: keys("plus"), "1: +")
        yield until(quick.is_open, "a new encounter open")
        yield do(lambda: keys("3"), "2: the third item (Syringes)")
        syringes = quick.items[2]
        yield until(lambda: quick.counts.get(syringes.id) == 1, "one syringe pack chosen")
        shot("encounter-open")
        yield do(lambda: keys("Return"), "3: Enter, done")
        yield until(lambda: not quick.is_open() and window.context.store.pending == 0, "recorded")
        yield until(lambda: "Encounters 1 " in quick.counters.text(), "the counters updated")
        encounters = store.call(lambda s: oq.encounters_of(s, shift.id))
        assert [
            (e.people, e.gender, e.client_code, [(g.item_id, g.quantity) for g in e.given]) for e in encounters
        ] == [(1, "not_asked", None, [(syringes.id, 1)])]
        assert quick.undo_button.isVisible() and on_screen(quick.undo_button), "Undo is not offered"
        shot("encounter-recorded")
        yield do(window.close, "closing the main window")

    run_app(street_evening, steps())
    assert "Traceback" not in capfd.readouterr().err
