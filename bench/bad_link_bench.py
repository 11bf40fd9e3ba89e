"""Bad-link benchmark: a device's initial sync of 5,000 records across a modelled bad link.

The service is `prossimo-central serve` on loopback (SQLite), seeded like bench/sync_bench.py
(half contacts, half case notes of varied text). Between the device and the service runs the fault
proxy (tests/fault_proxy.py) with its link model (tests/link_model.py): 256 kbit/s each way, 200 ms
round trip (pipelined), a 5 % chance per 16 KiB of a 1-3 s stall and a 1 % chance per 16 KiB of a
cut (TCP reset), seeded per run so a run can be repeated. The device, in its own process, enrols
straight to the service and then syncs through the proxy with the engine's own transport and retries.

Printed per run and as min/median/max over runs:
- bytes the link carried to the device vs bytes applied (the answers of the attempts that got
  through, head and body), their ratio (target <= 1.3);
- the sync's wall time vs the ideal (bytes applied / bandwidth), their ratio (target <= 1.3);
- the device's own counters (`prossimo sync --json`'s bytes) beside the link's: they must be equal;
- records pulled (must be all of them), requests, resends, cuts and stalls met, the page sizes used.
Never asserts: a target missed is printed as missed.

    .venv/bin/python bench/bad_link_bench.py [--records 5000] [--runs 3] [--cuts 0.01] [--stalls 0.05]
"""

import argparse
import dataclasses
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.sync_bench import PASSPHRASE, PASSWORD, seed
from tests.fault_proxy import FaultProxy
from tests.link_model import LinkModel
from tests.service_process import running_service

TARGET_RATIO = 1.3


def device_run(service_url: str, link_url: str, user: str) -> None:
    """The device's side, in its own process: enrol directly, sync once through the link; one JSON line."""
    from desktop.store.keys import NoKeyring
    from desktop.store.profile import Profile
    from desktop.store.replica import Enrolment
    from desktop.sync.engine import SyncEngine, default_transport, enrol
    from desktop.sync.transport import Transport

    answers: list[dict[str, int]] = []

    def through_the_link(enrolment: Enrolment) -> Transport:
        transport = default_transport(dataclasses.replace(enrolment, server_url=link_url))
        plain_sync = transport.sync

        def recorded(token: str, body: dict[str, Any], **options: Any) -> dict[str, Any]:
            answer = plain_sync(token, body, **options)
            assert transport.last_answer is not None  # a whole answer arrived
            answers.append({"records": len(answer.get("changes") or []), "bytes": transport.last_answer.wire_bytes})
            return answer

        transport.sync = recorded  # type: ignore[method-assign]
        return transport

    folder = Path(tempfile.mkdtemp(prefix="bad-link-bench-"))
    profile = Profile.create(folder / "device", PASSPHRASE, vault=NoKeyring())
    store = profile.open(PASSPHRASE)
    enrol(profile, store, service_url, user, PASSWORD, device_name="bad link")
    engine = SyncEngine(store, through_the_link)
    start = time.perf_counter()
    error = None
    try:
        report = engine.sync()
    except Exception as exc:  # noqa: BLE001 - a failed sync is a result to print, not a crash
        error, report = f"{type(exc).__name__}: {exc}", engine.last_report
    seconds = time.perf_counter() - start
    engine.close()
    store.close()
    assert report is not None
    print(
        json.dumps(
            {**report.as_dict(), "rounds": report.rounds, "seconds": seconds, "answers": answers, "error": error}
        )
    )


