"""The link model (tests/link_model.py) without a clock: bandwidth, pipelined latency, stalls, cuts, seeds."""

import pytest

from tests.link_model import LinkModel


def carry_all(model: LinkModel, total: int, chunk: int = 4096) -> tuple[list[float], int, int]:
    """Carry `total` bytes all ready at time 0: arrival times, bytes carried, cuts met."""
    lane = model.lane("down")
    arrivals, carried, left = [], 0, total
    while left:
        delivery = lane.carry(min(chunk, left), 0.0)
        arrivals.append(delivery.at)
        carried += delivery.size
        left -= delivery.size
    return arrivals, carried, lane.cuts


def test_bandwidth_and_latency_are_pipelined() -> None:
    model = LinkModel(bandwidth=32_000, rtt_s=0.2, stall_chance=0, cut_chance=0, burst=4096)
    arrivals, carried, _ = carry_all(model, 320_000)
    assert carried == 320_000
    # The burst leaves at once; the rest at the link's rate; the one-way delay is paid once, not per chunk.
    assert arrivals[-1] == pytest.approx((320_000 - 4096) / 32_000 + 0.1)
    assert arrivals == sorted(arrivals)


def test_stalls_pause_the_link_and_cuts_split_the_bytes() -> None:
    model = LinkModel(bandwidth=1e6, rtt_s=0, stall_chance=0.5, stall_s=(1.0, 1.0), cut_chance=0.2, seed=5)
    lane = model.lane("down")
    position = 0
    while position < 1_600_000:
        delivery = lane.carry(4096, 0.0)
        assert 0 <= delivery.size <= 4096
        position += delivery.size
    assert 30 <= lane.stalls <= 70  # about half of 98 windows
    assert 8 <= lane.cuts <= 32  # about a fifth
    free = LinkModel(bandwidth=1e6, rtt_s=0, stall_chance=0, cut_chance=0.2, seed=5).lane("down")
    while free.position < 1_600_000:
        free.carry(4096, 0.0)
    assert lane.position == free.position
    assert delivery.at >= free.carry(1, 0.0).at + lane.stalls * 0.99  # every stall is paid once


def test_the_same_seed_gives_the_same_faults_and_lanes_differ() -> None:
    model = LinkModel(cut_chance=0.3, stall_chance=0.3, seed=9)
    first = carry_all(model, 500_000)
    assert carry_all(model, 500_000) == first
    assert carry_all(LinkModel(cut_chance=0.3, stall_chance=0.3, seed=10), 500_000) != first
    up, down = model.lane("up"), model.lane("down")
    assert [up.carry(4096, 0).cut for _ in range(400)] != [down.carry(4096, 0).cut for _ in range(400)]


def test_impossible_settings_are_refused() -> None:
    for bad in ({"bandwidth": 0}, {"cut_chance": 1.5}, {"stall_s": (3.0, 1.0)}, {"rtt_s": -1}):
        with pytest.raises(ValueError):
            LinkModel(**bad)  # type: ignore[arg-type]
