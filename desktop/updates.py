"""The app's update check: The Update Framework's client (python-tuf ngclient) against the
organisation's central service, at most once a day, never installing anything.

Owns: the trust anchor (the organisation's `root.json`, shipped in the build as package data
`desktop/update_root.json`; a build without it has no update channel), IT's policy file (a
read-only JSON file in a system folder: it can switch the check off or pin a channel), the
daily gate and the last offer (`updates/state.json` in the profile folder, 0600), the HTTP
fetcher TUF downloads through (the sync transport's pool rules: one host, TLS verified, no
redirect followed), choosing the newest release of the pinned channel for this platform that
is newer than this app, downloading it verified, and naming the failed check when TUF refuses
something: signature, hash, expiry, version (or download, metadata).

TUF decides what is trusted: every file is checked against the signed metadata, the
metadata against the keys of the newest root the client has verified (starting from the
shipped one), with versions that never go back and expiries that stop a frozen mirror.
Must never install or run what it downloads, never follow a redirect or turn TLS
verification off, never touch the network when the policy is off or the day's check is
done, and never import Qt (desktop.ui.update_notice runs it off the UI thread).
"""

import datetime as dt
import importlib.metadata
import importlib.resources
import json
import logging
import os
import sys
import urllib.parse
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Literal

import platformdirs
import urllib3
from tuf.api import exceptions as tuf_errors
from tuf.api.metadata import Metadata, Targets
from tuf.ngclient import Updater
from tuf.ngclient.fetcher import FetcherInterface

from desktop.store.private_files import private_dir, write_private
from desktop.sync.transport import check_server_url, service_pool

log = logging.getLogger(__name__)

ROOT_RESOURCE = "update_root.json"  # in the `desktop` package; see README, "Updates"
METADATA_PATH = "/v1/updates/metadata/"
TARGETS_PATH = "/v1/updates/targets/"
CHECK_EVERY = dt.timedelta(days=1)
DEFAULT_CHANNEL = "stable"
CUSTOM_KEY = "prossimo"  # the targets' custom metadata, as central.releases writes it
STATE_FILE = "state.json"
# IT's policy: a file only an administrator can write. None of these is in the profile.
POLICY_PATHS = {
    "linux": Path("/etc/prossimo/policy.json"),
    "macos": Path("/Library/Application Support/Prossimo/policy.json"),
    "windows": Path(os.environ.get("PROGRAMDATA", r"C:\ProgramData")) / "Prossimo" / "policy.json",
}
Check = Literal["signature", "hash", "expiry", "version", "download", "metadata", "redirect"]


def profile_folder(profile_dir: Path) -> Path:
    """Where a profile keeps its update state and TUF's verified metadata."""
    return profile_dir / "updates"


def default_download_dir() -> Path:
    """Where a verified download goes unless the operator chose another folder."""
    return Path(platformdirs.user_downloads_dir()) / "Prossimo"


def this_platform() -> str:
    if sys.platform.startswith("win"):
        return "windows"
    return "macos" if sys.platform == "darwin" else "linux"


def app_version() -> str:
    """This app's version, from its installed metadata (a frozen build must bundle it)."""
    try:
        return importlib.metadata.version("prossimo")
    except importlib.metadata.PackageNotFoundError:
        return "0.0.0"  # unknown: every release is newer, so the operator is told of the newest


def parse_version(text: str) -> tuple[int, ...] | None:
    parts = text.strip().split(".")
    if len(parts) != 3 or not all(part.isascii() and part.isdigit() for part in parts):
        return None
    return tuple(int(part) for part in parts)


def shipped_root() -> bytes | None:
    """The organisation's root.json this build ships, or None (no update channel in this build)."""
    resource = importlib.resources.files("desktop") / ROOT_RESOURCE
    try:
        return resource.read_bytes()
    except (FileNotFoundError, OSError):
        return None


# --- IT's policy ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Policy:
    check: bool = True
    channel: str = DEFAULT_CHANNEL
    source: str = "default"  # the policy file it came from, or "default"


