"""The `prossimo` command line: profile set-up, contacts, store checks, export, directory and calendar files, demo.

Owns: argument parsing, where the passphrase and the password come from, what is
printed, and the exit codes IT scripts rely on:
  0 ok; 2 usage or validation error (the message names the field; for a directory
  file, the file, the row or JSON path, and the field: nothing was imported);
  3 wrong passphrase, locked, or login refused; 4 store corrupt or from a newer version;
  5 the service could not be reached or refused the request (nothing is lost);
  6 the organisation ordered this device wiped (done); 7 Prossimo must be updated;
  8 the disk is full or could not be written (nothing already saved was lost; a
  failed `init` leaves no profile, a failed `passphrase change` keeps the old one);
  9 the window cannot open: system libraries Qt needs are missing (named, with the
  apt-get command; see desktop/app.py).
A file error is a message naming the file, never a traceback. With --json every outcome
is JSON on stdout, a failure too: one object {"ok": false, "error": "not_enrolled",
"message": "…", "exit_code": 2}, with the same exit code as without --json. A failed
`sync --json` also carries the counts of what the sync applied and the link carried
(requests, bytes_sent, bytes_received, retries...: every attempt), as a successful one does.
Must never take a secret as a command-line argument (visible in `ps` and shell
history), never print a passphrase or key, and never run SQL itself: all
store work goes through `StoreWorker.submit` to the repositories.
"""

import argparse
import dataclasses
import datetime as dt
import getpass
import json
import os
import re
import shutil
import signal
import sys
import tempfile
import uuid
import zoneinfo
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NoReturn, get_args

from pydantic import ValidationError

from desktop import code_cli, outreach_cli
from desktop.interop.icalendar_files import CalendarFileError
from desktop.log_redaction import install_logging
from desktop.store import calendar_files, directory_files
from desktop.store.database import DatabaseError, is_storage_failure, storage_failure
from desktop.store.errors import (
    RecordNotFound,
    RuleViolation,
    StorageFailure,
    StoreCorrupt,
    StoreLocked,
    StoreTooNew,
)
from desktop.store.keys import (
    KeyFileCorrupt,
    KeyFileMissing,
    KeyStoreError,
    NoKeyring,
    PassphraseRequired,
    WeakPassphrase,
    WrongPassphrase,
)
from desktop.store.private_files import create_private, is_disk_failure, write_private
from desktop.store.profile import PROFILE_ENV, Profile, default_profile_dir
from desktop.store.replica import NoCodeKey, NotEnrolled, ServiceDataInvalid
from desktop.store.session import StoreSession
from desktop.store.worker import StoreWorker
from desktop.sync import transport
from desktop.sync.engine import AlreadyEnrolled, SyncEngine, carry_out_wipe, enrol
from protocol import Contact, Resource, demo_data, describe_validation_error
from protocol.cli_support import EXIT_USAGE, CliError, CommandParser
from protocol.entities import PlaceKind
from protocol.hsds import FORMATS, HsdsError

EXIT_OK = 0
# EXIT_USAGE = 2 comes from protocol.cli_support: the same in both command lines.
EXIT_LOCKED = 3
EXIT_CORRUPT = 4
EXIT_OFFLINE = 5
EXIT_WIPED = 6
EXIT_UPDATE = 7
EXIT_DISK = 8

PASSPHRASE_ENV = "PROSSIMO_PASSPHRASE"  # noqa: S105 - the name of a variable, not a secret
NEW_PASSPHRASE_ENV = "PROSSIMO_NEW_PASSPHRASE"  # noqa: S105 - the name of a variable, not a secret
PASSWORD_ENV = "PROSSIMO_PASSWORD"  # noqa: S105 - the operator's service password, for enroll


# --- where secrets come from -------------------------------------------------------


def _read_passphrase_file(path: str) -> str:
    """The file's first line; refused when anyone but its owner may read it (checked on the
    open file, so it cannot be swapped between the check and the read)."""
    try:
        with open(path, "rb") as handle:
            mode = os.fstat(handle.fileno()).st_mode & 0o777
            if os.name != "nt" and mode & 0o077:
                raise CliError(
                    f"--passphrase-file: {path} can be read by other users (mode {mode:03o}); a passphrase file "
                    f"must be readable by you alone: run `chmod 600 {path}` and try again",
                    EXIT_USAGE,
                )
            text = handle.read().decode("utf-8")
    except OSError as exc:
        raise CliError(f"--passphrase-file: cannot read {path} ({exc.strerror})", EXIT_USAGE) from None
    except UnicodeDecodeError:
        raise CliError(f"--passphrase-file: {path} is not UTF-8 text", EXIT_USAGE) from None
    return text.rstrip("\r\n")


def _given_passphrase(args: argparse.Namespace) -> str | None:
    """The passphrase from the environment or a file, if the operator gave one."""
    if getattr(args, "passphrase_file", None):
        return _read_passphrase_file(args.passphrase_file)
    return os.environ.get(PASSPHRASE_ENV) or None


def _prompt(label: str, code_if_impossible: int = EXIT_LOCKED) -> str:
    if not sys.stdin.isatty():
        raise CliError(
            f"passphrase: none given; set {PASSPHRASE_ENV}, use --passphrase-file, or run in a terminal to be asked",
            code_if_impossible,
        )
    return getpass.getpass(label)


