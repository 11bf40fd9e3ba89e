"""Prints the size of a frozen app folder (dist/prossimo) and its biggest parts, as two tables.

Owns: measuring the bundle (bytes on disk as file sizes, symlinks not followed) and
grouping it: by part (a top-level folder of `_internal`, a Qt sub-folder, or "system
libraries" for the shared libraries PyInstaller copies from the build machine) and by
file. It only reads; it must never change the bundle.

Usage: python installers/size_report.py [DIST_DIR] [--top N]
"""

import argparse
import sys
from collections import Counter
from pathlib import Path


def _part(relative: Path) -> str:
    parts = relative.parts
    if parts[0] != "_internal" or len(parts) == 1:
        return parts[0]
    inner = parts[1:]
    if inner[0] == "PySide6" and len(inner) > 2 and inner[1] == "Qt":
        return "/".join(inner[:3])  # PySide6/Qt/lib, PySide6/Qt/plugins, ...
    if len(inner) == 1:
        return "system libraries" if ".so" in inner[0] or inner[0].endswith((".dll", ".dylib")) else inner[0]
    return inner[0]


def _mib(size: int) -> str:
    return f"{size / 1024 / 1024:8.1f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="size of the frozen app folder and its biggest parts")
    parser.add_argument("dist", nargs="?", default="dist/prossimo", help="the onedir bundle (default dist/prossimo)")
    parser.add_argument("--top", type=int, default=12, help="rows per table (default 12)")
    args = parser.parse_args(argv)
    root = Path(args.dist)
    if not (root / "_internal").is_dir():
        print(f"size_report: {root} is not a PyInstaller onedir bundle (no _internal folder)", file=sys.stderr)
        return 2
    files = [path for path in root.rglob("*") if path.is_file() and not path.is_symlink()]
    sizes = {path: path.stat().st_size for path in files}
    total = sum(sizes.values())
    by_part: Counter[str] = Counter()
    for path, size in sizes.items():
        by_part[_part(path.relative_to(root))] += size
    print(f"Bundle {root}: {_mib(total).strip()} MiB in {len(files)} files")
    print()
    print(f"| {'part':<40} | {'MiB':>8} | {'share':>5} |")
    print(f"|{'-' * 42}|{'-' * 10}|{'-' * 7}|")
    for part, size in by_part.most_common(args.top):
        print(f"| {part:<40} | {_mib(size)} | {100 * size / total:4.0f}% |")
    print()
    print(f"| {'biggest files':<60} | {'MiB':>8} |")
    print(f"|{'-' * 62}|{'-' * 10}|")
    for path, size in sorted(sizes.items(), key=lambda item: -item[1])[: args.top]:
        print(f"| {path.relative_to(root).as_posix():<60} | {_mib(size)} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
