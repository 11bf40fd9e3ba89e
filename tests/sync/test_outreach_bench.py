"""bench/outreach_bench.py, small: its year store is written through the repositories and holds what
the generator made, its recording runs count every encounter in the counters, and its 200-encounter
shift reaches the real service in one request with nothing refused. Counts only, no timing."""

from pathlib import Path

from bench import outreach_bench


def test_the_bench_records_through_the_store_and_syncs_a_shift_in_one_request(tmp_path: Path) -> None:
    worker, team, items, counts = outreach_bench.year_store(tmp_path, 600)
    try:
        assert counts["encounter"] > 300 and counts["spot"] == 5 and len(items) == 9
        runs = outreach_bench.record_runs(worker, team, items, record=5, runs=2)
        held = worker.call(lambda s: s.encounters.count())
    finally:
        worker.close()
    assert [len(times) for times in runs] == [5, 5]
    assert held == counts["encounter"] + 10
    synced = outreach_bench.sync_part(tmp_path, 200)
    assert (synced["requests"], synced["pushed"], synced["rejected"]) == (1, 202, 0)