def _new_passphrase(args: argparse.Namespace, env: str) -> str:
    given = _given_passphrase(args) if env == PASSPHRASE_ENV else os.environ.get(env)
    if given:
        return given
    first = _prompt("New passphrase: ", EXIT_USAGE)
    if _prompt("Repeat the passphrase: ", EXIT_USAGE) != first:
        raise CliError("passphrase: the two entries differ; nothing was changed", EXIT_USAGE)
    return first


# --- opening the profile -------------------------------------------------------------


def _profile(args: argparse.Namespace) -> Profile:
    directory = Path(args.profile) if getattr(args, "profile", None) else default_profile_dir()
    return Profile(directory)


def _open(args: argparse.Namespace) -> tuple[Profile, StoreWorker]:
    profile = _profile(args)
    if not profile.exists():
        raise CliError(
            f"no profile in {profile.directory}; create one with `prossimo init` "
            f"(or point --profile / {PROFILE_ENV} at an existing one)",
            EXIT_USAGE,
        )
    passphrase = _given_passphrase(args)
    try:
        return profile, profile.open(passphrase)
    except PassphraseRequired:
        return profile, profile.open(_prompt("Passphrase: "))


def _with_store(args: argparse.Namespace, work: Callable[[StoreSession], Any]) -> Any:
    _, worker = _open(args)
    with worker:
        return worker.call(work)


# --- commands ---------------------------------------------------------------------------


def cmd_init(args: argparse.Namespace) -> int:
    profile = _profile(args)
    if profile.exists():
        raise CliError(f"a profile already exists in {profile.directory}; it was not touched", EXIT_USAGE)
    Profile.create(profile.directory, _new_passphrase(args, PASSPHRASE_ENV))
    print(f"Created an encrypted profile in {profile.directory}")
    return EXIT_OK


def _contact_fields(args: argparse.Namespace) -> dict[str, Any]:
    names_given = args.given is not None or args.family is not None
    fields: dict[str, Any] = {
        "kind": "person" if names_given or args.alias is None else "pseudonymous",
        "given_name": args.given,
        "family_name": args.family,
        "alias": args.alias,
        "municipality": args.municipality,
        "phone": args.phone,
        "email": args.email,
        "birth_year": args.birth_year,
        "preferred_language": args.language,
        "tags": args.tag or [],
    }
    return {name: value for name, value in fields.items() if value is not None}


def cmd_contacts_add(args: argparse.Namespace) -> int:
    fields = _contact_fields(args)
    contact = _with_store(args, lambda s: s.contacts.create(**fields))
    print(contact.id)
    return EXIT_OK


def _contact_line(contact: Contact) -> str:
    details = "  ".join(part for part in (contact.municipality, contact.phone) if part)
    return f"{contact.id}  {contact.display_name}" + (f"  {details}" if details else "")


def cmd_contacts_search(args: argparse.Namespace) -> int:
    found = _with_store(args, lambda s: s.contacts.search(args.query, limit=args.limit))
    for contact in found:
        print(contact.model_dump_json() if args.json else _contact_line(contact))
    if not found and not args.json:
        print("No contacts found.", file=sys.stderr)
    return EXIT_OK


def _parse_id(value: str) -> uuid.UUID:
    try:
        return uuid.UUID(value)
    except ValueError:
        raise CliError("id: must be an id such as 0190f0c2-…", EXIT_USAGE) from None


# What `contacts show` calls each field: the captions of the contact's page in the desktop app
# (English; the CLI is not translated). The record's metadata is summed up in the last lines.
CONTACT_CAPTIONS = {
    "given_name": "Given name",
    "family_name": "Family name",
    "alias": "Alias",
    "kind": "Kind",
    "birth_year": "Birth year",
    "preferred_language": "Language",
    "phone": "Phone",
    "email": "Email",
    "address": "Address",
    "municipality": "Municipality",
    "team_id": "Team",
    "tags": "Tags",
}
CONTACT_KINDS = {"person": "Person", "pseudonymous": "Pseudonymous (alias only)"}


def _contact_and_teams(session: StoreSession, contact_id: uuid.UUID) -> tuple[Contact, dict[str, str]]:
    enrolment = session.replica.enrolment()
    teams = {team["id"]: team["name"] for team in enrolment.teams} if enrolment else {}
    return session.contacts.get(contact_id), teams


def _contact_lines(contact: Contact, teams: dict[str, str]) -> list[tuple[str, str]]:
    """(caption, value) of every field that has a value: names for ids where the device knows one."""
    lines = [("Name", contact.display_name)]
    values = contact.model_dump(mode="json")
    for name, caption in CONTACT_CAPTIONS.items():  # in the page's order
        value = values[name]
        if value in (None, []):
            continue
        if name == "kind":
            value = CONTACT_KINDS.get(value, value)
        elif name == "team_id":
            value = teams.get(value) or f"{value} (not one of this device's teams)"
        lines.append((caption, ", ".join(map(str, value)) if isinstance(value, list) else str(value)))
    changed = contact.updated_at.astimezone().strftime("%Y-%m-%d %H:%M")
    synced = "yes" if contact.server_version is not None else "not yet"
    return [*lines, ("Changed", changed), ("Synced", synced), ("Id", str(contact.id))]


def cmd_contacts_show(args: argparse.Namespace) -> int:
    contact_id = _parse_id(args.id)
    contact, teams = _with_store(args, lambda s: _contact_and_teams(s, contact_id))
    if args.json:
        print(contact.model_dump_json())
        return EXIT_OK
    for caption, value in _contact_lines(contact, teams):
        print(f"{caption:>14}: {value}")
    return EXIT_OK


