"""The directory in Open Referral HSDS 3 files, the same code on the service and on the desktop.

Owns the public API of the two representations:
- tabular: a folder of CSV files plus datapackage.json (`export_package`, `import_package`,
  see `protocol.hsds.tabular`);
- JSON: one file of fully nested services in the HSDS API's Page envelope (`export_json`,
  `import_json`, see `protocol.hsds.json_format`);
- `export_directory` / `import_directory`, which pick one by name, and `detect_format`, which
  tells them apart by the path;
- `match_keys` / `index_by_keys`: how an importer finds the record an exported entry came
  from, so a second import updates instead of duplicating;
- `HsdsError`: every refusal, its message naming file, row or JSON path, and field;
- `read_directory`, which also says, for every row (or JSON object) read, which entries it went
  into or why it was skipped, and what the file holds that we do not keep (`Reading`); `report`
  turns that and what storing each entry did into the `ImportReport` a person reads, per table.

Imports return Resource content dictionaries, every one validated; nothing is returned when
anything is wrong. Storing them (all or nothing, matched by HSDS ids) is the caller's job:
central/directory.py on the service, desktop/store/directory_files.py on a computer.

Must never import the desktop or the central service, Qt, a database driver or an HTTP client
(protocol's import-linter contract), and never fetch anything remote.
"""

from collections.abc import Iterable
from pathlib import Path
from typing import Any, Literal

from protocol import Resource
from protocol.hsds.common import HsdsError, ImportReport, Reading, TableCounts, index_by_keys, match_keys, report
from protocol.hsds.json_format import compiled_services, export_json, import_json, read_json
from protocol.hsds.tabular import DESCRIPTOR, export_package, import_package, read_package

Format = Literal["tabular", "json"]
FORMATS: tuple[Format, ...] = ("tabular", "json")

__all__ = [
    "DESCRIPTOR",
    "FORMATS",
    "Format",
    "HsdsError",
    "ImportReport",
    "Reading",
    "TableCounts",
    "compiled_services",
    "detect_format",
    "export_directory",
    "export_json",
    "export_package",
    "import_directory",
    "import_json",
    "import_package",
    "index_by_keys",
    "match_keys",
    "read_directory",
    "read_json",
    "read_package",
    "report",
]


def detect_format(path: Path, *, exporting: bool = False) -> Format:
    """The format a path means: a .json file is HSDS JSON (unless it is a package's
    datapackage.json), a folder is a tabular package. For an export, whatever is not a
    .json name becomes a package folder."""
    path = Path(path)
    if path.name == DESCRIPTOR or (path.is_dir() and (path / DESCRIPTOR).is_file()):
        return "tabular"
    if path.suffix.lower() == ".json":
        return "json"
    if exporting or path.is_dir():
        return "tabular"
    raise HsdsError(f"{path}: neither a .json file nor a folder with {DESCRIPTOR}; name the format (tabular or json)")


def _package_folder(path: Path) -> Path:
    # Choosing the descriptor in a file dialog means its folder.
    return path.parent if path.name == DESCRIPTOR and path.is_file() else path


def export_directory(resources: Iterable[Resource], path: Path, format: Format | None = None) -> dict[str, int]:
    """Write the live resources in `format` (else as the path suggests); counts written."""
    path = Path(path)
    chosen = format or detect_format(path, exporting=True)
    if chosen == "json":
        return export_json(resources, path)
    if chosen == "tabular":
        return export_package(resources, path)
    raise HsdsError(f"format: must be one of {', '.join(FORMATS)}")


def import_directory(path: Path, format: Format | None = None) -> list[dict[str, Any]]:
    """Validated Resource content of every entry in the file or package at `path`; else HsdsError."""
    return read_directory(path, format).entries


def read_directory(path: Path, format: Format | None = None) -> Reading:
    """Every entry in the file or package at `path`, validated, with what became of each row; else HsdsError."""
    path = Path(path)
    if not path.exists():
        raise HsdsError(f"{path}: not found")
    chosen = format or detect_format(path)
    if chosen == "json":
        if path.is_dir():
            raise HsdsError(f"{path}: a folder, not an HSDS JSON file")
        return read_json(path)
    if chosen == "tabular":
        return read_package(_package_folder(path))
    raise HsdsError(f"format: must be one of {', '.join(FORMATS)}")
