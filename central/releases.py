"""The update repository IT keeps: The Update Framework (TUF) metadata and the release artifacts.

Owns: the folder layout (`metadata/` with consistent-snapshot files `N.root.json`,
`N.targets.json`, `N.snapshot.json` and `timestamp.json`, plus unversioned copies of the
newest of each; `targets/CHANNEL/SHA256.FILENAME`), key files (`generate_key`: a PKCS#8
Ed25519 private key, 0600, and its public key beside it as `NAME.pub`), and the release
operations: `init`, `add` (a target with its version, notes, channel and platform as custom
metadata, signed with the offline targets key), `sign` (snapshot and timestamp, the online
keys), `renew_targets` and `rotate_root` (new keys and thresholds, the new root signed by the
old and the new root keys). Every operation checks all of its input and every key first,
then writes each file to a temporary name and renames it into place, `timestamp.json` last:
until that rename, clients see the previous release whole.

The expiries: root 365 days, targets 180 days (both re-signed offline), snapshot 7 days and
timestamp 1 day (re-signed by `sign`, which IT runs from a timer).

Must never copy a private key into the repository folder or print one, never accept a key
the current root does not list for its role, and never leave a half-written file under a
name a client fetches. The service only reads the folder (central.updates_http).
"""

import datetime as dt
import hashlib
import json
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import load_pem_private_key
from securesystemslib.signer import CryptoSigner, Key, SSlibKey
from tuf.api.exceptions import UnsignedMetadataError
from tuf.api.metadata import (
    Metadata,
    MetaFile,
    Root,
    Signed,
    Snapshot,
    TargetFile,
    Targets,
    Timestamp,
)
from tuf.api.serialization.json import JSONSerializer

from central import files

ROLES = ("root", "targets", "snapshot", "timestamp")
EXPIRY = {
    "root": dt.timedelta(days=365),
    "targets": dt.timedelta(days=180),
    "snapshot": dt.timedelta(days=7),
    "timestamp": dt.timedelta(days=1),
}
PLATFORMS = ("linux", "windows", "macos")
DEFAULT_CHANNEL = "stable"
CHANNEL_RULE = re.compile(r"^[a-z][a-z0-9-]{0,31}$")
FILENAME_RULE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._+-]{0,127}$")
VERSION_RULE = re.compile(r"^(0|[1-9]\d{0,5})\.(0|[1-9]\d{0,5})\.(0|[1-9]\d{0,5})$")
MAX_NOTES = 2000
CUSTOM_KEY = "prossimo"  # the one key of a target's custom metadata
_SERIALIZER = JSONSerializer(compact=False)
S = TypeVar("S", Root, Targets, Snapshot, Timestamp)


class ReleaseError(Exception):
    """A release operation refused its input: the message names the field or file and the rule.
    Nothing was written."""


def parse_version(text: str, field: str = "version") -> tuple[int, int, int]:
    """MAJOR.MINOR.PATCH, each a whole number without leading zeros (versions are compared as numbers)."""
    match = VERSION_RULE.match(text.strip()) if isinstance(text, str) else None
    if match is None:
        raise ReleaseError(f"{field}: {text!r} is not a version MAJOR.MINOR.PATCH such as 1.4.0")
    major, minor, patch = (int(part) for part in match.groups())
    return major, minor, patch


# --- files ---------------------------------------------------------------------------------


# The repository holds only public, signed data, but it is nobody else's business: its owner
# writes, its group (the service's, see README "Updates") reads, others nothing. Keys are 0600.
REPO_DIR_MODE, REPO_FILE_MODE, KEY_MODE = 0o750, 0o640, 0o600


def _repo_dir(path: Path) -> None:
    path.mkdir(mode=REPO_DIR_MODE, parents=True, exist_ok=True)
    if os.name != "nt":
        path.chmod(REPO_DIR_MODE)


# --- keys ----------------------------------------------------------------------------------


