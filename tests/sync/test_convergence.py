"""Hypothesis stateful test: random edits on three devices, random syncs, random faults.

Invariants after everyone has synced twice:
- every device holds exactly the service's records (tombstones included), field for field;
- every value a device wrote is still somewhere a person can see it: the service's value,
  a Conflict record (kept or other value) of that record and field, or the value a later
  writer had on screen when they replaced it (so they saw it: an ordinary overwrite).
"""

import itertools
import json
import shutil
import tempfile
import urllib.parse
from pathlib import Path

import hypothesis.strategies as st
from hypothesis import HealthCheck, settings
from hypothesis.stateful import RuleBasedStateMachine, precondition, rule, run_state_machine_as_test
from sqlalchemy import select

from central.models import StoredRecord
from desktop.sync.transport import Offline
from protocol import Contact
from tests.fault_proxy import Fault, FaultProxy, FaultSpec
from tests.sync_world import CentralService, new_world

FIELDS = ("municipality", "phone")
FAULTS = st.sampled_from(
    [
        None,
        None,
        FaultSpec(Fault.CUT_RESPONSE, cut_after=150),
        FaultSpec(Fault.CUT_REQUEST, cut_after=120),
        FaultSpec(Fault.REFUSE),
    ]
)
_values = itertools.count()
SEEN = {"conflicts": 0, "faults": 0}  # across examples: proof that races and faults happened


def fresh_value(field: str) -> str:
    number = next(_values)
    return f"+39 333 {number:07d}" if field == "phone" else f"{field}-{number}"


def canonical(body: str) -> dict:
    """A record as its meaning, not its spelling ("...Z" and "...+00:00" are one instant)."""
    return Contact.model_validate_json(body).model_dump(mode="json")