def cmd_store_check(args: argparse.Namespace) -> int:
    report = _with_store(args, lambda s: s.check_integrity())
    print("integrity_check: " + "; ".join(report.integrity))
    print("cipher_integrity_check: " + ("ok" if not report.cipher else "; ".join(report.cipher)))
    if not report.ok:
        raise CliError("the store is damaged; keep a copy of the profile folder and call IT", EXIT_CORRUPT)
    return EXIT_OK


def cmd_store_export(args: argparse.Namespace) -> int:
    contact_id = _parse_id(args.contact)
    export = _with_store(args, lambda s: s.export_contact(contact_id))
    text = json.dumps(export, ensure_ascii=False, indent=2)
    if args.output:
        out = Path(args.output)
        _write_export(out, text + "\n", replace=args.force)
        print(f"Wrote the export to {out}", file=sys.stderr)
    else:
        print(text)
    return EXIT_OK


def _write_export(out: Path, text: str, replace: bool) -> None:
    """0600 (an export is the most sensitive file this program writes), never half-written:
    a failed write removes the file it made; an existing file is replaced only when asked."""
    if not out.parent.is_dir():
        raise CliError(f"--output: the folder {out.parent} does not exist; nothing was written", EXIT_USAGE)
    exists = CliError(f"--output: {out} already exists; it was not touched (add --force to replace it)", EXIT_USAGE)
    if replace:
        write_private(out, text)  # temp file and rename: the old file stays until the new one is whole
        return
    try:
        fd = create_private(out)
    except FileExistsError:
        raise exists from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(text.encode("utf-8"))
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        out.unlink(missing_ok=True)
        raise


def cmd_passphrase_change(args: argparse.Namespace) -> int:
    profile = _profile(args)
    old = _given_passphrase(args) or _prompt("Current passphrase: ")
    profile.keys.change_passphrase(old, _new_passphrase(args, NEW_PASSPHRASE_ENV))
    print("Passphrase changed. The store itself was not rewritten.")
    return EXIT_OK


def cmd_enroll(args: argparse.Namespace) -> int:
    try:
        server = transport.check_server_url(args.server)
    except ValueError as exc:
        raise CliError(str(exc), EXIT_USAGE) from None
    if args.ca_bundle and not Path(args.ca_bundle).is_file():
        raise CliError(f"--ca-bundle: {args.ca_bundle} is not a readable file", EXIT_USAGE)
    try:
        transport.answer_limit_bytes(args.max_answer_mib, "--max-answer-mib")
    except ValueError as exc:
        raise CliError(str(exc), EXIT_USAGE) from None
    limit = None if args.max_answer_mib is None else int(args.max_answer_mib)
    profile, worker = _open(args)
    with worker:
        password = os.environ.get(PASSWORD_ENV) or _password_prompt()
        enrolment = enrol(
            profile,
            worker,
            server,
            args.user,
            password,
            ca_bundle=args.ca_bundle,
            device_name=args.device_name,
            max_answer_mib=limit,
        )
    teams = ", ".join(team["name"] for team in enrolment.teams) or "no team yet"
    print(f"Enrolled with {enrolment.server_url} as device {enrolment.device_id} ({enrolment.role}; {teams}).")
    print("Run `prossimo sync` to send and receive the caseload.")
    return EXIT_OK


def _password_prompt() -> str:
    if not sys.stdin.isatty():
        raise CliError(f"password: none given; set {PASSWORD_ENV} or run in a terminal to be asked", EXIT_USAGE)
    return getpass.getpass("Service password: ")


def _count(n: int, one: str, many: str) -> str:
    """ "1 change", "2 changes": the CLI speaks English only, so its plural is chosen here."""
    return f"{n} {one if n == 1 else many}"


def _size(count: int) -> str:
    return f"{count} B" if count < 1024 else f"{count / 1024:.1f} KB"


def cmd_sync(args: argparse.Namespace) -> int:
    profile, worker = _open(args)
    engine = SyncEngine(worker)
    try:
        report = engine.sync()
    except transport.WipeOrdered as order:
        engine.close()
        carry_out_wipe(profile, worker)
        raise CliError(
            f"{order}: the local store, its keys and any unsent changes were deleted from this computer", EXIT_WIPED
        ) from None
    except BaseException:
        if engine.last_report is not None:  # what the failed sync did carry: IT sees the link's cost
            _Output.counts = engine.last_report.as_dict()
        raise
    finally:
        engine.close()
        worker.close()
    if args.json:
        print(json.dumps(report.as_dict()))
        return EXIT_OK
    print(
        f"Pushed {report.pushed}, pulled {report.pulled}, conflicts {report.conflicts}; "
        f"{_count(report.wire.requests, 'request', 'requests')}, sent {_size(report.wire.bytes_sent)}, "
        f"received {_size(report.wire.bytes_received)}."
    )
    for seq, reason, message in report.rejections:
        print(f"  refused change #{seq} ({reason}): {message or 'no details'}; kept on this computer")
    if report.purged:
        print(f"  {report.purged} records of teams you no longer belong to were removed from this computer")
    if report.pending:
        print(
            f"  {_count(report.pending, 'change', 'changes')} made during the sync "
            f"{'waits' if report.pending == 1 else 'wait'} for the next one"
        )
    if report.clock_skew_s is not None:
        print(f"  this computer's clock is off by {report.clock_skew_s:+.0f} s: please correct it")
    return EXIT_OK


