"""The frozen app's entry point: PyInstaller starts here, and it runs `prossimo` (desktop.cli).

Owns nothing but handing over to desktop.cli.main with the process's arguments; it must
never do work of its own, so the frozen and the installed-from-source app behave alike.
"""

import sys

from desktop.cli import main

if __name__ == "__main__":
    sys.exit(main())
