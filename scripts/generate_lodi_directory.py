"""Write the demo directory of the Lodi area shipped in protocol/resources/lodi/directory.

    .venv/bin/python scripts/generate_lodi_directory.py [--out FOLDER]

The services come from `protocol.demo_data.resources` (DIRECTORY_SIZE services with
DIRECTORY_SEED: fictional services in the real municipalities), written as an HSDS
tabular data package by `protocol.hsds.export_package`, the same code that exports a
real organisation's directory. `prossimo-central demo` and `prossimo --demo` import it.

The export refuses to write over a package, so the new one is written into a fresh
folder beside the target and only then swapped in: an interrupted run leaves the old
package whole. Run it again after changing the generator or the HSDS export, and
commit the result (tests/protocol/test_lodi_dataset.py fails until the two agree).
"""

import argparse
import datetime as dt
import shutil
import sys
import tempfile
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from protocol import Resource, demo_data, hsds, new_id

TARGET = ROOT / "protocol" / "resources" / "lodi" / "directory"
# Metadata the export never writes (it uses the hsds_* ids): fixed, so nothing random is needed.
AT = dt.datetime(2026, 11, 23, tzinfo=dt.UTC)
DEVICE = uuid.UUID("00000000-0000-4000-8000-0000000000de")


def directory_records() -> list[Resource]:
    """The shipped directory's services as records."""
    return [
        Resource(id=new_id(), created_at=AT, updated_at=AT, author_device_id=DEVICE, **fields)
        for fields in demo_data.resources(demo_data.DIRECTORY_SIZE, seed=demo_data.DIRECTORY_SEED)
    ]


def replace_package(target: Path) -> dict[str, int]:
    """Write the package next to `target`, then put it in `target`'s place; rows per table."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fresh = Path(tempfile.mkdtemp(prefix=f".{target.name}-new-", dir=target.parent))
    fresh.chmod(0o755)  # mkdtemp's folder is private; this one ships with the package
    old = target.parent / f".{target.name}-old"
    try:
        counts = hsds.export_package(directory_records(), fresh)
        shutil.rmtree(old, ignore_errors=True)  # left over by an interrupted swap
        if target.exists():
            target.rename(old)
        try:
            fresh.rename(target)
        except OSError:
            if old.exists():
                old.rename(target)  # put the previous package back
            raise
    finally:
        shutil.rmtree(fresh, ignore_errors=True)
        shutil.rmtree(old, ignore_errors=True)
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=TARGET, help=f"package folder (default: {TARGET})")
    args = parser.parse_args(argv)
    counts = replace_package(args.out)
    print(f"Wrote {counts['service']} services in {len(counts)} tables to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