def cmd_code_make(args: argparse.Namespace) -> int:
    return code_cli.make(args, _with_store)


def cmd_conflicts_list(args: argparse.Namespace) -> int:
    def read(session: StoreSession) -> list[tuple[Any, str]]:
        rows = []
        for conflict in session.replica.open_conflicts():
            name = ""
            if conflict.entity == "contact":
                try:
                    name = session.contacts.get(conflict.record_id, include_deleted=True).display_name
                except RecordNotFound:
                    name = ""
            rows.append((conflict, name))
        return rows

    rows = _with_store(args, read)
    for conflict, name in rows:
        if args.json:
            print(conflict.model_dump_json())
            continue
        subject = f"{conflict.entity} {name or conflict.record_id}"
        print(
            f"{conflict.id}  {subject}  {conflict.field}: kept {json.dumps(conflict.kept_value, ensure_ascii=False)}"
            f", other {json.dumps(conflict.other_value, ensure_ascii=False)}"
        )
    if not rows and not args.json:
        print("No open conflicts.", file=sys.stderr)
    return EXIT_OK


def cmd_conflicts_resolve(args: argparse.Namespace) -> int:
    conflict_id = _parse_id(args.id)
    if args.value is not None:
        resolution, value = "edited", args.value
    else:
        resolution, value = ("other" if args.other else "kept"), None
    resolved = _with_store(args, lambda s: s.resolve_conflict(conflict_id, resolution, value))
    print(f"Resolved ({resolved.resolution}); it reaches the team with the next sync.")
    return EXIT_OK


def cmd_directory_export(args: argparse.Namespace) -> int:
    path = Path(args.path)
    counts = _with_store(args, lambda s: directory_files.export_directory(s, path, args.format))
    print("Wrote " + ", ".join(f"{n} {name}" for name, n in counts.items()) + f" to {path}")
    return EXIT_OK


def cmd_directory_import(args: argparse.Namespace) -> int:
    path = Path(args.path)
    report = _with_store(args, lambda s: directory_files.import_directory(s, path, args.format))
    print(
        f"Imported {report.entries} directory entries: {report.created} new, {report.updated} updated, "
        f"{report.unchanged} unchanged."
    )
    print("\n".join(report.lines()))  # per table: read, imported, updated, unchanged, skipped (and why)
    return EXIT_OK