def machine_for(service: CentralService):  # a RuleBasedStateMachine class
    class Convergence(RuleBasedStateMachine):
        def __init__(self) -> None:
            super().__init__()
            self.tmp = Path(tempfile.mkdtemp(prefix="convergence-"))
            self.world = new_world(service, self.tmp)
            target = urllib.parse.urlsplit(service.url)
            self.proxies = [FaultProxy(target.hostname, target.port).start() for _ in range(3)]
            self.devices = []
            for number, proxy in enumerate(self.proxies):
                name = self.world.add_operator(f"op{number}", [self.world.team_a])
                self.devices.append(self.world.device(name, server_url=proxy.url, attempts=2, read_timeout_s=2.0))
            self.ids: list[str] = []
            # (record, field) -> values written, and values that a writer replaced while seeing them
            self.written: dict[tuple[str, str], list[str]] = {}
            self.replaced_seen: dict[tuple[str, str], set[str]] = {}
            self.checks = 0

        def teardown(self) -> None:
            for device in self.devices:
                device.close()
            for proxy in self.proxies:
                proxy.stop()
            shutil.rmtree(self.tmp, ignore_errors=True)

        def live_ids(self, device_index: int) -> list[str]:
            return self.devices[device_index].store.call(
                lambda s: [str(c.id) for c in s.contacts.page(limit=10_000).records]
            )

        @rule(device=st.integers(0, 2), field=st.sampled_from(FIELDS))
        def create(self, device: int, field: str) -> None:
            value = fresh_value(field)
            record = self.devices[device].store.call(
                lambda s: s.contacts.create(given_name=f"Persona {len(self.ids)}", **{field: value})
            )
            self.ids.append(str(record.id))
            self.written.setdefault((str(record.id), field), []).append(value)

        @precondition(lambda self: self.ids)
        @rule(device=st.integers(0, 2), pick=st.integers(0, 10_000), field=st.sampled_from(FIELDS))
        def edit(self, device: int, pick: int, field: str) -> None:
            live = self.live_ids(device)
            if not live:
                return
            record_id = live[pick % len(live)]
            value = fresh_value(field)

            def write(s):
                before = getattr(s.contacts.get(record_id), field)
                s.contacts.update(record_id, **{field: value})
                return before

            before = self.devices[device].store.call(write)
            self.written.setdefault((record_id, field), []).append(value)
            if before is not None:
                self.replaced_seen.setdefault((record_id, field), set()).add(before)

        @precondition(lambda self: self.ids)
        @rule(
            first=st.integers(0, 2),
            second=st.integers(0, 2),
            pick=st.integers(0, 10_000),
            field=st.sampled_from(FIELDS),
        )
        def race(self, first: int, second: int, pick: int, field: str) -> None:
            """Two devices change the same field of a record both hold, before either syncs."""
            if first == second:
                return
            shared = sorted(set(self.live_ids(first)) & set(self.live_ids(second)))
            if shared:
                record_id = shared[pick % len(shared)]
                self.edit(first, self.live_ids(first).index(record_id), field)
                self.edit(second, self.live_ids(second).index(record_id), field)

        @precondition(lambda self: self.ids)
        @rule(device=st.integers(0, 2), pick=st.integers(0, 10_000))
        def delete(self, device: int, pick: int) -> None:
            live = self.live_ids(device)
            if live:
                record_id = live[pick % len(live)]
                self.devices[device].store.call(lambda s: s.contacts.tombstone(record_id))

        @rule(device=st.integers(0, 2), fault=FAULTS)
        def sync(self, device: int, fault: FaultSpec | None) -> None:
            proxy = self.proxies[device]
            proxy.plan([fault] if fault else [])
            # A fault cuts the connection in use; a fresh one then picks up the fault plan.
            self.devices[device].engine.close()
            try:
                self.devices[device].sync()
            except Offline:
                pass  # both attempts failed: the next sync carries on
            proxy.clear()

        def converge(self) -> None:
            for _ in range(2):
                for device in self.devices:
                    device.sync()

        def everything(self, device_index: int) -> dict[str, dict]:
            rows = self.devices[device_index].store.call(
                lambda s: s.conn.execute("SELECT id, body FROM contact").fetchall()
            )
            return {record_id: canonical(body) for record_id, body in rows}

        @rule()
        def everyone_syncs_and_nothing_is_lost(self) -> None:
            # A step of its own (and again at the end): after every step would be too slow.
            self.check()

        def check(self) -> None:
            self.converge()
            self.checks += 1
            with service.admin() as session:
                rows = session.execute(
                    select(StoredRecord.id, StoredRecord.body).where(
                        StoredRecord.team_id == self.world.team_a, StoredRecord.entity == "contact"
                    )
                ).all()
                conflicts = (
                    session.execute(
                        select(StoredRecord.body).where(
                            StoredRecord.team_id == self.world.team_a, StoredRecord.entity == "conflict"
                        )
                    )
                    .scalars()
                    .all()
                )
            on_server = {str(record_id): canonical(body) for record_id, body in rows}
            for index in range(3):
                assert self.everything(index) == on_server, f"device {index} differs from the service"
            kept = {}
            for body in map(json.loads, conflicts):
                key = (body["record_id"], body["field"])
                kept.setdefault(key, set()).update({body["kept_value"], body["other_value"]})
            SEEN["conflicts"] = max(SEEN["conflicts"], len(conflicts))
            SEEN["faults"] += sum(
                sum(proxy.faults_injected[f] for f in (Fault.CUT_RESPONSE, Fault.CUT_REQUEST, Fault.REFUSE))
                for proxy in self.proxies
            )
            for (record_id, field), values in self.written.items():
                final = on_server[record_id][field]
                for value in values:
                    assert (
                        value == final
                        or value in kept.get((record_id, field), set())
                        or value in self.replaced_seen.get((record_id, field), set())
                    ), f"{field}={value} of {record_id} was lost"

    Convergence.TestCase.settings = settings(
        # Derandomised: CI explores the same 8 histories every run, so a red run is reproducible.
        max_examples=8,
        stateful_step_count=30,
        deadline=None,
        derandomize=True,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
    )
    return Convergence


def test_devices_converge_and_no_value_is_lost(central_service: CentralService) -> None:
    machine = machine_for(central_service)

    class Final(machine):
        def teardown(self) -> None:
            try:
                self.check()
            finally:
                super().teardown()

    run_state_machine_as_test(Final, settings=machine.TestCase.settings)
    # The properties above mean little if no race or fault ever happened.
    print(f"convergence: most conflicts in one history {SEEN['conflicts']}, faults injected {SEEN['faults']}")
    assert SEEN["conflicts"] > 0 and SEEN["faults"] > 0, SEEN