def load_policy(path: Path | None = None) -> Policy:
    """IT's policy at `path` (default: this platform's POLICY_PATHS). No file: the defaults.
    A file that cannot be read or breaks a rule switches the check off (IT meant something by
    it) and is logged with the field at fault."""
    path = path or POLICY_PATHS[this_platform()]
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Policy()
    except (OSError, ValueError) as exc:
        log.warning("update policy %s is unreadable (%s): update checks are off", path, type(exc).__name__)
        return Policy(check=False, source=str(path))
    updates = data.get("updates", {}) if isinstance(data, dict) else None
    check, channel = (updates or {}).get("check", True), (updates or {}).get("channel", DEFAULT_CHANNEL)
    if not isinstance(updates, dict) or not isinstance(check, bool) or not _valid_channel(channel):
        log.warning("update policy %s: updates.check must be true/false and updates.channel a channel name", path)
        return Policy(check=False, source=str(path))
    return Policy(check=check, channel=channel, source=str(path))


def _valid_channel(channel: object) -> bool:
    return (
        isinstance(channel, str)
        and 0 < len(channel) <= 32
        and channel[0].isalpha()
        and all(c.isascii() and (c.islower() or c.isdigit() or c == "-") for c in channel)
    )


# --- errors --------------------------------------------------------------------------------


class UpdateCheckFailed(Exception):
    """TUF refused the update, or it could not be fetched. `check` names which check failed."""

    MESSAGES = {
        "signature": "signature check failed: the update metadata is not signed by the organisation's keys",
        "hash": "hash check failed: the downloaded file is not the one the organisation signed",
        "expiry": "expiry check failed: the update metadata has expired (the service may be frozen or replayed)",
        "version": "version check failed: the service offered older metadata than this computer already trusts",
        "redirect": "the service answered with a redirect, which is never followed",
        "download": "the update metadata or file could not be downloaded",
        "metadata": "the update metadata is not valid",
    }

    def __init__(self, check: Check, detail: str = "") -> None:
        super().__init__(self.MESSAGES[check] + (f" ({detail})" if detail else ""))
        self.check = check


class RedirectRefused(tuf_errors.DownloadError):
    """A 3xx answer: the update check talks to the one configured service only."""


def _classify(exc: BaseException) -> UpdateCheckFailed:
    """TUF's exception as the check that failed (the order matters: subclasses first)."""
    if isinstance(exc, UpdateCheckFailed):
        return exc
    kind: Check
    if isinstance(exc, tuf_errors.UnsignedMetadataError):
        kind = "signature"
    elif isinstance(exc, (tuf_errors.LengthOrHashMismatchError, tuf_errors.DownloadLengthMismatchError)):
        kind = "hash"
    elif isinstance(exc, tuf_errors.ExpiredMetadataError):
        kind = "expiry"
    elif isinstance(exc, tuf_errors.BadVersionNumberError):
        kind = "version"
    elif isinstance(exc, RedirectRefused) or isinstance(exc.__cause__, RedirectRefused):
        kind = "redirect"
    elif isinstance(exc, tuf_errors.DownloadError):
        kind = "download"
    else:
        kind = "metadata"  # any other RepositoryError: a file that is not valid TUF metadata
    detail = type(exc).__name__
    cause: BaseException | None = exc
    while cause is not None:
        if isinstance(cause, urllib3.exceptions.SSLError):
            detail = "the service's TLS certificate was not accepted; check the organisation CA bundle"
        cause = cause.__cause__ or cause.__context__
    return UpdateCheckFailed(kind, detail)


# --- HTTP ----------------------------------------------------------------------------------


