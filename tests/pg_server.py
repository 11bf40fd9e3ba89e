"""A throwaway PostgreSQL server for the test suite, started from the installed binaries.

Owns: finding initdb/pg_ctl, making a cluster in a temp folder, starting it on a
free loopback port, handing out fresh databases, and stopping it. As root (CI),
the server runs as the unprivileged `postgres` or `nobody` user, because
PostgreSQL refuses to run as root.
Must never touch a system cluster, never listen beyond 127.0.0.1, and never be
left running: `stop()` is called by the session fixture and is idempotent.

The tests run it with fsync, synchronous_commit and full_page_writes OFF (`durable=False`, the
default): a test server's data is thrown away, and a WAL fsync per commit would make the suite
slower without testing anything of ours. No production PostgreSQL runs like that, so a figure
measured on it flatters commit cost: bench/central_bench.py starts it with `durable=True`
(all three ON, PostgreSQL's own defaults).
"""

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

import psycopg

SUPERUSER = "prossimo"


def find_pg_bin() -> Path | None:
    env = os.environ.get("PROSSIMO_PG_BIN")
    if env and (Path(env) / "initdb").exists():
        return Path(env)
    candidates = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/initdb"),
        key=lambda p: int(p.parent.parent.name) if p.parent.parent.name.isdigit() else 0,
    )
    if candidates:
        return candidates[-1].parent
    found = shutil.which("initdb")
    return Path(found).parent if found else None


def _server_user() -> str | None:
    """None when we may run the server ourselves; else the unprivileged user to run it as."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        try:
            pwd.getpwnam(name)
            return name
        except KeyError:
            continue
    return None


def skip_reason() -> str | None:
    if find_pg_bin() is None:
        return (
            "PostgreSQL server binaries not found: install Debian's postgresql package "
            "(scripts/ensure-postgresql.sh) or set PROSSIMO_PG_BIN"
        )
    if os.geteuid() == 0 and _server_user() is None:
        return "running as root and no unprivileged user (postgres, nobody) to run PostgreSQL as"
    return None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class PostgresServer:
    """One cluster in its own private folder directly under the system temp folder.

    Not under pytest's temp tree: as root the server runs as another user, who must
    be able to enter every parent folder, and pytest keeps its folders private.
    """

    def __init__(self, bin_dir: Path, *, durable: bool = False) -> None:
        self.durable = durable  # production settings (fsync etc. on); see the module docstring
        self.base_dir = Path(tempfile.mkdtemp(prefix="prossimo-pg-"))
        self.bin_dir = Path(bin_dir)
        self.data_dir = self.base_dir / "data"
        self.socket_dir = self.base_dir / "socket"
        self.log_file = self.base_dir / "server.log"
        self.port = _free_port()
        self.user = _server_user()
        self._running = False

    def _run(self, *command: str) -> None:
        prefix = ["runuser", "-u", self.user, "--"] if self.user else []
        result = subprocess.run([*prefix, *command], capture_output=True, text=True, check=False, timeout=120)
        if result.returncode != 0:
            tail = self.log_file.read_text(errors="replace")[-2000:] if self.log_file.exists() else ""
            raise RuntimeError(f"{Path(command[0]).name} failed: {result.stderr.strip()}\n{tail}")

    def start(self) -> None:
        try:
            self._start()
        except BaseException:
            self.stop()  # leave no half-made cluster behind
            raise

    def _start(self) -> None:
        self.socket_dir.mkdir(exist_ok=True)
        if self.user:
            # The folder stays private (0700), but to the server's own user.
            entry = pwd.getpwnam(self.user)
            for path in (self.base_dir, self.socket_dir):
                os.chown(path, entry.pw_uid, entry.pw_gid)
        self._run(
            str(self.bin_dir / "initdb"),
            "-D",
            str(self.data_dir),
            "-U",
            SUPERUSER,
            "-E",
            "UTF8",
            "--auth=trust",
            "--no-sync",
            "--locale=C",
        )
        # Tests: fsync, synchronous_commit and full_page_writes OFF (fast, unsafe, data thrown
        # away anyway); durable=True keeps PostgreSQL's production defaults (all ON) for benches.
        durability = "on" if self.durable else "off"
        options = (
            f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.socket_dir} -c fsync={durability} "
            f"-c synchronous_commit={durability} -c full_page_writes={durability} -c max_connections=300 "
            "-c shared_buffers=128MB"
        )
        self._options = options
        self._pg_ctl_start()
        self.create_database("prossimo_test")

    def _pg_ctl_start(self) -> None:
        self._run(
            str(self.bin_dir / "pg_ctl"),
            "-D",
            str(self.data_dir),
            "-l",
            str(self.log_file),
            "-w",
            "-t",
            "60",
            "-o",
            self._options,
            "start",
        )
        self._running = True

    def crash_and_restart(self) -> None:
        """Kill the server as a crash would (immediate shutdown: what is still in its WAL
        buffers is lost, what it wrote to its files is kept), then start it again on the
        same data; it recovers from the WAL."""
        self._run(str(self.bin_dir / "pg_ctl"), "-D", str(self.data_dir), "-m", "immediate", "-w", "stop")
        self._running = False
        self._pg_ctl_start()

    def stop(self) -> None:
        """Stop the server and remove its folder; safe to call twice."""
        if self._running:
            self._running = False
            self._run(str(self.bin_dir / "pg_ctl"), "-D", str(self.data_dir), "-m", "immediate", "-w", "stop")
        shutil.rmtree(self.base_dir, ignore_errors=True)

    def _dsn(self, database: str) -> str:
        return f"host=127.0.0.1 port={self.port} user={SUPERUSER} dbname={database}"

    @property
    def url(self) -> str:
        return f"postgresql+psycopg://{SUPERUSER}@127.0.0.1:{self.port}/prossimo_test"

    def create_database(self, name: str) -> str:
        """A fresh, empty database; returns its SQLAlchemy URL."""
        if not name.replace("_", "").isalnum():
            raise ValueError(f"database name: letters, digits and _ only ({name!r})")
        with psycopg.connect(self._dsn("postgres"), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return f"postgresql+psycopg://{SUPERUSER}@127.0.0.1:{self.port}/{name}"