def generate_key(path: Path) -> str:
    """A new Ed25519 key: the private key at `path` (PKCS#8 PEM, 0600, never overwritten) and
    its public key at `path`.pub (TUF's JSON form). Returns the key id."""
    path = Path(path)
    public_path = path.with_name(path.name + ".pub")
    for existing in (path, public_path):
        if existing.exists():
            raise ReleaseError(f"key: {existing} already exists; a key file is never overwritten")
    if not path.parent.is_dir():
        raise ReleaseError(f"key: the folder {path.parent} does not exist")
    signer = CryptoSigner.generate_ed25519()
    public = signer.public_key
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, KEY_MODE)
    with os.fdopen(fd, "wb") as handle:
        handle.write(signer.private_bytes)
    files.write_atomic(
        public_path, json.dumps({"keyid": public.keyid, **public.to_dict()}, indent=2).encode(), KEY_MODE
    )
    return public.keyid


def load_signer(path: Path, field: str) -> CryptoSigner:
    """The private key file at `path` (as `generate_key` writes it) as a signer."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ReleaseError(f"{field}: cannot read {path} ({exc.strerror or type(exc).__name__})") from None
    try:
        private = load_pem_private_key(data, password=None)
    except (ValueError, TypeError):
        raise ReleaseError(f"{field}: {path} is not an unencrypted PEM private key (see `release keygen`)") from None
    if not isinstance(private, Ed25519PrivateKey):
        raise ReleaseError(f"{field}: {path} is not an Ed25519 key")
    public = SSlibKey.from_crypto(private.public_key())
    return CryptoSigner(private, public)


def load_public_key(path: Path, field: str) -> Key:
    """A public key file (`NAME.pub`), or the public half of a private key file."""
    path = Path(path)
    try:
        text = path.read_bytes()
    except OSError as exc:
        raise ReleaseError(f"{field}: cannot read {path} ({exc.strerror or type(exc).__name__})") from None
    if text.lstrip().startswith(b"{"):
        try:
            data = json.loads(text)
            keyid = data.pop("keyid")
            return SSlibKey.from_dict(keyid, data)
        except (ValueError, KeyError, TypeError):
            raise ReleaseError(f"{field}: {path} is not a public key file written by `release keygen`") from None
    return load_signer(path, field).public_key


# --- the repository ------------------------------------------------------------------------


@dataclass(frozen=True)
class Release:
    path: str  # the target path: CHANNEL/FILENAME
    version: str
    notes: str
    channel: str
    platform: str
    length: int
    sha256: str


class Repository:
    """One TUF repository folder. Read with `Repository(folder)`, made with `Repository.init`."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self.metadata_dir = self.folder / "metadata"
        self.targets_dir = self.folder / "targets"
        if not (self.metadata_dir / "root.json").is_file():
            raise ReleaseError(
                f"repo: {self.folder} is not a release repository (no metadata/root.json); run `release init`"
            )

    # --- reading ---

    def load(self, role: str, cls: type[S]) -> Metadata[S]:
        path = self.metadata_dir / f"{role}.json"
        try:
            metadata: Metadata[Any] = Metadata.from_file(str(path))
        except Exception as exc:  # noqa: BLE001 - any unreadable file: say which, without a traceback
            raise ReleaseError(f"repo: {path} cannot be read as TUF metadata ({type(exc).__name__})") from None
        if not isinstance(metadata.signed, cls):
            raise ReleaseError(f"repo: {path} holds {metadata.signed.type} metadata, not {role}")
        return metadata  # its signed part was just checked to be a `cls`

    @property
    def root(self) -> Metadata[Root]:
        return self.load("root", Root)

    def releases(self) -> list[Release]:
        targets = self.load("targets", Targets).signed
        return [release for target in targets.targets.values() if (release := _release_of(target))]

    # --- writing ---

    def _stage(self, role: str, metadata: Metadata[Any], *, versioned: bool) -> list[tuple[Path, bytes]]:
        data = metadata.to_bytes(_SERIALIZER)
        staged = [(self.metadata_dir / f"{role}.json", data)]
        if versioned:
            staged.insert(0, (self.metadata_dir / f"{metadata.signed.version}.{role}.json", data))
        return staged

    def _commit(self, staged: Sequence[tuple[Path, bytes]]) -> None:
        for path, data in staged:  # in order: the versioned files first, timestamp.json last
            files.write_atomic(path, data, REPO_FILE_MODE)

    @classmethod
    def init(
        cls,
        folder: Path,
        keys: dict[str, list[CryptoSigner]],
        thresholds: dict[str, int],
        now: dt.datetime | None = None,
    ) -> "Repository":
        folder = Path(folder)
        if (folder / "metadata" / "root.json").exists():
            raise ReleaseError(f"repo: {folder} already holds a release repository; nothing was changed")
        if folder.exists() and not folder.is_dir():
            raise ReleaseError(f"repo: {folder} is a file, not a folder")
        now = now or _now()
        _distinct_keys({role: [s.public_key for s in keys[role]] for role in ROLES})
        root = Root(expires=now + EXPIRY["root"], consistent_snapshot=True)
        for role in ROLES:
            _check_threshold(role, keys[role], thresholds.get(role, 1))
            for signer in keys[role]:
                root.add_key(signer.public_key, role)
            root.roles[role].threshold = thresholds.get(role, 1)
        _repo_dir(folder)
        _repo_dir(folder / "metadata")
        _repo_dir(folder / "targets")
        repo = cls.__new__(cls)
        repo.folder, repo.metadata_dir, repo.targets_dir = folder, folder / "metadata", folder / "targets"
        root_md = Metadata(root)
        _sign(root_md, keys["root"], "root-key")
        targets_md = Metadata(Targets(expires=now + EXPIRY["targets"]))
        _sign(targets_md, keys["targets"], "targets-key")
        snapshot_md = Metadata(Snapshot(expires=now + EXPIRY["snapshot"]))
        snapshot_md.signed.meta["targets.json"] = MetaFile(version=1)
        _sign(snapshot_md, keys["snapshot"], "snapshot-key")
        timestamp_md = Metadata(Timestamp(expires=now + EXPIRY["timestamp"]))
        timestamp_md.signed.snapshot_meta = MetaFile(version=1)
        _sign(timestamp_md, keys["timestamp"], "timestamp-key")
        staged = (
            repo._stage("targets", targets_md, versioned=True)
            + repo._stage("snapshot", snapshot_md, versioned=True)
            + repo._stage("timestamp", timestamp_md, versioned=False)
            + repo._stage("root", root_md, versioned=True)  # root.json last: it marks the folder a repository
        )
        repo._commit(staged)
        return repo

    def add(
        self,
        artifact: Path,
        *,
        version: str,
        notes: str,
        targets_keys: list[CryptoSigner],
        channel: str = DEFAULT_CHANNEL,
        platform: str = "linux",
        now: dt.datetime | None = None,
    ) -> Release:
        """Adds `artifact` as CHANNEL/FILENAME; refuses a version not newer than every release
        already in that channel for that platform."""
        artifact = Path(artifact)
        parsed = parse_version(version)
        notes = notes.strip()
        if not notes:
            raise ReleaseError("notes: say what the release fixes (the operator reads it)")
        if len(notes) > MAX_NOTES:
            raise ReleaseError(f"notes: at most {MAX_NOTES} characters")
        if not CHANNEL_RULE.match(channel):
            raise ReleaseError(f"channel: {channel!r} must be lower-case letters, digits and -, up to 32")
        if platform not in PLATFORMS:
            raise ReleaseError(f"platform: must be one of {', '.join(PLATFORMS)}")
        if not artifact.is_file():
            raise ReleaseError(f"artifact: {artifact} is not a file")
        if not FILENAME_RULE.match(artifact.name):
            raise ReleaseError(
                f"artifact: the file name {artifact.name!r} must be letters, digits, . _ + - (up to 128), "
                "not starting with a dot"
            )
        _check_role_keys(self.root.signed, "targets", targets_keys, "targets-key")
        for existing in self.releases():
            if existing.channel == channel and existing.platform == platform:
                if parse_version(existing.version, "repo") >= parsed:
                    raise ReleaseError(
                        f"version: {version} is not newer than {existing.version}, already released on "
                        f"{channel} for {platform}"
                    )
        path = f"{channel}/{artifact.name}"
        targets_md = self.load("targets", Targets)
        if path in targets_md.signed.targets:
            raise ReleaseError(f"artifact: {path} is already released; give each release its own file name")
        data = artifact.read_bytes()
        digest = hashlib.sha256(data).hexdigest()
        target = TargetFile(
            length=len(data),
            hashes={"sha256": digest},
            path=path,
            unrecognized_fields={
                "custom": {CUSTOM_KEY: {"version": version, "notes": notes, "channel": channel, "platform": platform}}
            },
        )
        targets_md.signed.targets[path] = target
        _bump(targets_md.signed, "targets", now)
        _sign(targets_md, targets_keys, "targets-key")
        channel_dir = self.targets_dir / channel
        _repo_dir(channel_dir)
        # Consistent snapshots: the file is named by its hash, so a new release never
        # changes a file a client may be downloading.
        files.write_atomic(channel_dir / f"{digest}.{artifact.name}", data, REPO_FILE_MODE)
        self._commit(self._stage("targets", targets_md, versioned=True))
        release = _release_of(target)
        assert release is not None  # made just above, with its custom metadata
        return release

    def renew_targets(self, targets_keys: list[CryptoSigner], now: dt.datetime | None = None) -> int:
        """A new targets version with the same targets and a fresh expiry (also after a targets key rotation)."""
        _check_role_keys(self.root.signed, "targets", targets_keys, "targets-key")
        targets_md = self.load("targets", Targets)
        _bump(targets_md.signed, "targets", now)
        _sign(targets_md, targets_keys, "targets-key")
        self._commit(self._stage("targets", targets_md, versioned=True))
        return targets_md.signed.version

    def sign(
        self,
        timestamp_keys: list[CryptoSigner],
        snapshot_keys: list[CryptoSigner] | None = None,
        now: dt.datetime | None = None,
    ) -> tuple[int, int]:
        """A new timestamp, and with `snapshot_keys` a new snapshot first. Without them, refuses
        when the targets changed since the snapshot. Returns (snapshot version, timestamp version)."""
        root = self.root.signed
        _check_role_keys(root, "timestamp", timestamp_keys, "timestamp-key")
        targets = self.load("targets", Targets).signed
        snapshot_md = self.load("snapshot", Snapshot)
        staged: list[tuple[Path, bytes]] = []
        if snapshot_keys:
            _check_role_keys(root, "snapshot", snapshot_keys, "snapshot-key")
            snapshot_md.signed.meta["targets.json"] = MetaFile(version=targets.version)
            _bump(snapshot_md.signed, "snapshot", now)
            _sign(snapshot_md, snapshot_keys, "snapshot-key")
            staged += self._stage("snapshot", snapshot_md, versioned=True)
        elif snapshot_md.signed.meta["targets.json"].version != targets.version:
            raise ReleaseError(
                "snapshot-key: the targets changed since the last snapshot (`release add`); give --snapshot-key"
            )
        timestamp_md = self.load("timestamp", Timestamp)
        timestamp_md.signed.snapshot_meta = MetaFile(version=snapshot_md.signed.version)
        _bump(timestamp_md.signed, "timestamp", now)
        _sign(timestamp_md, timestamp_keys, "timestamp-key")
        staged += self._stage("timestamp", timestamp_md, versioned=False)
        self._commit(staged)
        return snapshot_md.signed.version, timestamp_md.signed.version

    def rotate_root(
        self,
        old_root_keys: list[CryptoSigner],
        new_keys: dict[str, list[Key]],
        new_root_signers: list[CryptoSigner],
        thresholds: dict[str, int],
        now: dt.datetime | None = None,
    ) -> int:
        """Root version N+1: `new_keys` replace the keys of the roles named, `thresholds` set
        theirs. Signed by enough of the old root keys (old threshold) and of the new ones (new
        threshold), so a client that trusts version N accepts it. Returns the new version."""
        root_md = self.root
        root = root_md.signed
        _check_role_keys(root, "root", old_root_keys, "root-key")
        if "root" in new_keys and {k.keyid for k in new_keys["root"]} != {s.public_key.keyid for s in new_root_signers}:
            raise ReleaseError("new-root-key: the new root keys must be given as private keys, to sign the new root")
        for role, keys in new_keys.items():
            for keyid in list(root.roles[role].keyids):
                root.revoke_key(keyid, role)
            for key in keys:
                root.add_key(key, role)
        for role, threshold in thresholds.items():
            if threshold < 1:
                raise ReleaseError(f"{role}-threshold: must be at least 1")
            root.roles[role].threshold = threshold
        _distinct_keys({role: [root.get_key(keyid) for keyid in root.roles[role].keyids] for role in ROLES})
        for role in ROLES:
            if len(root.roles[role].keyids) < root.roles[role].threshold:
                raise ReleaseError(
                    f"{role}-threshold: {root.roles[role].threshold} is more than the "
                    f"{len(root.roles[role].keyids)} key(s) of {role}"
                )
        _bump(root, "root", now)
        root_md.signatures.clear()
        signers = {s.public_key.keyid: s for s in [*old_root_keys, *new_root_signers]}
        for signer in signers.values():
            root_md.sign(signer, append=True)
        try:
            root.verify_delegate("root", root_md.signed_bytes, root_md.signatures)
        except UnsignedMetadataError:
            raise ReleaseError("new-root-key: the new root keys do not reach the new root threshold") from None
        self._commit(self._stage("root", root_md, versioned=True))
        return root.version


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def _bump(signed: Signed, role: str, now: dt.datetime | None) -> None:
    signed.version += 1
    signed.expires = (now or _now()) + EXPIRY[role]


