"""Issue 23, pages that fit the link: a sync over a cut-prone link resends within the same sync,
asks for a smaller page after a cut, loses and duplicates nothing, and counts every attempt's bytes.

The link is the fault proxy's link model (tests/link_model.py), fast so the tests are quick; the
device enrols directly and then syncs through the proxy. Counts only, no timings.
"""

import json
import urllib.parse
from collections.abc import Iterator

import pytest

import desktop.sync.engine
from desktop import cli
from desktop.store.replica import SERVER_URL
from desktop.sync.transport import Offline, Transport
from tests.fault_proxy import Fault, FaultProxy, FaultSpec
from tests.link_model import LinkModel
from tests.sync.test_faults import applied_count, local_contacts, server_contacts
from tests.sync_world import PASSPHRASE, Device, World

# Fast, so the test is quick, and cut-prone: about one answer of 250 contacts in five is cut.
# Seeded: the up lane (requests, a few KB) meets no cut in its first windows, so what the device
# counts as sent is what the link carried, byte for byte, as for what it received.
CUT_PRONE = LinkModel(bandwidth=20e6, rtt_s=0, stall_chance=0, cut_chance=0.1, seed=1)


def cut_prone_proxy(world: World, link: LinkModel | None) -> FaultProxy:
    target = urllib.parse.urlsplit(world.service.url)
    assert target.hostname is not None and target.port is not None
    return FaultProxy(target.hostname, target.port, link=link)


@pytest.fixture()
def link(world: World) -> Iterator[FaultProxy]:
    with cut_prone_proxy(world, CUT_PRONE) as running:
        yield running


@pytest.fixture()
def proxy(world: World) -> Iterator[FaultProxy]:
    with cut_prone_proxy(world, None) as running:
        yield running


def through(device: Device, proxy: FaultProxy, attempts: int = 6) -> Device:
    """From now on the device syncs through the proxy (its enrolment went straight to the service)."""
    device.engine.close()
    device.engine.transport_factory = lambda e: Transport(proxy.url, attempts=attempts, backoff_s=0.001)
    return device


def test_a_cut_prone_link_loses_nothing_duplicates_nothing_and_counts_every_byte(
    world: World, link: FaultProxy
) -> None:
    colleague = world.device(world.add_operator("bruno", [world.team_a]))
    colleague.store.call(
        lambda s: s.contacts.create_many(
            [{"given_name": f"Persona {n}", "municipality": "Lodi", "address": f"Via Roma {n}"} for n in range(1_200)]
        )
    )
    colleague.sync()
    laptop = world.device(world.add_operator("anna", [world.team_a]))
    laptop.store.call(lambda s: s.contacts.create_many([{"given_name": f"Mia {n}"} for n in range(150)]))
    laptop.engine.push_batch = 50  # several pushes, so cuts meet pushes too
    through(laptop, link)

    report = laptop.sync()

    assert link.link_cuts > 0
    # Every cut cost one resend within this sync, and nothing else failed.
    assert report.wire.retries == link.link_cuts
    assert report.wire.requests == report.rounds + report.wire.retries
    # The device's counters are what crossed the link, the partial answers of cut attempts included.
    assert report.wire.bytes_received == link.bytes_to_client
    assert report.wire.bytes_sent == link.bytes_to_target
    # Nothing lost, nothing twice: each pushed mutation applied once, each record held once.
    assert report.pushed == 150 and report.pending == 0
    assert applied_count(world, laptop) == 150
    on_server = server_contacts(world, world.team_a)
    assert len(on_server) == len(set(on_server)) == 1_350
    mine = local_contacts(laptop)
    assert len(mine) == len(set(mine)) and sorted(mine) == sorted(on_server)


def test_after_a_cut_mid_page_the_page_is_asked_again_half_the_size(world: World, proxy: FaultProxy) -> None:
    colleague = world.device(world.add_operator("bruno", [world.team_a]))
    colleague.store.call(lambda s: s.contacts.create_many([{"given_name": f"P{n}"} for n in range(600)]))
    colleague.sync()
    laptop = through(world.device(world.add_operator("anna", [world.team_a])), proxy)
    assert laptop.engine.pages.size == 250
    proxy.plan([FaultSpec(Fault.CUT_RESPONSE, cut_after=3_000)])  # inside the first page's body

    pulled = []
    report = laptop.sync(progress=lambda p: pulled.append(p.pulled))

    assert proxy.faults_injected[Fault.CUT_RESPONSE] == 1 and report.wire.retries == 1
    assert pulled[0] == 125  # the resend asked for half the page
    assert pulled[-1] == report.pulled == 600


def test_a_sync_that_keeps_failing_counts_every_attempt(world: World, proxy: FaultProxy) -> None:
    colleague = world.device(world.add_operator("bruno", [world.team_a]))
    colleague.store.call(lambda s: s.contacts.create_many([{"given_name": f"P{n}"} for n in range(400)]))
    colleague.sync()
    laptop = through(world.device(world.add_operator("anna", [world.team_a])), proxy, attempts=4)
    proxy.plan([FaultSpec(Fault.CUT_RESPONSE, cut_after=1_500)] * 4)

    with pytest.raises(Offline):
        laptop.sync()

    failed = laptop.engine.last_report
    assert failed is not None and failed.pulled == 0
    assert (failed.wire.requests, failed.wire.retries) == (4, 3)
    # Each attempt's head and the part of its body that arrived were counted.
    assert 4 * 1_000 < failed.wire.bytes_received <= proxy.bytes_to_client == 4 * 1_500
    assert failed.wire.bytes_sent == proxy.bytes_to_target
    assert laptop.engine.pages.size < 250 // 8  # halved by every cut
    proxy.clear()
    assert laptop.sync().pulled == 400


def test_a_failed_sync_json_has_the_counts(
    world: World, proxy: FaultProxy, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`prossimo sync --json` that fails still says what the link carried, for IT."""
    colleague = world.device(world.add_operator("bruno", [world.team_a]))
    colleague.store.call(lambda s: s.contacts.create_many([{"given_name": f"P{n}"} for n in range(200)]))
    colleague.sync()
    laptop = world.device(world.add_operator("anna", [world.team_a]))
    laptop.store.call(lambda s: s.contacts.create(given_name="Attesa"))
    laptop.store.call(lambda s: s.replica._set(SERVER_URL, proxy.url))
    laptop.close()
    monkeypatch.setattr(desktop.sync.engine, "SYNC_ATTEMPTS", 2)
    monkeypatch.setenv("PROSSIMO_HOME", str(laptop.profile.directory))
    monkeypatch.setenv("PROSSIMO_PASSPHRASE", PASSPHRASE)
    proxy.plan([FaultSpec(Fault.CUT_RESPONSE, cut_after=2_000)] * 2)  # in the body of the answer

    assert cli.main(["sync", "--json"]) == cli.EXIT_OFFLINE

    answer = json.loads(capsys.readouterr().out)
    assert (answer["ok"], answer["error"], answer["exit_code"]) == (False, "offline", cli.EXIT_OFFLINE)
    assert (answer["requests"], answer["retries"], answer["pushed"]) == (2, 1, 0)
    assert answer["bytes_received"] == proxy.bytes_to_client == 2 * 2_000
    assert answer["bytes_sent"] == proxy.bytes_to_target > 0