class ServiceFetcher(FetcherInterface):
    """TUF's downloads through the sync transport's rules (desktop.sync.transport.service_pool):
    the one service, TLS verified with the enrolment's CA bundle, no redirect, no retry (the
    next day's check is the retry). Counts the requests it sends."""

    def __init__(self, server_url: str, ca_bundle: str | None = None, timeout_s: float = 10.0) -> None:
        self.base_url = check_server_url(server_url)
        self._pool = service_pool(self.base_url, ca_bundle=ca_bundle, connect_timeout_s=5.0, read_timeout_s=timeout_s)
        self.requests = 0

    def close(self) -> None:
        self._pool.close()

    def _fetch(self, url: str) -> Iterator[bytes]:
        wanted, base = urllib.parse.urlsplit(url), urllib.parse.urlsplit(self.base_url)
        if (wanted.scheme, wanted.netloc) != (base.scheme, base.netloc):
            raise tuf_errors.DownloadError("refused: not the configured service")
        self.requests += 1
        response = self._pool.urlopen(
            "GET",
            wanted.path,
            redirect=False,
            assert_same_host=True,
            retries=False,
            preload_content=False,
            headers={"User-Agent": f"Prossimo/{app_version()}"},
        )
        if 300 <= response.status < 400:
            response.drain_conn()
            raise RedirectRefused(f"HTTP {response.status}")
        if response.status >= 400:
            response.drain_conn()
            raise tuf_errors.DownloadHTTPError(f"HTTP {response.status}", response.status)
        return self._chunks(response)

    @staticmethod
    def _chunks(response: urllib3.BaseHTTPResponse) -> Iterator[bytes]:
        try:
            yield from response.stream(64 * 1024)
        finally:
            response.release_conn()


# --- the check -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Available:
    version: str
    notes: str
    path: str  # the TUF target path, CHANNEL/FILENAME
    length: int


@dataclass(frozen=True)
class Outcome:
    state: Literal["off", "no_channel", "not_due", "up_to_date", "available", "failed"]
    available: Available | None = None
    failure: UpdateCheckFailed | None = None


class UpdateClient:
    """One organisation's update repository, as seen from this profile's `folder`."""

    def __init__(
        self,
        server_url: str,
        folder: Path,
        *,
        root: bytes,
        ca_bundle: str | None = None,
        channel: str = DEFAULT_CHANNEL,
        platform: str | None = None,
        current_version: str | None = None,
        fetcher: ServiceFetcher | None = None,
    ) -> None:
        self.fetcher = fetcher or ServiceFetcher(server_url, ca_bundle)
        self.base_url = self.fetcher.base_url
        self.folder = Path(folder)
        self.root = root
        self.channel = channel
        self.platform = platform or this_platform()
        self.current = parse_version(current_version or app_version()) or (0, 0, 0)

    def _fresh_updater(self) -> Updater:
        """A new ngclient Updater, refreshed: root (every new version, from the shipped one),
        timestamp, snapshot and targets, each verified by TUF's rules. One per check: ngclient
        refreshes once per Updater."""
        metadata_dir = self.folder / "metadata"
        private_dir(metadata_dir)
        try:
            updater = Updater(
                str(metadata_dir),
                self.base_url + METADATA_PATH,
                target_base_url=self.base_url + TARGETS_PATH,
                fetcher=self.fetcher,
                bootstrap=self.root,
            )
            updater.refresh()
        except (tuf_errors.RepositoryError, tuf_errors.DownloadError) as exc:
            raise _classify(exc) from None
        return updater

    def check(self) -> Available | None:
        """The newest release of the channel for this platform newer than this app, or None."""
        updater = self._fresh_updater()
        # ngclient has no public list of targets: the top-level targets it just verified and
        # persisted are read back for their names, and each candidate is then asked of the
        # Updater itself (get_targetinfo answers from its verified, in-memory metadata).
        read: Metadata[Any] = Metadata.from_file(str(self.folder / "metadata" / "targets.json"))
        persisted = read.signed
        if not isinstance(persisted, Targets):
            raise UpdateCheckFailed("metadata", "targets.json")
        best: tuple[tuple[int, ...], Available] | None = None
        for path in persisted.targets:
            if not path.startswith(self.channel + "/"):
                continue
            try:
                info = updater.get_targetinfo(path)
            except (tuf_errors.RepositoryError, tuf_errors.DownloadError) as exc:
                raise _classify(exc) from None
            fields = info.custom.get(CUSTOM_KEY) if info is not None and isinstance(info.custom, dict) else None
            if info is None or not isinstance(fields, dict) or fields.get("platform") != self.platform:
                continue
            version = parse_version(str(fields.get("version", "")))
            if version is None or version <= self.current:
                continue  # an older or equal version is never offered
            if best is None or version > best[0]:
                best = (version, Available(str(fields["version"]), str(fields.get("notes", "")), path, info.length))
        return best[1] if best else None

    def download(self, available: Available, destination: Path) -> Path:
        """Downloads `available` into the folder `destination`, verified (length and SHA-256
        against the signed targets) before it gets its name. Never opens or installs it."""
        updater = self._fresh_updater()
        try:
            info = updater.get_targetinfo(available.path)
            if info is None:
                raise UpdateCheckFailed("metadata", "the release is no longer offered")
            private_dir(destination)
            final = destination / available.path.rsplit("/", 1)[-1]
            temp = destination / f".{final.name}.part"
            updater.download_target(info, filepath=str(temp))
            temp.replace(final)
            return final
        except (tuf_errors.RepositoryError, tuf_errors.DownloadError) as exc:
            raise _classify(exc) from None
        finally:
            (destination / f".{available.path.rsplit('/', 1)[-1]}.part").unlink(missing_ok=True)


