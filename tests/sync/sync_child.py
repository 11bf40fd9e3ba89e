"""A syncing client process for the kill test: open a profile, say READY, sync, say DONE.

Run as `python -m tests.sync.sync_child PROFILE_DIR` with PROSSIMO_PASSPHRASE set. Small
pages and push batches give one sync many commit points for a SIGKILL to fall between;
a `ROUND n` line after each applied round lets the killer aim at a round, not at a time.
"""

import os
import sys
from pathlib import Path

from desktop.store.profile import Profile
from desktop.sync.engine import SyncEngine


def main() -> None:
    profile = Profile(Path(sys.argv[1]))
    store = profile.open(os.environ["PROSSIMO_PASSPHRASE"])
    engine = SyncEngine(
        store, page_size=int(os.environ.get("PAGE_SIZE", "10")), push_batch=int(os.environ.get("PUSH_BATCH", "8"))
    )
    print("READY", flush=True)
    report = engine.sync(progress=lambda p: print(f"ROUND {p.round}", flush=True))
    engine.close()
    store.close()
    print(f"DONE {report.pushed} {report.pulled}", flush=True)


if __name__ == "__main__":
    main()