def _day(text: str, option: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise CliError(f"{option}: must be a date as YYYY-MM-DD", EXIT_USAGE) from None


def cmd_calendar_export(args: argparse.Namespace) -> int:
    local = dt.datetime.now().astimezone().tzinfo  # the operator's days, not UTC's
    first = _day(args.start, "--from") if args.start else dt.datetime.now(local).date()
    last = _day(args.end, "--to") if args.end else first + dt.timedelta(days=27)
    if last < first:
        raise CliError("--to: must not be earlier than --from", EXIT_USAGE)
    start = dt.datetime.combine(first, dt.time(), local)
    end = dt.datetime.combine(last + dt.timedelta(days=1), dt.time(), local)
    path = Path(args.path)
    count = _with_store(
        args,
        lambda s: calendar_files.export_appointments(
            s,
            path,
            start=start,
            end=end,
            operator_id=args.operator,
            team_id=args.team,
            include_names=args.include_names,
        ),
    )
    if count == 0:
        print(f"No appointments from {first} to {last}; no file was written.")
    else:
        names = "with" if args.include_names else "without"
        print(f"Wrote {count} appointments from {first} to {last} to {path} ({names} clients' names).")
    return EXIT_OK


def cmd_calendar_import(args: argparse.Namespace) -> int:
    if args.zone is not None:
        try:
            zoneinfo.ZoneInfo(args.zone)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            raise CliError("--zone: not a time zone name like Europe/Rome", EXIT_USAGE) from None
    foreign = calendar_files.ForeignEvents(args.contact, args.place_kind) if args.contact else None
    path = Path(args.path)
    try:
        result = _with_store(
            args, lambda s: calendar_files.import_appointments(s, path, foreign=foreign, local_time_zone=args.zone)
        )
    except CalendarFileError as exc:
        raise CliError(f"{path}: nothing was imported:\n" + "\n".join(exc.problems), EXIT_USAGE) from None
    except OSError as exc:
        raise CliError(f"{path}: cannot read it ({exc.strerror})", EXIT_USAGE) from None
    print(f"{result.created} created, {result.updated} updated, {result.unchanged} unchanged.")
    for reason, text in (
        ("foreign", "from other calendar programs (choose a contact with --contact to book them)"),
        ("deleted", "whose appointment was deleted on this computer"),
        ("not_on_device", "whose appointment is not on this computer"),
    ):
        if result.skipped_for(reason):
            print(f"Skipped {result.skipped_for(reason)} events {text}.")
    return EXIT_OK


def cmd_demo(args: argparse.Namespace) -> int:
    """Make a throwaway profile full of fictional people and show what the store does; a
    folder it made itself is deleted at the end, also when interrupted or terminated."""
    if args.profile:
        return _demo(Path(args.profile), temporary=False)
    directory = Path(tempfile.mkdtemp(prefix="prossimo-demo-"))
    previous = signal.signal(signal.SIGTERM, _interrupt)  # SIGTERM unwinds like Ctrl+C: the folder goes
    try:
        return _demo(directory, temporary=True)
    finally:
        signal.signal(signal.SIGTERM, previous)
        shutil.rmtree(directory, ignore_errors=True)


def _interrupt(_signum: int, _frame: object) -> None:
    raise KeyboardInterrupt


def _demo(directory: Path, *, temporary: bool) -> int:
    passphrase = uuid.uuid4().hex  # throwaway: the demo profile holds only invented people
    profile = Profile.create(directory / "profile", passphrase, vault=NoKeyring())
    with profile.open(passphrase) as worker:

        def load(session: StoreSession) -> dict[str, int]:
            session.contacts.create_many(list(demo_data.contacts(500)))
            session.resources.create_many(list(demo_data.resources(60)))
            return {"contacts": session.contacts.count(), "resources": session.resources.count()}

        counts = worker.call(load)
        print(
            f"Demo profile: {directory / 'profile'} (fictional data, encrypted with a random key"
            + ("; deleted at the end)" if temporary else ")")
        )
        print(f"Stored {counts['contacts']} contacts and {counts['resources']} directory entries.\n")
        for query in ("lor", "lodi", "mäki", "jyvaskyla", "dormitorio"):
            # Named, not lambdas: mypy cannot type a lambda whose default binds the loop's query.
            if query == "dormitorio":

                def find_resources(s: StoreSession, q: str = query) -> list[Resource]:
                    return s.resources.search(q, limit=3)

                hits = worker.call(find_resources)
                names = [f"{r.service_name} ({r.location.municipality})" for r in hits]
            else:

                def find_contacts(s: StoreSession, q: str = query) -> list[Contact]:
                    return s.contacts.search(q, limit=3)

                contacts = worker.call(find_contacts)
                names = [f"{c.display_name} ({c.municipality})" for c in contacts]
            print(f"  search {query!r:24} -> " + ("; ".join(names) or "nothing"))
        report = worker.call(lambda s: s.check_integrity())
        print(
            f"\nIntegrity: {'ok' if report.ok else 'DAMAGED'}; outbox holds "
            f"{worker.call(lambda s: s.outbox.count())} mutations waiting for the first sync."
        )
    if temporary:
        print("The demo profile is deleted now.")
    print(
        "To try the desktop app with invented people and a demo service on this computer, run "
        "`prossimo --demo` (nothing is kept when its window closes)."
    )
    return EXIT_OK


# --- parser ------------------------------------------------------------------------------


class _Parser(CommandParser):
    program = "prossimo"

    def error(self, message: str) -> NoReturn:
        if _Output.json:
            self.exit(_fail(message, EXIT_USAGE))
        super().error(message)


def cmd_app(args: argparse.Namespace) -> int:
    """The desktop app (Qt is imported only here: the other commands run without a display)."""
    if args.self_test:
        from desktop.selftest import run_self_test

        return run_self_test()
    from desktop.app import run

    return run(_profile(args).directory, demo=args.demo)


def build_parser() -> argparse.ArgumentParser:
    # A _Parser like every parser it is a parent of: typeshed wants a subparser's parents of its class.
    common = _Parser(add_help=False)
    common.add_argument(
        "--profile",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help=f"profile folder (default: ${PROFILE_ENV}, else the per-user data folder)",
    )
    common.add_argument(
        "--passphrase-file",
        metavar="F",
        default=argparse.SUPPRESS,
        help=f"read the passphrase from this file (else ${PASSPHRASE_ENV}, else a prompt)",
    )
    parser = _Parser(
        prog="prossimo", parents=[common], description="Prossimo field kit. Without a command, opens the app."
    )
    parser.add_argument(
        "--demo",
        action="store_true",
        help="open the app with an embedded demo service and invented data (nothing is kept)",
    )
    parser.add_argument(
        "--self-test", action="store_true", help="check this installation offscreen in a throwaway folder"
    )
    parser.set_defaults(handler=cmd_app)
    commands = parser.add_subparsers(dest="command", parser_class=_Parser)

    init = commands.add_parser("init", parents=[common], help="create the profile and its encrypted store")
    init.set_defaults(handler=cmd_init)

    contacts = commands.add_parser("contacts", help="add, find and show contacts")
    contact_commands = contacts.add_subparsers(dest="contacts_command", required=True, parser_class=_Parser)
    add = contact_commands.add_parser("add", parents=[common], help="add a contact; prints its id")
    add.add_argument("--given", metavar="G")
    add.add_argument("--family", metavar="F")
    add.add_argument("--alias", metavar="A", help="alias only: a pseudonymous first contact")
    add.add_argument("--municipality", metavar="M")
    add.add_argument("--phone", metavar="P")
    add.add_argument("--email", metavar="E")
    add.add_argument("--birth-year", metavar="YYYY", type=int)
    add.add_argument("--language", metavar="LANG", help="preferred language, e.g. it, fi, en")
    add.add_argument("--tag", action="append", metavar="T", help="repeat for several tags")
    add.set_defaults(handler=cmd_contacts_add)
    find = contact_commands.add_parser("search", parents=[common], help="find contacts by name, place, phone")
    find.add_argument("query")
    find.add_argument("--json", action="store_true", help="one JSON object per line")
    find.add_argument("--limit", type=int, default=50)
    find.set_defaults(handler=cmd_contacts_search)
    show = contact_commands.add_parser("show", parents=[common], help="show one contact")
    show.add_argument("id")
    show.add_argument("--json", action="store_true", help="one JSON object on one line")
    show.set_defaults(handler=cmd_contacts_show)

    store = commands.add_parser("store", help="check and export the store")
    store_commands = store.add_subparsers(dest="store_command", required=True, parser_class=_Parser)
    check = store_commands.add_parser("check", parents=[common], help="integrity and encryption checks")
    check.set_defaults(handler=cmd_store_check)
    export = store_commands.add_parser("export", parents=[common], help="everything about one contact, as JSON")
    export.add_argument("--contact", metavar="ID", required=True)
    export.add_argument("--output", metavar="F", help="write to a new file (mode 0600) instead of stdout")
    export.add_argument("--force", action="store_true", help="replace the --output file if it exists")
    export.set_defaults(handler=cmd_store_export)

    passphrase = commands.add_parser("passphrase", help="change the passphrase")
    passphrase_commands = passphrase.add_subparsers(dest="passphrase_command", required=True, parser_class=_Parser)
    change = passphrase_commands.add_parser(
        "change",
        parents=[common],
        help=f"re-wrap the key under a new passphrase (new one from ${NEW_PASSPHRASE_ENV} or a prompt)",
    )
    change.set_defaults(handler=cmd_passphrase_change)

    enroll = commands.add_parser(
        "enroll",
        parents=[common],
        help=f"register this profile with the organisation's service (password from ${PASSWORD_ENV} or a prompt)",
    )
    enroll.add_argument("--server", metavar="URL", required=True, help="e.g. https://prossimo.example.org")
    enroll.add_argument("--user", metavar="U", required=True, help="your username on the service")
    enroll.add_argument("--ca-bundle", metavar="F", help="the organisation's CA certificates (PEM)")
    enroll.add_argument("--device-name", metavar="N", help="how IT will see this computer (default: its name)")
    enroll.add_argument(
        "--max-answer-mib",
        metavar="N",
        help="refuse a service answer larger than N MiB once unpacked (1 to 1024; default 64)",
    )
    enroll.set_defaults(handler=cmd_enroll)

    sync = commands.add_parser("sync", parents=[common], help="send local changes and receive the team's")
    sync.add_argument("--json", action="store_true", help="one JSON object with the counts")
    sync.set_defaults(handler=cmd_sync)

    code = commands.add_parser("code", help="anonymous client codes")
    code_commands = code.add_subparsers(dest="code_command", required=True, parser_class=_Parser)
    make = code_commands.add_parser(
        "make",
        parents=[common],
        help="a person's code from the recipe's answers, asked on the terminal or read from stdin (never arguments)",
    )
    make.add_argument("--json", action="store_true", help="one JSON object")
    make.add_argument("--known", metavar="FILE", help="codes already seen, one per line: also list near misses")
    make.set_defaults(handler=cmd_code_make)

    outreach_cli.add_parsers(commands, common, _with_store, _Parser)

    conflicts = commands.add_parser("conflicts", help="changes that collided with a colleague's")
    conflict_commands = conflicts.add_subparsers(dest="conflicts_command", required=True, parser_class=_Parser)
    conflict_list = conflict_commands.add_parser("list", parents=[common], help="open conflicts")
    conflict_list.add_argument("--json", action="store_true", help="one JSON object per line")
    conflict_list.set_defaults(handler=cmd_conflicts_list)
    resolve = conflict_commands.add_parser("resolve", parents=[common], help="decide one conflict")
    resolve.add_argument("id")
    choice = resolve.add_mutually_exclusive_group(required=True)
    choice.add_argument("--keep", action="store_true", help="keep the value that is stored now")
    choice.add_argument("--other", action="store_true", help="take the other value")
    choice.add_argument("--value", metavar="V", help="store this value instead (text fields)")
    resolve.set_defaults(handler=cmd_conflicts_resolve)

    update = commands.add_parser(
        "update", help="the organisation's signed app updates (TUF); never installed by itself"
    )
    update_commands = update.add_subparsers(dest="update_command", required=True, parser_class=_Parser)
    update_check = update_commands.add_parser("check", parents=[common], help="ask the service now, verified")
    update_check.add_argument("--json", action="store_true", help="one JSON object: the offer (or null)")
    update_check.set_defaults(handler=cmd_update_check)
    download = update_commands.add_parser("download", parents=[common], help="download the offered release, verified")
    download.add_argument("--to", metavar="DIR", help="folder for the file (default: Downloads/Prossimo)")
    download.add_argument("--json", action="store_true", help="one JSON object: version and path")
    download.set_defaults(handler=cmd_update_download)

    directory = commands.add_parser("directory", help="the directory of local services as HSDS files")
    directory_commands = directory.add_subparsers(dest="directory_command", required=True, parser_class=_Parser)
    for name, handler, text, guess in (
        (
            "export",
            cmd_directory_export,
            "write the directory on this computer as an HSDS package or HSDS JSON",
            "a .json name is JSON, anything else a new package folder",
        ),
        (
            "import",
            cmd_directory_import,
            "read an HSDS package or HSDS JSON file into an offline-only profile",
            "a folder with datapackage.json is tabular, a .json file is JSON",
        ),
    ):
        sub = directory_commands.add_parser(name, parents=[common], help=text)
        sub.add_argument("path", help="the package folder or the .json file")
        sub.add_argument("--format", choices=FORMATS, help=f"default: from PATH ({guess})")
        sub.set_defaults(handler=handler)

    calendar = commands.add_parser("calendar", help="appointments to and from iCalendar (.ics) files")
    calendar_commands = calendar.add_subparsers(dest="calendar_command", required=True, parser_class=_Parser)
    export_ics = calendar_commands.add_parser(
        "export", parents=[common], help="write appointments to an .ics file (no clients' names unless asked)"
    )
    export_ics.add_argument("path", help="the .ics file to write (replaced if it exists)")
    export_ics.add_argument("--from", dest="start", metavar="YYYY-MM-DD", help="first day (default: today)")
    export_ics.add_argument("--to", dest="end", metavar="YYYY-MM-DD", help="last day (default: four weeks on)")
    who = export_ics.add_mutually_exclusive_group()
    who.add_argument("--operator", type=uuid.UUID, metavar="ID", help="only this operator's appointments")
    who.add_argument("--team", type=uuid.UUID, metavar="ID", help="only this team's appointments")
    export_ics.add_argument(
        "--include-names",
        action="store_true",
        help="put clients' names and home-visit addresses in the file (off by default: "
        "calendar files get shared and synced to phones)",
    )
    export_ics.set_defaults(handler=cmd_calendar_export)
    import_ics = calendar_commands.add_parser(
        "import", parents=[common], help="read an .ics file: our own events update, all or nothing"
    )
    import_ics.add_argument("path", help="the .ics file")
    import_ics.add_argument(
        "--contact", type=uuid.UUID, metavar="ID", help="book events from other calendar programs with this contact"
    )
    import_ics.add_argument(
        "--place-kind",
        default="office",
        choices=get_args(PlaceKind),
        help="where those events take place (default: office)",
    )
    import_ics.add_argument("--zone", metavar="NAME", help="time zone for events without one, e.g. Europe/Rome")
    import_ics.set_defaults(handler=cmd_calendar_import)

    demo = commands.add_parser("demo", help="a throwaway profile with fictional data")
    demo.add_argument("--profile", metavar="DIR", help="folder for the demo (default: a new temp folder)")
    demo.set_defaults(handler=cmd_demo)
    return parser


# What a failure is called in a --json error object: by exit code for our own usage errors,
# else by the exception (NotEnrolled -> "not_enrolled").
_ERROR_NAMES = {
    EXIT_USAGE: "usage",
    EXIT_LOCKED: "locked",
    EXIT_CORRUPT: "corrupt",
    EXIT_OFFLINE: "offline",
    EXIT_WIPED: "wiped",
    EXIT_UPDATE: "update_needed",
    EXIT_DISK: "disk",
    130: "interrupted",
}


class _Output:
    """Set once per `main()`: whether the command was asked for --json, so that every outcome,
    a failure included, is JSON on stdout."""

    json = False
    counts: dict[str, object] = {}  # a failed sync's counts, shown beside the error (`cmd_sync`)


def _error_name(code: int) -> str:
    # Called inside main's `except` blocks: the exception being handled names the failure.
    exc = sys.exception()
    if exc is None or isinstance(exc, CliError | KeyboardInterrupt):
        return _ERROR_NAMES.get(code, "error")
    return re.sub(r"(?<!^)(?=[A-Z])", "_", type(exc).__name__).lower()


def _fail(message: str, code: int) -> int:
    if _Output.json:
        print(
            json.dumps(
                {**_Output.counts, "ok": False, "error": _error_name(code), "message": message, "exit_code": code},
                ensure_ascii=False,
            )
        )
    else:
        print(f"prossimo: {message}", file=sys.stderr)
    return code


def _disk_failed(args: argparse.Namespace, error: StorageFailure) -> int:
    """What a full disk cost, by command: never "damaged", since it is not."""
    if args.handler is cmd_init:
        outcome = "no profile was created; free some space and run `prossimo init` again"
    elif args.handler is cmd_passphrase_change:
        outcome = "the passphrase was not changed (the old one still opens the store); free some space and try again"
    elif args.handler is cmd_store_export and getattr(args, "output", None):
        outcome = "no export was written; nothing already saved was lost"
    else:
        outcome = "nothing already saved was lost; free some space and try again"
    return _fail(f"{error}: {outcome}", EXIT_DISK)


class _NoUpdateChannel(Exception):
    """Nothing to ask: IT switched the check off, or the build has no update channel."""


def _update_client(args: argparse.Namespace) -> tuple[Any, Any, Path]:
    """The profile's enrolment, IT's policy and the shipped root, as one TUF client (desktop.updates)."""
    from desktop import updates  # tuf is imported only by the commands that need it

    policy = updates.load_policy()
    if not policy.check:
        raise _NoUpdateChannel("update checks are switched off by IT's policy (policy.json); nothing was asked")
    root = updates.shipped_root()
    if root is None:
        raise _NoUpdateChannel("this build has no update channel (no update_root.json); nothing was asked")
    profile, worker = _open(args)
    with worker:
        enrolment = worker.call(lambda s: s.replica.enrolment())
    if enrolment is None:
        raise NotEnrolled("this profile is not enrolled with a service (`prossimo enroll`)")
    folder = updates.profile_folder(profile.directory)
    client = updates.UpdateClient(
        enrolment.server_url, folder, root=root, ca_bundle=enrolment.ca_bundle, channel=policy.channel
    )
    return updates, client, folder


def _update_outcome(args: argparse.Namespace, text: str, fields: dict[str, object]) -> int:
    print(json.dumps(fields) if args.json else text)
    return EXIT_OK


def _update_refused(failure: Exception) -> int:
    return _fail(f"update check refused: {failure}; nothing was downloaded or installed", EXIT_OFFLINE)


def cmd_update_check(args: argparse.Namespace) -> int:
    """Asks now (the app asks by itself at most daily); the answer is what the app will show."""
    try:
        updates, client, folder = _update_client(args)
    except _NoUpdateChannel as reason:
        return _update_outcome(args, str(reason), {"available": None, "skipped": str(reason)})
    state = updates.State.load(folder)
    state.last_check = dt.datetime.now(dt.UTC).isoformat()
    try:
        available = client.check()
    except updates.UpdateCheckFailed as failure:
        state.save(folder)
        return _update_refused(failure)
    finally:
        client.fetcher.close()
    state.offered = dataclasses.asdict(available) if available else None
    state.save(folder)
    current = updates.app_version()
    if available is None:
        text = f"Prossimo {current} is up to date (checked with {client.base_url})."
    else:
        text = (
            f"Update {available.version} available (verified): {available.notes or 'no notes'}\n"
            "Download it with `prossimo update download`; Prossimo never installs it by itself."
        )
    return _update_outcome(args, text, {"available": state.offered, "current": current})


def cmd_update_download(args: argparse.Namespace) -> int:
    try:
        updates, client, folder = _update_client(args)
    except _NoUpdateChannel as reason:
        raise CliError(str(reason), EXIT_USAGE) from None
    offer = updates.State.load(folder).offer()
    if offer is None:
        client.fetcher.close()
        raise CliError("no update is on offer; run `prossimo update check` first", EXIT_USAGE)
    try:
        path = client.download(offer, Path(args.to) if args.to else updates.default_download_dir())
    except updates.UpdateCheckFailed as failure:
        return _update_refused(failure)
    finally:
        client.fetcher.close()
    text = (
        f"Downloaded and verified {offer.version}: {path}\n"
        "Prossimo does not install it: close Prossimo and open that file, or ask your IT staff."
    )
    return _update_outcome(args, text, {"version": offer.version, "path": str(path)})


def _file_failed(exc: OSError) -> int:
    # The operator's own paths (an export target, a folder), named with the OS's reason.
    where = f"{exc.filename}: " if exc.filename else ""
    return _fail(f"{where}{exc.strerror or type(exc).__name__}", EXIT_USAGE)


def main(argv: Sequence[str] | None = None) -> int:
    # Warnings reach the operator on stderr, through the redaction filter.
    install_logging()
    _Output.json = "--json" in (sys.argv[1:] if argv is None else list(argv))
    _Output.counts = {}
    args = build_parser().parse_args(argv)
    _Output.json = bool(getattr(args, "json", False))
    handler: Callable[[argparse.Namespace], int] = args.handler  # every command sets one (build_parser)
    try:
        return handler(args)
    except CliError as exc:
        return _fail(str(exc), exc.code)
    except ValidationError as exc:
        return _fail("; ".join(describe_validation_error(exc)), EXIT_USAGE)
    except HsdsError as exc:
        done = "nothing was imported" if getattr(args, "directory_command", "") == "import" else "nothing was written"
        return _fail(f"{exc}\n{done}", EXIT_USAGE)
    except (RuleViolation, RecordNotFound, WeakPassphrase) as exc:
        return _fail(str(exc), EXIT_USAGE)
    except WrongPassphrase:
        return _fail("wrong passphrase; the store was not touched", EXIT_LOCKED)
    except (PassphraseRequired, StoreLocked) as exc:
        return _fail(str(exc), EXIT_LOCKED)
    except KeyFileMissing:
        return _fail("the profile has no key file (keys.json); it was not touched", EXIT_CORRUPT)
    except StorageFailure as exc:
        return _disk_failed(args, exc)
    except (StoreCorrupt, StoreTooNew, KeyFileCorrupt) as exc:
        return _fail(str(exc), EXIT_CORRUPT)
    except DatabaseError as exc:
        if is_storage_failure(exc):
            return _disk_failed(args, storage_failure(exc))
        return _fail(f"the store is damaged ({exc}); keep a copy of the profile folder", EXIT_CORRUPT)
    except KeyStoreError as exc:
        return _fail(str(exc), EXIT_LOCKED)
    except (NotEnrolled, AlreadyEnrolled, NoCodeKey) as exc:
        return _fail(str(exc), EXIT_USAGE)
    except transport.NotAuthorised as exc:
        return _fail(f"{exc}: enrol a new profile (`prossimo init`, then `prossimo enroll`)", EXIT_LOCKED)
    except (transport.LoginRefused, transport.LoginThrottled) as exc:
        return _fail(str(exc), EXIT_LOCKED)
    except ServiceDataInvalid as exc:
        return _fail(f"{exc}; ask IT to check the service", EXIT_OFFLINE)
    except transport.UpdateNeeded as exc:
        return _fail(str(exc), EXIT_UPDATE)
    except transport.TransportError as exc:
        if args.handler is cmd_enroll:  # nothing to lose yet: say what did not happen
            return _fail(f"{exc}; this computer was not enrolled", EXIT_OFFLINE)
        return _fail(f"{exc}; nothing was lost, unsent changes stay on this computer", EXIT_OFFLINE)
    except OSError as exc:
        if is_disk_failure(exc):
            return _disk_failed(args, storage_failure(exc))
        return _file_failed(exc)
    except KeyboardInterrupt:
        return _fail("interrupted; nothing half-written was kept", 130)


if __name__ == "__main__":
    sys.exit(main())