# --- the daily gate ------------------------------------------------------------------------


@dataclass
class State:
    last_check: str | None = None  # ISO time of the last attempt (made or failed)
    offered: dict[str, object] | None = None  # the last Available found, to show again after a restart

    @classmethod
    def load(cls, folder: Path) -> "State":
        try:
            data = json.loads((folder / STATE_FILE).read_text(encoding="utf-8"))
            return cls(last_check=data.get("last_check"), offered=data.get("offered"))
        except (OSError, ValueError, AttributeError):
            return cls()

    def save(self, folder: Path) -> None:
        private_dir(folder)
        write_private(folder / STATE_FILE, json.dumps(asdict(self)))

    def due(self, now: dt.datetime) -> bool:
        try:
            last = dt.datetime.fromisoformat(self.last_check) if self.last_check else None
        except ValueError:
            last = None
        # A clock set back (last check "in the future") counts as due, or it would block for ever.
        return last is None or not (last <= now < last + CHECK_EVERY)

    def offer(self) -> Available | None:
        try:
            return Available(**self.offered) if self.offered else None  # type: ignore[arg-type]
        except TypeError:
            return None


def check_if_due(
    folder: Path,
    server_url: str,
    *,
    ca_bundle: str | None = None,
    policy: Policy | None = None,
    root: bytes | None = None,
    now: dt.datetime | None = None,
    client_factory: Callable[..., UpdateClient] = UpdateClient,
    **client_options: object,
) -> Outcome:
    """The day's update check, if the policy allows it and it was not done today. Call it
    after a successful sync: the service was just reached, so offline this costs nothing."""
    policy = policy or load_policy()
    if not policy.check:
        return Outcome("off")
    root = root if root is not None else shipped_root()
    if root is None:
        return Outcome("no_channel")
    now = now or dt.datetime.now(dt.UTC)
    state = State.load(folder)
    if not state.due(now):
        offer = state.offer()
        return Outcome("available", offer) if offer else Outcome("not_due")
    state.last_check = now.isoformat()
    state.save(folder)  # before the request: a failing service is asked again tomorrow, not at every sync
    client = client_factory(
        server_url, folder, root=root, ca_bundle=ca_bundle, channel=policy.channel, **client_options
    )
    try:
        available = client.check()
    except UpdateCheckFailed as failure:
        log.warning("update check: %s", failure)
        return Outcome("failed", failure=failure)
    finally:
        client.fetcher.close()
    state.offered = asdict(available) if available else None
    state.save(folder)
    return Outcome("available", available) if available else Outcome("up_to_date")
