"""Several devices writing at once while another pulls: no change is skipped or repeated.

This is the guarantee the change sequence exists for: numbers are handed out under a
lock held until commit, so a cursor never moves past a change that commits later.
"""

import threading
import uuid

from tests.central.conftest import World

WRITERS = 4
SYNCS_PER_WRITER = 15
BATCH = 5


def test_a_reader_pulling_during_concurrent_writes_sees_every_change_once(world: World) -> None:
    for number in range(WRITERS):
        world.add_operator(f"writer{number}", [world.team_a])
    world.add_operator("reader", [world.team_a])
    writers = [world.enrol(f"writer{number}") for number in range(WRITERS)]
    reader = world.enrol("reader")
    written: list[str] = []
    lock = threading.Lock()
    errors: list[BaseException] = []
    done = threading.Event()

    def write(device) -> None:
        try:
            for _ in range(SYNCS_PER_WRITER):
                batch = [device.mutation("contact", "create", given_name="C") for _ in range(BATCH)]
                results = device.sync(*batch, keep_cursor=False)["results"]
                assert [r["status"] for r in results] == ["applied"] * BATCH
                with lock:
                    written.extend(m["record_id"] for m in batch)
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    seen: list[str] = []
    threads = [threading.Thread(target=write, args=(device,)) for device in writers]
    for thread in threads:
        thread.start()

    def all_done() -> bool:
        return all(not thread.is_alive() for thread in threads)

    while not done.is_set():
        finished = all_done()
        for change in reader.sync_all():
            seen.append(change["record"]["id"])
        if finished:
            done.set()
    for thread in threads:
        thread.join()
    assert not errors, errors
    assert len(written) == WRITERS * SYNCS_PER_WRITER * BATCH
    assert sorted(seen) == sorted(written), "a change was skipped or sent twice"
    assert len(set(seen)) == len(seen)
    assert all(uuid.UUID(record_id) for record_id in seen)
