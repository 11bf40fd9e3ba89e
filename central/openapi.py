"""Writes docs/openapi.json from the code: `python -m central.openapi`.

Owns: the generated API description. A test fails when the file is stale.
Must never be edited by hand.
"""

import json
import sys
import tempfile
from pathlib import Path
from typing import Any

from central.app import create_app
from central.db import make_engine, upgrade

TARGET = Path(__file__).resolve().parents[1] / "docs" / "openapi.json"


def document() -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as folder:
        engine = make_engine(f"sqlite:///{folder}/openapi.db")
        upgrade(engine)
        try:
            return create_app(engine).openapi()
        finally:
            engine.dispose()


def main() -> int:
    TARGET.write_text(json.dumps(document(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {TARGET}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
