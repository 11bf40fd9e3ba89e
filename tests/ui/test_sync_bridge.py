"""The sync scheduler behind its Qt bridge: real service, real store, real signals, offscreen."""

import datetime as dt
import logging
import urllib.parse

import pytest

from central.models import StoredRecord
from desktop.sync.engine import carry_out_wipe
from desktop.sync.scheduler import SyncScheduler, SyncState, Timing
from desktop.ui.sync_bridge import SyncBridge, describe
from tests.fault_proxy import Fault, FaultProxy
from tests.sync_world import World

FAST = Timing(debounce_s=0.05, periodic_s=60, first_retry_s=0.05, max_retry_s=0.2, probe_s=0.05)


def bridge_for(device, qtbot, **options) -> tuple[SyncBridge, list[SyncState]]:
    scheduler = SyncScheduler(device.engine, lambda: device.server_url, timing=FAST, **options)
    bridge = SyncBridge(scheduler)
    seen: list[SyncState] = []
    bridge.stateChanged.connect(seen.append)
    return bridge, seen


def on_server(world: World, record_id: str) -> bool:
    with world.service.admin() as session:
        return session.get(StoredRecord, record_id) is not None


def test_local_changes_are_synced_soon_and_the_state_reaches_the_ui(world: World, qtbot) -> None:
    laptop = world.device(world.add_operator("anna", [world.team_a]))
    bridge, seen = bridge_for(laptop, qtbot)
    bridge.start()
    try:
        qtbot.waitUntil(
            lambda: bool(seen) and seen[-1].phase == "idle" and seen[-1].last_success_at is not None, timeout=10_000
        )
        contact = laptop.store.call(lambda s: s.contacts.create(given_name="Debora"))
        bridge.local_change()
        qtbot.waitUntil(
            lambda: on_server(world, contact.id) and seen[-1].phase == "idle" and seen[-1].pending == 0, timeout=10_000
        )
        assert any(state.phase == "syncing" for state in seen)
        assert "Up to date at" in describe(seen[-1])
    finally:
        bridge.stop()


def test_offline_then_back_online(world: World, qtbot) -> None:
    target = urllib.parse.urlsplit(world.service.url)
    with FaultProxy(target.hostname, target.port) as proxy:
        laptop = world.device(world.add_operator("anna", [world.team_a]), server_url=proxy.url, attempts=1)
        proxy.randomise(seed=1, probabilities={Fault.REFUSE: 1.0})
        laptop.store.call(lambda s: s.contacts.create(given_name="In attesa"))
        bridge, seen = bridge_for(laptop, qtbot)
        bridge.start()
        try:
            qtbot.waitUntil(lambda: bool(seen) and seen[-1].phase == "offline", timeout=10_000)
            text = describe(seen[-1])
            assert text.startswith("Offline: your work is kept on this computer") and "1 change waiting" in text
            proxy.clear()  # the connection is back: the next probe notices, the sync follows
            qtbot.waitUntil(lambda: seen[-1].phase == "idle" and seen[-1].pending == 0, timeout=10_000)
        finally:
            bridge.stop()


def test_the_os_reporting_offline_pauses_syncing(world: World, qtbot) -> None:
    laptop = world.device(world.add_operator("anna", [world.team_a]))
    bridge, seen = bridge_for(laptop, qtbot, os_reports_reachability=True)
    scheduler = bridge.scheduler
    scheduler.set_online(False)
    scheduler.start()
    try:
        qtbot.waitUntil(lambda: bool(seen) and seen[-1].phase == "offline", timeout=5_000)
        contact = laptop.store.call(lambda s: s.contacts.create(given_name="Senza rete"))
        scheduler.local_change()
        qtbot.wait(300)
        assert not on_server(world, contact.id)
        scheduler.set_online(True)
        qtbot.waitUntil(lambda: on_server(world, contact.id), timeout=10_000)
    finally:
        scheduler.stop()


def test_a_wipe_order_is_carried_out_and_said(world: World, qtbot) -> None:
    laptop = world.device(world.add_operator("anna", [world.team_a]))
    world.revoke(laptop)
    orders = []

    def wipe(order) -> None:
        orders.append(order)
        carry_out_wipe(laptop.profile, laptop.store)

    bridge, seen = bridge_for(laptop, qtbot, on_wipe=wipe)
    bridge.start()
    try:
        qtbot.waitUntil(lambda: bool(seen) and seen[-1].phase == "wiped", timeout=10_000)
        assert describe(seen[-1]) == "This computer was wiped: this device was revoked by the organisation"
        assert [o.reason for o in orders] == ["device_revoked"]
        assert not (laptop.profile.directory / "store.db").exists()
    finally:
        bridge.stop()


@pytest.mark.parametrize(
    ("state", "text"),
    [
        (SyncState("syncing", done=3, total=10), "Syncing 3 of 10"),
        (SyncState("syncing"), "Syncing…"),
        (
            SyncState(
                "idle",
                open_conflicts=2,
                pending=1,
                rejected=1,
                last_success_at=dt.datetime(2026, 11, 23, 13, 5, tzinfo=dt.UTC),
            ),
            "Up to date at {t} · 2 conflicts to resolve · 1 change waiting · 1 change refused",
        ),
        (SyncState("error", message="the service answered 500"), "Sync error: the service answered 500"),
        (SyncState("idle", clock_skew_s=-300.0), "Not synced yet · this computer's clock is off by -300 s"),
    ],
)
def test_status_line(state: SyncState, text: str, qtbot) -> None:
    when = dt.datetime(2026, 11, 23, 13, 5, tzinfo=dt.UTC).astimezone().strftime("%H:%M")
    assert describe(state, now=dt.datetime(2026, 11, 23, 15, 0, tzinfo=dt.UTC)) == text.format(t=when)


def test_counts_that_cannot_be_read_are_logged_once_by_type(world: World, caplog: pytest.LogCaptureFixture) -> None:
    """Issue 13 item 14: `_counts` used to swallow every exception silently. A store that
    is locked or closed is expected (the last counts stay, nothing logged); anything else
    is logged once, by its type, never with values."""
    laptop = world.device(world.add_operator("anna", [world.team_a]))
    laptop.store.call(lambda s: s.contacts.create(given_name="Gianna-Canary"))
    scheduler = SyncScheduler(laptop.engine, lambda: laptop.server_url, timing=FAST)
    first = scheduler._counts()
    assert first["pending"] == 1
    scheduler._publish(SyncState("idle", **first))
    # A real fault in the store: a table the counts read is gone.
    laptop.store.call(lambda s: s.conn.execute("DROP TABLE rejected_mutation"))
    caplog.set_level(logging.DEBUG, logger="desktop.sync.scheduler")
    for _ in range(3):
        assert scheduler._counts() == first  # the last known counts
    logged = [r for r in caplog.records if r.name == "desktop.sync.scheduler"]
    assert len(logged) == 1, [r.getMessage() for r in logged]
    assert logged[0].levelno == logging.ERROR and "OperationalError" in logged[0].getMessage()
    assert "rejected_mutation" not in logged[0].getMessage() and logged[0].exc_info is None
    assert "Gianna" not in caplog.text

    caplog.clear()
    laptop.close()  # locked: expected, quietly the last counts
    assert scheduler._counts() == first
    assert [r for r in caplog.records if r.name == "desktop.sync.scheduler"] == []