def one_run(service_url: str, user: str, link: LinkModel) -> dict[str, Any]:
    target = urllib.parse.urlsplit(service_url)
    assert target.hostname is not None and target.port is not None
    env = {k: v for k, v in os.environ.items() if not k.startswith("PROSSIMO_")}
    env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.null.Keyring"
    with FaultProxy(target.hostname, target.port, link=link) as proxy:
        out = subprocess.run(
            [sys.executable, __file__, "--device", service_url, proxy.url, user],
            capture_output=True,
            text=True,
            env=env,
            check=True,
        ).stdout
        result = json.loads(out.strip().splitlines()[-1])
        result.update(
            link_down=proxy.bytes_to_client,
            link_up=proxy.bytes_to_target,
            cuts=proxy.link_cuts,
            stalls=proxy.link_stalls,
            stalled_s=proxy.link_stalled_s,
        )
    applied = sum(answer["bytes"] for answer in result["answers"])
    sizes = [answer["records"] for answer in result["answers"][:-1]] or [0]  # the last page is what was left
    result.update(
        applied=applied,
        byte_ratio=result["link_down"] / max(1, applied),
        ideal_s=applied / link.bandwidth,
        time_ratio=result["seconds"] / max(1e-9, applied / link.bandwidth),
        # For context only (the target is against the bandwidth alone): what was left after the stalls.
        stall_free_ratio=(result["seconds"] - result["stalled_s"]) / max(1e-9, applied / link.bandwidth),
        page_min=min(sizes),
        page_median=statistics.median(sizes),
        page_max=max(sizes),
    )
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=5_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--cuts", type=float, default=0.01, help="chance of a cut per 16 KiB")
    parser.add_argument("--stalls", type=float, default=0.05, help="chance of a 1-3 s stall per 16 KiB")
    parser.add_argument("--kbit", type=float, default=256.0, help="bandwidth each way, kbit/s")
    parser.add_argument("--rtt-ms", type=float, default=200.0)
    parser.add_argument("--seed", type=int, default=23, help="of the first run; run n uses seed + n")
    parser.add_argument("--device", nargs=3, metavar=("SERVICE", "LINK", "USER"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.device:
        device_run(*args.device)
        return

    db_url = f"sqlite:///{tempfile.mkdtemp(prefix='bad-link-bench-central-')}/central.db"
    field_user, _ = seed(db_url, args.records)
    links = [
        LinkModel(
            bandwidth=args.kbit * 1000 / 8,
            rtt_s=args.rtt_ms / 1000,
            stall_chance=args.stalls,
            cut_chance=args.cuts,
            seed=args.seed + n,
        )
        for n in range(max(1, args.runs))
    ]
    with running_service(db_url) as service:
        runs = [one_run(service.url, field_user, link) for link in links]

    print(
        f"\nBad-link benchmark: initial sync of {args.records:,} records through a link of {args.kbit:g} kbit/s, "
        f"{args.rtt_ms:g} ms RTT, {args.stalls:.0%} stalls (1-3 s) and {args.cuts:.0%} cuts per 16 KiB; "
        f"service on loopback (SQLite), device in its own process\n"
    )
    print(
        "| run | seed | pulled | requests | resends | cuts | stalls | link → device | applied | ratio | "
        "device counted | link → service | device sent | wall s | ideal s | ratio | pages min/median/max |"
    )
    print("|" + " ---: |" * 17)
    for number, (run, link) in enumerate(zip(runs, links, strict=True), 1):
        print(
            f"| {number} | {link.seed} | {run['pulled']:,} | {run['requests']} | {run['retries']} | {run['cuts']} | "
            f"{run['stalls']} ({run['stalled_s']:.1f} s) | {run['link_down']:,} | {run['applied']:,} | "
            f"{run['byte_ratio']:.3f} | "
            f"{run['bytes_received']:,} | {run['link_up']:,} | {run['bytes_sent']:,} | {run['seconds']:.1f} | "
            f"{run['ideal_s']:.1f} | {run['time_ratio']:.3f} | "
            f"{run['page_min']}/{run['page_median']:g}/{run['page_max']} |"
        )
        if run["error"]:
            print(f"|   | the sync failed: {run['error']} |")
    summary = {
        "bytes carried / bytes applied": [r["byte_ratio"] for r in runs],
        "wall time / ideal time": [r["time_ratio"] for r in runs],
        "stalled seconds met (down and up)": [r["stalled_s"] for r in runs],
        "(wall - stalled) / ideal, for context": [r["stall_free_ratio"] for r in runs],
        "wall time (s)": [r["seconds"] for r in runs],
        "records pulled": [r["pulled"] for r in runs],
        "resends within the sync": [r["retries"] for r in runs],
        "median page (records)": [r["page_median"] for r in runs],
    }
    print(f"\n| over {len(runs)} run(s) | min | median | max |")
    print("| --- | ---: | ---: | ---: |")
    for name, values in summary.items():
        print(f"| {name} | {min(values):,.3f} | {statistics.median(values):,.3f} | {max(values):,.3f} |")
    worst_bytes = max(summary["bytes carried / bytes applied"])
    worst_time = max(summary["wall time / ideal time"])
    counted = all(r["bytes_received"] == r["link_down"] and r["bytes_sent"] == r["link_up"] for r in runs)
    complete = all(r["pulled"] == args.records and not r["error"] for r in runs)
    rows = [
        (
            "bytes carried / applied (worst run)",
            f"<= {TARGET_RATIO}",
            f"{worst_bytes:.3f}",
            worst_bytes <= TARGET_RATIO,
        ),
        ("wall / ideal time (worst run)", f"<= {TARGET_RATIO}", f"{worst_time:.3f}", worst_time <= TARGET_RATIO),
        ("device's counters = link's bytes (every run)", "equal", "equal" if counted else "differ", counted),
        (
            "records pulled, nothing lost (every run)",
            f"{args.records:,}",
            f"{min(summary['records pulled']):,}",
            complete,
        ),
    ]
    print("\n| target | goal | measured | met |")
    print("| --- | ---: | ---: | :---: |")
    for name, goal, measured, met in rows:
        print(f"| {name} | {goal} | {measured} | {'yes' if met else 'NO'} |")


if __name__ == "__main__":
    main()
