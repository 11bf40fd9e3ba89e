"""A real X display for the real-window tests: Xvfb at a given size, with openbox managing it.

Owns: `RealDisplay` (start Xvfb on a free display number it picks itself, then the
window manager; stop both) and `missing_tools()`. The window manager matters: it is
what gives windows focus, decorations and a work area, which the offscreen platform
has none of.

Must never touch the developer's own display (a new display number every time) and
never leave an X server running after the test session.
"""

import os
import shutil
import subprocess
import time
from dataclasses import dataclass, field
from types import TracebackType

TOOLS = ("Xvfb", "openbox")


def missing_tools() -> list[str]:
    return [tool for tool in TOOLS if shutil.which(tool) is None]


@dataclass
class RealDisplay:
    width: int
    height: int
    display: str = ""
    _processes: list[subprocess.Popen] = field(default_factory=list)

    def __enter__(self) -> "RealDisplay":
        read_end, write_end = os.pipe()
        # -displayfd: Xvfb picks a free display number and writes it once it accepts clients.
        server = subprocess.Popen(
            [
                "Xvfb",
                "-displayfd",
                str(write_end),
                "-screen",
                "0",
                f"{self.width}x{self.height}x24",
                "-nolisten",
                "tcp",
                "-noreset",
            ],
            pass_fds=(write_end,),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        os.close(write_end)
        self._processes.append(server)
        with os.fdopen(read_end) as reader:
            number = reader.readline().strip()
        if not number:
            self.__exit__(None, None, None)
            raise RuntimeError("Xvfb did not start")
        self.display = f":{number}"
        manager = subprocess.Popen(
            ["openbox", "--sm-disable"],
            env={**os.environ, "DISPLAY": self.display},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        self._processes.append(manager)
        self._wait_for_window_manager()
        return self

    def _wait_for_window_manager(self) -> None:
        """Until openbox owns the screen (it sets _NET_SUPPORTING_WM_CHECK on the root window)."""
        if shutil.which("xprop") is None:
            time.sleep(1.0)
            return
        for _ in range(100):
            found = subprocess.run(
                ["xprop", "-root", "_NET_SUPPORTING_WM_CHECK"],
                capture_output=True,
                text=True,
                env={**os.environ, "DISPLAY": self.display},
                check=False,
            )
            if "window id" in found.stdout:
                return
            time.sleep(0.1)

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        for process in reversed(self._processes):
            process.terminate()
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        self._processes.clear()
