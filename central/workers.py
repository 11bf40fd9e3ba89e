"""Several API processes on one port, each with a listening socket of its own (Linux SO_REUSEPORT).

Owns: `serve_processes`, what `prossimo-central serve --workers N` runs on Linux: N uvicorn
servers in spawned processes, each binding the port itself with SO_REUSEPORT, so the kernel
spreads new connections evenly over them (a hash of each connection's addresses), and a
supervisor that starts them, starts again one that dies, and stops them all on SIGTERM/SIGINT.

Why not uvicorn's own `workers=N`: it binds one socket in the parent and every worker accepts
from it. Whichever worker is idle when connections arrive takes them all in one go (the event
loop accepts while any are pending), and a device keeps its connection: measured here, 200
devices connecting at once were held 160/36/3/1 by 4 workers, so one process ran most of the
syncs and shed them (503) while three idled (bench/central_bench.py's open loop). Each process
runs one sync at a time (central.app), so an even spread is the capacity.

Before any worker starts, the port is bound once without SO_REUSEPORT, which fails while anything
listens on it: a second service started on a port in use is refused, never joined in silence.
Where SO_REUSEPORT is missing (not Linux), `serve` keeps uvicorn's workers.

Must never fork a process that holds database connections (workers are spawned, and build their
own engine: central.app.create_app_from_env), and never restart a worker in a loop that cannot
start: one that dies within START_GRACE_S of starting, MAX_QUICK_DEATHS times in a row, stops the
service with an error.
"""

import errno
import logging
import multiprocessing
import signal
import socket
import sys
import time
from typing import Any

log = logging.getLogger("central.serve")

START_GRACE_S = 30.0  # a worker still importing on a busy machine is slow, not broken
MAX_QUICK_DEATHS = 3
STOP_WAIT_S = 15.0  # each worker's own graceful shutdown is 10 s (see central.cli)


class PortInUse(OSError):
    """The address is taken by another program (or another service)."""


def available() -> bool:
    return sys.platform.startswith("linux") and hasattr(socket, "SO_REUSEPORT")


def check_port_free(host: str, port: int) -> None:
    """Bind the address once, without SO_REUSEPORT, and let it go: PortInUse if anything holds it."""
    family = _family(host, port)
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # a closed one's TIME_WAIT is no owner
        try:
            probe.bind((host, port))
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                raise PortInUse(exc.errno, f"{host}:{port} is already in use") from None
            raise


def serve_processes(count: int, options: dict[str, Any]) -> int:
    """Run `count` workers with uvicorn `options` (host and port included) until told to stop;
    the exit status: 0 after a stop, 1 when a worker could not be kept running."""
    check_port_free(options["host"], options["port"])
    context = multiprocessing.get_context("spawn")
    stopping = False

    def stop(_signal: int, _frame: object) -> None:
        nonlocal stopping
        stopping = True

    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGTERM, signal.SIGINT)}
    workers: list[Any] = []
    started: list[float] = []
    quick_deaths = [0] * count
    status = 0
    try:
        for _ in range(count):
            workers.append(_start(context, options))
            started.append(time.monotonic())
        while not stopping:
            time.sleep(0.2)
            for number, worker in enumerate(workers):
                if worker.is_alive() or stopping:
                    continue
                lived = time.monotonic() - started[number]
                quick_deaths[number] = quick_deaths[number] + 1 if lived < START_GRACE_S else 0
                if quick_deaths[number] >= MAX_QUICK_DEATHS:
                    log.error("API process %d keeps stopping at start (exit %s): stopping", number, worker.exitcode)
                    stopping, status = True, 1
                    break
                log.warning("API process %d stopped (exit %s): starting another", number, worker.exitcode)
                workers[number] = _start(context, options)
                started[number] = time.monotonic()
    finally:
        for worker in workers:
            if worker.is_alive():
                worker.terminate()  # SIGTERM: uvicorn finishes what it is answering, then exits
        deadline = time.monotonic() + STOP_WAIT_S
        for worker in workers:
            worker.join(max(0.0, deadline - time.monotonic()))
            if worker.is_alive():
                worker.kill()
                worker.join()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    return status


def _start(context: Any, options: dict[str, Any]) -> Any:
    worker = context.Process(target=_worker, args=(options,), daemon=False)
    worker.start()
    return worker


def _worker(options: dict[str, Any]) -> None:  # runs in a spawned process
    import uvicorn

    config = uvicorn.Config("central.app:create_app_from_env", factory=True, **options)
    own = socket.socket(_family(config.host, config.port), socket.SOCK_STREAM)
    own.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    own.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    own.bind((config.host, config.port))
    own.listen(config.backlog)
    own.set_inheritable(True)
    uvicorn.Server(config).run(sockets=[own])


def _family(host: str, port: int) -> socket.AddressFamily:
    return socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0][0]
