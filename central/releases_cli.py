"""`prossimo-central release ...`: the update repository's commands for IT (central.releases).

Owns: the argument names (each key by the path of its file, repeatable for thresholds), the
one-line summaries the commands print and turning a `ReleaseError` into the command line's
error (exit 2, the field named, nothing written). Must never print a private key or take one
as an argument value: keys are files, given by path.
"""

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any

from securesystemslib.signer import CryptoSigner
from tuf.api.metadata import Targets

from central import releases
from protocol.cli_support import CliError


def _signers(paths: list[str] | None, field: str) -> list[CryptoSigner]:
    return [releases.load_signer(Path(path), field) for path in paths or []]


def _repo(args: argparse.Namespace) -> releases.Repository:
    return releases.Repository(Path(args.repo))


def _guarded(handler: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
    def run(args: argparse.Namespace) -> int:
        try:
            return handler(args)
        except releases.ReleaseError as exc:
            raise CliError(f"{exc}; nothing was written") from None

    return run


def cmd_keygen(args: argparse.Namespace) -> int:
    keyid = releases.generate_key(Path(args.path))
    print(f"Wrote the private key {args.path} (0600) and the public key {args.path}.pub; key id {keyid}")
    return 0


def cmd_init(args: argparse.Namespace) -> int:
    keys = {role: _signers(getattr(args, f"{role}_key"), f"{role}-key") for role in releases.ROLES}
    thresholds = {"root": args.root_threshold, "targets": args.targets_threshold}
    repo = releases.Repository.init(Path(args.repo), keys, thresholds)
    root = repo.root.signed
    print(
        f"Made the release repository {repo.folder}: root v{root.version} "
        f"(threshold {root.roles['root'].threshold} of {len(root.roles['root'].keyids)}), consistent snapshots. "
        "Build the app with installers/build-linux.sh --update-root "
        f"{repo.metadata_dir / '1.root.json'} (its trust anchor)."
    )
    return 0


def cmd_add(args: argparse.Namespace) -> int:
    repo = _repo(args)
    release = repo.add(
        Path(args.artifact),
        version=args.version,
        notes=args.notes,
        targets_keys=_signers(args.targets_key, "targets-key"),
        channel=args.channel,
        platform=args.platform,
    )
    version = repo.load("targets", Targets).signed.version
    print(
        f"Added {release.path} version {release.version} ({release.length} bytes, sha256 {release.sha256[:16]}…); "
        f"targets v{version}. Run `release sign` to publish it."
    )
    return 0


def cmd_sign(args: argparse.Namespace) -> int:
    snapshot, timestamp = _repo(args).sign(
        _signers(args.timestamp_key, "timestamp-key"), _signers(args.snapshot_key, "snapshot-key") or None
    )
    print(f"Signed snapshot v{snapshot} and timestamp v{timestamp} (expires in 1 day).")
    return 0


def cmd_renew_targets(args: argparse.Namespace) -> int:
    version = _repo(args).renew_targets(_signers(args.targets_key, "targets-key"))
    print(f"Signed targets v{version} (expires in 180 days). Run `release sign` to publish it.")
    return 0


def cmd_rotate_root(args: argparse.Namespace) -> int:
    repo = _repo(args)
    new_root = _signers(args.new_root_key, "new-root-key")
    new_keys: dict[str, list[Any]] = {}
    if new_root:
        new_keys["root"] = [signer.public_key for signer in new_root]
    for role in ("targets", "snapshot", "timestamp"):
        paths = getattr(args, f"new_{role}_key") or []
        if paths:
            new_keys[role] = [releases.load_public_key(Path(path), f"new-{role}-key") for path in paths]
    thresholds = {
        role: value
        for role, value in (("root", args.root_threshold), ("targets", args.targets_threshold))
        if value is not None
    }
    version = repo.rotate_root(_signers(args.root_key, "root-key"), new_keys, new_root, thresholds)
    changed = ", ".join(sorted(new_keys)) or "none (a renewal: 365 days from now)"
    print(f"Signed root v{version}; new keys: {changed}. Devices accept it at their next check.")
    if set(new_keys) - {"root"}:
        print(
            "Now sign the roles whose keys changed with their new keys: `release renew-targets` for targets, "
            "`release sign --snapshot-key ... --timestamp-key ...` for snapshot and timestamp."
        )
    return 0


def add_commands(commands: Any, parser_class: type[argparse.ArgumentParser]) -> None:
    """The `release` group under central.cli's `commands` (no --db: a repository is a folder)."""
    group = commands.add_parser("release", help="the TUF update repository the service serves").add_subparsers(
        dest="sub", required=True, parser_class=parser_class
    )

    def leaf(group: Any, name: str, handler: Callable[[argparse.Namespace], int], text: str) -> argparse.ArgumentParser:
        sub: argparse.ArgumentParser = group.add_parser(name, help=text)
        sub.set_defaults(handler=handler)
        return sub

    def repo_arg(parser: argparse.ArgumentParser) -> None:
        parser.add_argument("--repo", required=True, metavar="DIR", help="the repository folder (serve --updates-dir)")

    def key_arg(parser: argparse.ArgumentParser, name: str, what: str, required: bool = True) -> None:
        parser.add_argument(
            f"--{name}", action="append", metavar="FILE", required=required, help=f"{what}; repeat for a threshold"
        )

    keygen = leaf(group, "keygen", _guarded(cmd_keygen), "make an Ed25519 key: PATH (0600) and PATH.pub")
    keygen.add_argument("path")

    init = leaf(group, "init", _guarded(cmd_init), "make a new repository (consistent snapshots)")
    repo_arg(init)
    key_arg(init, "root-key", "an offline root private key")
    key_arg(init, "targets-key", "an offline targets private key")
    key_arg(init, "snapshot-key", "the online snapshot private key")
    key_arg(init, "timestamp-key", "the online timestamp private key")
    init.add_argument("--root-threshold", type=int, default=1, metavar="N")
    init.add_argument("--targets-threshold", type=int, default=1, metavar="N")

    add = leaf(group, "add", _guarded(cmd_add), "add a release artifact (signs targets with the offline key)")
    add.add_argument("artifact")
    repo_arg(add)
    add.add_argument("--version", required=True, help="MAJOR.MINOR.PATCH, newer than the channel's last")
    add.add_argument("--notes", required=True, help="what the release fixes, as the operator will read it")
    add.add_argument("--channel", default=releases.DEFAULT_CHANNEL)
    add.add_argument("--platform", choices=releases.PLATFORMS, default="linux")
    key_arg(add, "targets-key", "an offline targets private key")

    sign = leaf(group, "sign", _guarded(cmd_sign), "sign a new snapshot and timestamp (online keys; run from a timer)")
    repo_arg(sign)
    key_arg(sign, "timestamp-key", "the timestamp private key")
    key_arg(sign, "snapshot-key", "the snapshot private key (needed after `add`)", required=False)

    renew = leaf(group, "renew-targets", _guarded(cmd_renew_targets), "re-sign targets with a fresh expiry")
    repo_arg(renew)
    key_arg(renew, "targets-key", "an offline targets private key")

    rotate = leaf(group, "rotate-root", _guarded(cmd_rotate_root), "sign a new root: new keys and thresholds")
    repo_arg(rotate)
    key_arg(rotate, "root-key", "a current root private key (enough for the current threshold)")
    key_arg(rotate, "new-root-key", "a new root private key (replaces every root key)", required=False)
    for role in ("targets", "snapshot", "timestamp"):
        key_arg(rotate, f"new-{role}-key", f"a new {role} public key (.pub) or private key file", required=False)
    rotate.add_argument("--root-threshold", type=int, metavar="N")
    rotate.add_argument("--targets-threshold", type=int, metavar="N")
