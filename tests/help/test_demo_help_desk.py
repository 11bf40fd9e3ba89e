"""`prossimo --demo` prints where its help desk is, and that help desk shows the demo's pages."""

import re
import signal
import subprocess
import threading
from pathlib import Path

import requests

from tests.test_demo_cleanup import PROSSIMO, _environment

LINE = re.compile(r"the public help desk is at (http://127\.0\.0\.1:\d+/help/)")


def test_the_demo_prints_its_help_desk_and_the_desk_serves_the_demo_pages(tmp_path: Path) -> None:
    process = subprocess.Popen(
        [PROSSIMO, "--demo"],
        env=_environment(tmp_path),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    found: list[str] = []

    def read() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            match = LINE.search(line)
            if match:
                found.append(match.group(1))
                return

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        reader.join(180)
        assert found, "the demo printed no help desk address"
        session = requests.Session()
        for language, words in (("it", "Sostegno per familiari"), ("en", "Support for families"), ("fi", "Alkoholi")):
            home = session.get(f"{found[0]}{language}/", timeout=30)
            assert home.status_code == 200 and words in home.text
        story = session.get(f"{found[0]}en/info/story-luca", timeout=30)
        assert "fictional testimony" in story.text
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(60)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