def _distinct_keys(keys: dict[str, list[Key]]) -> None:
    """Each role its own keys: an online role sharing a key with an offline one would put the
    offline key on the server."""
    seen: dict[str, str] = {}
    for role, role_keys in keys.items():
        for key in role_keys:
            if key.keyid in seen and seen[key.keyid] != role:
                raise ReleaseError(
                    f"{role}-key: key {key.keyid[:12]}… is also the {seen[key.keyid]} key; give each role its own"
                )
            seen[key.keyid] = role


def _check_threshold(role: str, signers: list[CryptoSigner], threshold: int) -> None:
    if not signers:
        raise ReleaseError(f"{role}-key: give at least one {role} key")
    if not 1 <= threshold <= len(signers):
        raise ReleaseError(f"{role}-threshold: must be from 1 to the number of {role} keys ({len(signers)})")


def _check_role_keys(root: Root, role: str, signers: list[CryptoSigner], field: str) -> None:
    """Every key given is one the root lists for `role`, and together they reach its threshold."""
    allowed = set(root.roles[role].keyids)
    for signer in signers:
        if signer.public_key.keyid not in allowed:
            raise ReleaseError(
                f"{field}: key {signer.public_key.keyid[:12]}… is not a {role} key of this repository's root"
            )
    if len({s.public_key.keyid for s in signers}) < root.roles[role].threshold:
        raise ReleaseError(f"{field}: {role} needs {root.roles[role].threshold} key(s) (its threshold)")


def _sign(metadata: Metadata[Any], signers: list[CryptoSigner], field: str) -> None:
    metadata.signatures.clear()
    for signer in signers:
        metadata.sign(signer, append=True)
    if not metadata.signatures:
        raise ReleaseError(f"{field}: no key given")


def _release_of(target: TargetFile) -> Release | None:
    custom = target.custom if isinstance(target.custom, dict) else {}
    fields = custom.get(CUSTOM_KEY)
    if not isinstance(fields, dict):
        return None
    try:
        return Release(
            path=target.path,
            version=str(fields["version"]),
            notes=str(fields["notes"]),
            channel=str(fields["channel"]),
            platform=str(fields["platform"]),
            length=target.length,
            sha256=target.hashes["sha256"],
        )
    except KeyError:
        return None
