"""Sync through a faulty network: lost answers, refused and cut connections, black holes.

The fault proxy (tests/fault_proxy.py) sits between a real device and the real service.
After every scenario the device and the service hold each record exactly once.
"""

import urllib.parse
import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import func, select

from central.models import AppliedMutation, StoredRecord
from desktop.sync.transport import Offline
from tests.fault_proxy import Fault, FaultProxy, FaultSpec
from tests.sync_world import Device, World


@pytest.fixture()
def proxy(world: World) -> Iterator[FaultProxy]:
    target = urllib.parse.urlsplit(world.service.url)
    with FaultProxy(target.hostname, target.port) as running:
        yield running


def server_contacts(world: World, team: uuid.UUID) -> list[str]:
    with world.service.admin() as session:
        return [
            str(i)
            for i in session.execute(
                select(StoredRecord.id).where(StoredRecord.team_id == team, StoredRecord.entity == "contact")
            ).scalars()
        ]


def applied_count(world: World, device: Device) -> int:
    with world.service.admin() as session:
        return session.execute(
            select(func.count())
            .select_from(AppliedMutation)
            .where(AppliedMutation.device_id == device.profile.identity().device_id)
        ).scalar_one()


def local_contacts(device: Device) -> list[str]:
    return device.store.call(lambda s: [str(c.id) for c in s.contacts.page(limit=10_000).records])


def faulty_device(world: World, proxy: FaultProxy, name: str = "anna") -> Device:
    username = world.add_operator(name, [world.team_a])
    return world.device(username, server_url=proxy.url, read_timeout_s=1.0, attempts=6)


def test_a_lost_answer_is_resent_and_applied_once(world: World, proxy: FaultProxy) -> None:
    laptop = faulty_device(world, proxy)
    laptop.store.call(lambda s: s.contacts.create_many([{"given_name": f"P{n}"} for n in range(20)]))
    # The service applies the push, then the connection dies in the middle of the answer.
    proxy.plan([FaultSpec(Fault.CUT_RESPONSE, cut_after=200)])
    report = laptop.sync()
    assert (report.pushed, report.wire.requests, report.wire.retries) == (20, 2, 1)
    assert proxy.faults_injected[Fault.CUT_RESPONSE] == 1
    assert sorted(server_contacts(world, world.team_a)) == sorted(local_contacts(laptop))
    assert len(local_contacts(laptop)) == 20
    assert applied_count(world, laptop) == 20  # each device_seq applied once


@pytest.mark.parametrize(
    "fault",
    [
        FaultSpec(Fault.REFUSE),
        FaultSpec(Fault.CUT_REQUEST, cut_after=100),
        FaultSpec(Fault.BLACKHOLE),
        FaultSpec(Fault.DELAY, delay_s=0.2),
    ],
    ids=lambda spec: spec.fault.value,
)
def test_a_broken_connection_is_retried(world: World, proxy: FaultProxy, fault: FaultSpec) -> None:
    laptop = faulty_device(world, proxy)
    laptop.store.call(
        lambda s: s.contacts.create_many([{"given_name": f"P{n}", "municipality": "Lodi"} for n in range(30)])
    )
    proxy.plan([fault, fault])
    report = laptop.sync()
    assert report.pushed == 30 and report.pending == 0
    expected_retries = 0 if fault.fault is Fault.DELAY else 2
    assert report.wire.retries == expected_retries
    assert sorted(server_contacts(world, world.team_a)) == sorted(local_contacts(laptop))
    assert applied_count(world, laptop) == 30


def test_a_long_outage_keeps_everything_for_later(world: World, proxy: FaultProxy) -> None:
    laptop = faulty_device(world, proxy)
    laptop.store.call(lambda s: s.contacts.create(given_name="Attesa"))
    proxy.randomise(seed=1, probabilities={Fault.REFUSE: 1.0})
    with pytest.raises(Offline, match="could not be reached"):
        laptop.sync()
    assert laptop.store.call(lambda s: s.outbox.count()) == 1
    proxy.clear()
    assert laptop.sync().pushed == 1
    assert laptop.store.call(lambda s: s.outbox.count()) == 0


def test_random_faults_across_paged_syncs_lose_and_duplicate_nothing(world: World, proxy: FaultProxy) -> None:
    writer = world.device(world.add_operator("bruno", [world.team_a]))
    laptop = faulty_device(world, proxy)
    laptop.engine.page_size = 7
    laptop.engine.push_batch = 5
    proxy.randomise(
        seed=7,
        probabilities={Fault.CUT_RESPONSE: 0.25, Fault.REFUSE: 0.1, Fault.CUT_REQUEST: 0.1},
        cut_range=(50, 3000),
    )
    for round_number in range(6):
        writer.store.call(
            lambda s, r=round_number: s.contacts.create_many([{"given_name": f"B{r}-{n}"} for n in range(9)])
        )
        writer.sync()
        laptop.store.call(
            lambda s, r=round_number: s.contacts.create_many([{"given_name": f"A{r}-{n}"} for n in range(11)])
        )
        try:
            laptop.sync()
        except Offline:
            pass  # every retry of that sync was unlucky; the next one carries on
    proxy.clear()
    laptop.sync()
    writer.sync()
    on_server = server_contacts(world, world.team_a)
    assert len(on_server) == len(set(on_server)) == 6 * 20
    assert sorted(local_contacts(laptop)) == sorted(on_server)
    assert sorted(local_contacts(writer)) == sorted(on_server)
    assert applied_count(world, laptop) == 6 * 11
    assert sum(proxy.faults_injected[f] for f in (Fault.CUT_RESPONSE, Fault.REFUSE, Fault.CUT_REQUEST)) > 0
