"""The `prossimo-central` command line for IT staff.

Owns: the admin commands (init, serve, org/team/operator/device management,
directory import/export, the help desk's pages (`content`), demo, audit verify), where the database comes from
partner invitations and settings (`partner`), the services due a check (`directory stale`),
(`--db URL`, else $PROSSIMO_CENTRAL_DB, else a SQLite file in the platform data
folder), the key file `init` and `serve` open (central.keyfile), which proxies
`serve` believes about the client's address (`--forwarded-allow-ips`, none by
default) and the exit codes: 0 ok, 1 a check failed, 2 usage or validation error.
Must never take a secret as an argument (passwords come from
$PROSSIMO_NEW_PASSWORD or a prompt) and never print one. The one secret printed is a partner
invitation's one-time link, on purpose: IT hands it to the partner (no e-mail is sent).
"""

import argparse
import getpass
import inspect
import ipaddress
import json
import logging
import logging.config
import os
import sys
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from central import audit, auth, json_logs, keyfile, releases_cli, security, updates_http, workers
from central.db import DB_ENV, default_url, make_engine, session_factory, upgrade
from central.help.i18n import LANGUAGES as HELP_LANGUAGES
from central.help_desk import RETENTION_ENV as HELP_RETENTION_ENV
from central.models import Device, Membership, Operator, Organisation, StoredRecord, Team
from protocol import PROTOCOL_VERSION
from protocol.cli_support import CliError, CommandParser
from protocol.hsds import FORMATS, HsdsError

if TYPE_CHECKING:
    from central.help import content
    from central.metrics import Address, Metrics
    from central.partners import accounts

NEW_PASSWORD_ENV = "PROSSIMO_NEW_PASSWORD"  # noqa: S105 - the name of a variable, not a secret
ROLES = ("operator", "team_lead", "admin")


def _engine(args: argparse.Namespace) -> Engine:
    return make_engine(args.db or default_url())


def _session(args: argparse.Namespace) -> Session:
    return session_factory(_engine(args))()


def _org(session: Session, name: str) -> Organisation:
    org = session.execute(select(Organisation).where(Organisation.name == name)).scalar_one_or_none()
    if org is None:
        raise CliError(f"organisation: no organisation called {name!r} (see `prossimo-central org add`)")
    return org


def _team(session: Session, ref: str) -> Team:
    """A team by id, by name, or by 'Organisation/Team'."""
    query = select(Team)
    if "/" in ref:
        org_name, team_name = ref.split("/", 1)
        query = query.join(Organisation).where(Organisation.name == org_name, Team.name == team_name)
    else:
        try:
            query = query.where(Team.id == uuid.UUID(ref))
        except ValueError:
            query = query.where(Team.name == ref)
    teams = session.execute(query).scalars().all()
    if len(teams) != 1:
        problem = "no team" if not teams else "several teams"
        raise CliError(f"team: {problem} called {ref!r}; use ORGANISATION/TEAM or the team id")
    return teams[0]


def _new_password() -> str:
    password = os.environ.get(NEW_PASSWORD_ENV)
    if not password:
        if not sys.stdin.isatty():
            raise CliError(f"password: set {NEW_PASSWORD_ENV} or run in a terminal to be asked")
        password = getpass.getpass("Password for the new operator: ")
        if getpass.getpass("Repeat it: ") != password:
            raise CliError("password: the two entries differ; nothing was created")
    return password


# --- commands ----------------------------------------------------------------------------


def _open_key(args: argparse.Namespace, engine: Engine, new: bool = False) -> tuple[bytes, Path]:
    path = keyfile.resolve(args.key_file, args.db or default_url())
    try:
        return keyfile.open_key(engine, path, new=new), path
    except keyfile.KeyFileError as exc:
        raise CliError(str(exc)) from None


def _upgrade_beside_serves(args: argparse.Namespace, engine: Engine, what: str) -> None:
    """Upgrade the schema as `serve` does (central.service_lock): alone, or not at all while serve
    processes use a schema that needs it."""
    from central import service_lock

    try:
        with service_lock.serving(args.db or default_url(), lambda: upgrade(engine), lambda: _at_head(engine), what):
            pass
    except service_lock.ServiceBusy as exc:
        raise CliError(f"{exc}; nothing was changed") from None


def cmd_init(args: argparse.Namespace) -> int:
    engine = _engine(args)
    _upgrade_beside_serves(args, engine, "init")
    _, path = _open_key(args, engine, new=args.new_key)
    print(f"Schema is up to date ({engine.url.render_as_string(hide_password=True)}); key file {path}.")
    return 0


def _forwarded_allow_ips(value: str) -> str:
    """argparse type: a comma-separated list of proxy addresses or networks (no "*")."""
    items = [item.strip() for item in value.split(",") if item.strip()]
    try:
        for item in items:
            ipaddress.ip_network(item, strict=False)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{value!r}: give the TLS proxy's addresses or networks, comma-separated (e.g. 127.0.0.1 or "
            "10.0.0.0/24); never *, which would let any client choose its own address"
        ) from None
    if not items:
        raise argparse.ArgumentTypeError("give at least one proxy address")
    return ",".join(items)


def _proxy_options(args: argparse.Namespace) -> dict[str, object]:
    # uvicorn trusts X-Forwarded-For/-Proto from 127.0.0.1 unless told otherwise: by default
    # nobody's are believed, so a local process cannot pick its own address for the throttles.
    if not args.forwarded_allow_ips:
        return {"proxy_headers": False}
    return {"proxy_headers": True, "forwarded_allow_ips": args.forwarded_allow_ips}


def cmd_serve(args: argparse.Namespace) -> int:
    from central import service_lock

    if bool(args.tls_cert) != bool(args.tls_key):
        raise CliError("--tls-cert and --tls-key go together")
    metrics = _metrics(args)  # checked before the database is touched
    engine = _engine(args)
    # Held until the service stops: `restore` and `migrate` refuse to run under it.
    lock = service_lock.serving(args.db or default_url(), lambda: upgrade(engine), lambda: _at_head(engine))
    try:
        lock.__enter__()
    except service_lock.ServiceBusy as exc:
        raise CliError(str(exc)) from None
    try:
        return _serve(args, engine, metrics)
    finally:
        lock.__exit__(None, None, None)


def _at_head(engine: Engine) -> bool:
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    from central.db import alembic_config

    with engine.connect() as connection:
        current = MigrationContext.configure(connection).get_current_heads()
    return set(current) == set(ScriptDirectory.from_config(alembic_config(engine)).get_heads())


def _serve(args: argparse.Namespace, engine: Engine, metrics: "Metrics | None") -> int:
    import uvicorn

    from central.app import create_app

    key, key_path = _open_key(args, engine)
    log_config = json_logs.log_config(args.log_format)
    if args.log_format == "json":
        logging.config.dictConfig(log_config)  # now, so every line below is JSON too
        logging.captureWarnings(True)
    if not args.tls_cert and args.host not in ("127.0.0.1", "localhost", "::1"):
        _say(
            args,
            "warning: serving without TLS on a non-loopback address; "
            "put a TLS proxy in front or pass --tls-cert/--tls-key",
        )
    if metrics is not None:
        try:
            metrics.serve(args.metrics)
        except OSError as exc:
            raise CliError(f"--metrics: cannot listen on {args.metrics}: {exc.strerror}") from None
        _say(args, f"metrics on http://{args.metrics}/metrics", logging.INFO)
    if args.log_format == "json":  # uvicorn's own start-up lines are below its log level
        scheme = "https" if args.tls_cert else "http"
        _say(args, f"serving on {scheme}://{args.host}:{args.port} ({args.workers} process(es))", logging.INFO)
    options = {
        "host": args.host,
        "port": args.port,
        "ssl_certfile": args.tls_cert,
        "ssl_keyfile": args.tls_key,
        "log_level": "warning",
        "access_log": False,
        "log_config": log_config,
        # A stop must not hang on a client that never finishes (e.g. a broken TLS handshake).
        "timeout_graceful_shutdown": 10,
    }
    options.update(_proxy_options(args))
    updates_dir = _updates_dir(args.updates_dir)
    if args.workers > 1:
        # Separate processes share nothing but the database: hand them its URL.
        os.environ[DB_ENV] = args.db or default_url()
        os.environ[keyfile.KEY_ENV] = str(key_path)  # the path, never the key
        if updates_dir is not None:
            os.environ[updates_http.UPDATES_DIR_ENV] = str(updates_dir)
        if workers.available():  # a socket each, so connections spread evenly (central.workers)
            try:
                return workers.serve_processes(args.workers, options)
            except workers.PortInUse as exc:
                raise CliError(f"--host/--port: {exc.strerror}") from None
        # uvicorn kills a worker that does not answer its supervisor's ping within 5 s and starts
        # another: on a busy machine a worker still importing the app was killed in a loop and
        # the service never answered (seen here at load 6 on 2 cores). Starting is slow, not hung.
        if "timeout_worker_healthcheck" in inspect.signature(uvicorn.Config).parameters:
            options["timeout_worker_healthcheck"] = 30
        uvicorn.run("central.app:create_app_from_env", factory=True, workers=args.workers, **options)
    else:
        uvicorn.run(create_app(engine, key=key, updates_dir=updates_dir, metrics=metrics), **options)
    return 0


def _updates_dir(value: str | None) -> Path | None:
    if value is None:
        return None
    from central.releases import ReleaseError, Repository

    try:
        return Repository(Path(value)).folder.resolve()
    except ReleaseError as exc:
        raise CliError(f"--updates-dir: {exc}") from None


def _metrics(args: argparse.Namespace) -> "Metrics | None":
    if args.metrics is None:
        return None
    if args.workers > 1:
        raise CliError(
            "--metrics: needs --workers 1 (each worker process would count on its own); "
            "run one `serve` per port instead, each with its own --metrics address"
        )
    if args.metrics.port == args.port:
        raise CliError(f"--metrics: {args.metrics} uses the API's port {args.port}; choose another port")
    from central.metrics import Metrics

    return Metrics()


def parse_metrics_address(value: str) -> "Address":
    """argparse type for --metrics (central.metrics says the rule; imported only when given)."""
    from central.metrics import parse_address

    return parse_address(value)


def _say(args: argparse.Namespace, text: str, level: int = logging.WARNING) -> None:
    """A line from `serve` itself: JSON through the `central.serve` logger, or plain text as before."""
    if args.log_format == "json":
        logging.getLogger("central.serve").log(level, text)
    else:
        print(f"prossimo-central: {text}", file=sys.stderr)


def cmd_org_add(args: argparse.Namespace) -> int:
    with _session(args) as session, session.begin():
        org = Organisation(id=uuid.uuid4(), name=args.name)
        session.add(org)
        session.flush()
        audit.append(session, "organisation.add", f"organisation:{org.id}")
    print(org.id)
    return 0


def cmd_org_code_recipe(args: argparse.Namespace) -> int:
    """Show the organisation's client-code recipe, or set it (JSON from a file, or - for stdin)
    while no device has the organisation's code key yet."""
    from central import client_codes
    from protocol.client_codes import CodeError, recipe_from_json

    recipe = None
    if args.set is not None:
        try:
            text = sys.stdin.read() if args.set == "-" else Path(args.set).read_text(encoding="utf-8")
            recipe = recipe_from_json(json.loads(text))
        except OSError as exc:
            raise CliError(f"--set: cannot read {args.set} ({exc.strerror})") from None
        except (UnicodeDecodeError, json.JSONDecodeError):
            raise CliError(f"--set: {args.set} is not a JSON recipe") from None
        except CodeError as exc:
            raise CliError(f"--set: {exc}; nothing was changed") from None
    with _session(args) as session, session.begin():
        org = _org(session, args.org)
        if recipe is not None:
            try:
                client_codes.set_recipe(session, org, recipe)
            except client_codes.RecipeFixed as exc:
                raise CliError(f"{exc}; nothing was changed") from None
            audit.append(session, "organisation.code_recipe", f"organisation:{org.id}")
        current = client_codes.recipe_of(org)
        issued = client_codes.key_exists(org)
    print(json.dumps({**current.as_json(), "possible_codes": current.possible_codes(), "key_issued": issued}))
    return 0


def cmd_team_add(args: argparse.Namespace) -> int:
    with _session(args) as session, session.begin():
        org = _org(session, args.org)
        team = Team(id=uuid.uuid4(), organisation_id=org.id, name=args.name)
        session.add(team)
        session.flush()
        audit.append(session, "team.add", f"team:{team.id}", details={"organisation": str(org.id)})
    print(team.id)
    return 0


def cmd_operator_add(args: argparse.Namespace) -> int:
    password_hash = security.hash_password(_new_password())
    with _session(args) as session, session.begin():
        teams = [_team(session, ref) for ref in args.team]
        organisations = {team.organisation_id for team in teams}
        if len(organisations) != 1:
            raise CliError("--team: all teams of an operator belong to one organisation")
        operator = Operator(
            id=uuid.uuid4(),
            organisation_id=organisations.pop(),
            username=args.user,
            password_hash=password_hash,
            role=args.role,
        )
        session.add(operator)
        session.flush()
        for team in teams:
            session.add(Membership(operator_id=operator.id, team_id=team.id))
            audit.append(session, "scope.grant", f"operator:{operator.id}", details={"team": str(team.id)})
        audit.append(session, "operator.add", f"operator:{operator.id}", details={"role": args.role})
    print(operator.id)
    return 0


def cmd_operator_disable(args: argparse.Namespace) -> int:
    with _session(args) as session, session.begin():
        try:
            operator = auth.disable_operator(session, args.user)
        except LookupError as exc:
            raise CliError(f"user: {exc}") from None
        devices = session.execute(select(Device).where(Device.operator_id == operator.id)).scalars().all()
    print(f"Disabled {args.user}; their {len(devices)} device(s) will be told to wipe at their next sync.")
    return 0


def cmd_device_list(args: argparse.Namespace) -> int:
    with _session(args) as session:
        rows = session.execute(
            select(Device, Operator.username)
            .join(Operator, Operator.id == Device.operator_id)
            .order_by(Operator.username, Device.created_at)
        ).all()
        for device, username in rows:
            state = "revoked" if device.revoked_at else "active"
            seen = device.last_seen_at.strftime("%Y-%m-%d %H:%M") if device.last_seen_at else "never"
            print(f"{device.id}  {username:<20} {device.name:<24} {state:<8} last sync {seen}")
        if not rows:
            print("No devices enrolled.", file=sys.stderr)
    return 0


def cmd_device_revoke(args: argparse.Namespace) -> int:
    try:
        device_id = uuid.UUID(args.id)
    except ValueError:
        raise CliError("id: must be a device id as `device list` prints it") from None
    with _session(args) as session, session.begin():
        try:
            auth.revoke_device(session, device_id)
        except LookupError as exc:
            raise CliError(f"id: {exc}") from None
    print(f"Revoked {device_id}; it will be told to wipe its data at its next sync.")
    return 0


def cmd_directory_import(args: argparse.Namespace) -> int:
    from central import directory

    with _session(args) as session, session.begin():
        org = _org(session, args.org) if args.org else _only_org(session)
        report = directory.import_report(session, org.id, Path(args.path), args.format)
    print(
        f"Imported {report.entries} directory entries into {org.name}: {report.created} new, "
        f"{report.updated} updated, {report.unchanged} unchanged."
    )
    print("\n".join(report.lines()))
    return 0


def cmd_directory_export(args: argparse.Namespace) -> int:
    from central import directory

    with _session(args) as session:
        org = _org(session, args.org) if args.org else _only_org(session)
        counts = directory.export_package(session, org.id, Path(args.path), args.format)
    print("Wrote " + ", ".join(f"{n} {name}" for name, n in counts.items()) + f" to {args.path}")
    return 0


PUBLIC_URL_ENV = "PROSSIMO_PUBLIC_URL"  # the service's address as partners reach it


def cmd_directory_stale(args: argparse.Namespace) -> int:
    import csv

    from central import directory
    from protocol.clock import utc_now

    with _session(args) as session:
        org = _org(session, args.org) if args.org else _only_org(session)
        due = directory.due_for_check(session, org.id, utc_now().date())
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(["provider", "provider_hsds_id", "service", "municipality", "last_verified_on", "service_id"])
    for entry in due:
        r = entry.resource
        verified = r.last_verified_on.isoformat() if r.last_verified_on else ""
        writer.writerow(
            [r.organization_name, directory.provider_id(r), r.service_name, r.location.municipality, verified, r.id]
        )
    return 0


def _provider(session: Session, args: argparse.Namespace) -> "tuple[Organisation, accounts.Provider]":
    from central.partners import accounts

    org = _org(session, args.org) if args.org else _only_org(session)
    try:
        return org, accounts.find_provider(session, org.id, args.provider)
    except accounts.UnknownProvider as exc:
        raise CliError(str(exc)) from None


def cmd_partner_invite(args: argparse.Namespace) -> int:
    from central.partners import accounts
    from protocol.clock import utc_now

    base = (args.base_url or os.environ.get(PUBLIC_URL_ENV) or "https://localhost:8443").rstrip("/")
    with _session(args) as session, session.begin():
        org, provider = _provider(session, args)
        try:
            token, invitation = accounts.invite(session, org.id, provider, args.email, utc_now())
        except ValueError as exc:
            raise CliError(f"--{exc}") from None
    print(f"Invitation for {invitation.email} to keep the services of {provider.name} ({provider.services}) current.")
    print(f"Valid once, until {invitation.expires_at:%Y-%m-%d %H:%M} UTC. Give this link to the partner:")
    print(f"{base}/partner/{args.lang}/invite/{token}")
    return 0


def cmd_partner_list(args: argparse.Namespace) -> int:
    from central.partners import accounts

    with _session(args) as session:
        org = _org(session, args.org) if args.org else _only_org(session)
        for account, provider in accounts.listing(session, org.id):
            second = "TOTP" if account.totp_sealed else "password only"
            state = "disabled" if account.disabled else "active"
            print(f"{account.email}\t{provider}\t{second}\t{state}")
    return 0


def cmd_partner_disable(args: argparse.Namespace) -> int:
    from central.partners import accounts

    with _session(args) as session, session.begin():
        try:
            accounts.disable(session, args.email)
        except (LookupError, ValueError) as exc:
            raise CliError(str(exc)) from None
    print(f"{args.email.strip()} can no longer sign in; a new invitation enables the account again.")
    return 0


def cmd_partner_review(args: argparse.Namespace) -> int:
    """Partner edits held for review: list them, or approve (applied through the directory's one
    change path, so devices get it at their next sync) or reject one by its id."""
    from central.partners import review

    with _session(args) as session, session.begin():
        org = _org(session, args.org) if args.org else _only_org(session)
        if args.list:
            for item in review.waiting(session, org.id):
                change = item.change
                fields = ",".join(change.changes)
                print(f"{change.id}\t{change.created_at:%Y-%m-%d %H:%M}\t{item.provider}\t{item.service}\t{fields}")
            return 0
        try:
            change = review.decide(session, org.id, args.approve or args.reject, approve=bool(args.approve), by="cli")
        except review.ReviewProblem as exc:
            raise CliError(str(exc)) from None
    what = "approved and published: devices get it at their next sync" if args.approve else "rejected"
    print(f"Change {change.id} ({change.section}) {what}.")
    return 0


def cmd_partner_set(args: argparse.Namespace) -> int:
    from central.partners import accounts

    if args.second_factor is None and args.changes is None:
        raise CliError("give --second-factor or --changes (or both)")
    with _session(args) as session, session.begin():
        org, provider = _provider(session, args)
        found = accounts.set_setting(
            session,
            org.id,
            provider,
            totp_required=None if args.second_factor is None else args.second_factor == "required",
            hold_for_review=None if args.changes is None else args.changes == "review",
        )
    print(
        f"{provider.name}: second factor {'required' if found.totp_required else 'optional'}; "
        f"changes {'held for review' if found.hold_for_review else 'published at once'}."
    )
    return 0


def _only_org(session: Session) -> Organisation:
    orgs = session.execute(select(Organisation)).scalars().all()
    if len(orgs) != 1:
        raise CliError("--org: name the organisation (there are several, or none)")
    return orgs[0]


def cmd_demo(args: argparse.Namespace) -> int:
    from central import demo

    engine = _engine(args)
    _upgrade_beside_serves(args, engine, "demo")
    key, _ = _open_key(args, engine)  # the organisation's client-code key is sealed under it
    try:
        with session_factory(engine)() as session, session.begin():
            summary = demo.create(session, key=key)
    except ValueError as exc:
        raise CliError(str(exc)) from None
    print(json.dumps(summary, indent=2, ensure_ascii=False))
    return 0


def _page_files(paths: Sequence[str]) -> "list[content.PageFile]":
    from central.help import content

    pages = []
    for name in paths:
        try:
            text = Path(name).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise CliError(f"{name}: cannot be read as UTF-8 text ({type(exc).__name__})") from None
        try:
            pages.append(content.parse(text, name))
        except content.ContentError as exc:
            raise CliError(f"{name}: {exc}; nothing was changed") from None
    return pages


def _content_change(args: argparse.Namespace, change: "Callable[[Session], list[str]]") -> int:
    from central.help import content

    try:
        with _session(args) as session, session.begin():
            lines = change(session)
    except content.ContentError as exc:
        raise CliError(f"{exc}; nothing was changed") from None
    print("\n".join(lines))
    return 0


def cmd_content_add(args: argparse.Namespace) -> int:
    from central.help import content

    pages = _page_files(args.files)
    return _content_change(
        args,
        lambda session: [
            f"added {row.slug} ({row.language}){', published' if row.published else ''}"
            for row in (content.add(session, page, publish=args.publish) for page in pages)
        ],
    )


def cmd_content_update(args: argparse.Namespace) -> int:
    from central.help import content

    pages = _page_files(args.files)
    return _content_change(
        args,
        lambda session: [f"updated {row.slug} ({row.language})" for row in (content.update(session, p) for p in pages)],
    )


def _cmd_content_publishing(published: bool) -> Callable[[argparse.Namespace], int]:
    def command(args: argparse.Namespace) -> int:
        from central.help import content

        languages = [args.language] if args.language else list(HELP_LANGUAGES)
        word = "published" if published else "unpublished"
        return _content_change(
            args,
            lambda session: [
                f"{word} {row.slug} ({row.language})"
                for row in content.set_published(session, args.slug, languages, published)
            ],
        )

    return command


def cmd_help_purge_expired(args: argparse.Namespace) -> int:
    """Forget the reference and check-word hash of every request past its status retention.
    Expired requests are never shown anyway (status checks at each read): this is the clean-up
    IT runs daily (deploy/prossimo-help-purge.timer). The requests stay in their teams' queues."""
    from central import help_desk

    try:
        retention = help_desk.retention_from_env()
    except ValueError as exc:
        raise CliError(str(exc)) from None
    engine = _engine(args)
    try:
        removed = help_desk.purge_expired(session_factory(engine), retention=retention)
    finally:
        engine.dispose()
    print(f"{removed} expired status access(es) removed (retention {retention.days} days after a request is closed)")
    return 0


def cmd_help_counts(args: argparse.Namespace) -> int:
    """The help desk's counts, one line per day, language and event (tab-separated)."""
    import datetime as dt

    from central.help import counts

    since = None
    if args.since:
        try:
            since = dt.date.fromisoformat(args.since)
        except ValueError:
            raise CliError(f"--since: a date such as 2026-12-01 (got {args.since!r})") from None
    with _session(args) as session:
        rows = counts.by_day(session, since)
    for day, language, event, count in rows:
        print(f"{day.isoformat()}\t{language}\t{event}\t{count}")
    if not rows:
        print("no counts", file=sys.stderr)
    return 0


def cmd_content_list(args: argparse.Namespace) -> int:
    from central.help import content

    with _session(args) as session:
        rows = content.listing(session, args.language)
        for row in rows:
            state = "published" if row.published else "draft"
            print(f"{row.slug}\t{row.language}\t{row.kind}\t{state}\t{row.title}")
    if not rows:
        print("no pages", file=sys.stderr)
    return 0


def cmd_erase_contact(args: argparse.Namespace) -> int:
    from central.erasure import erase_contact, scrub_freed_space

    try:
        contact_id = uuid.UUID(args.id)
    except ValueError:
        raise CliError("id: must be a contact id (the person's record id)") from None
    engine = _engine(args)
    with session_factory(engine)() as session, session.begin():
        try:
            report = erase_contact(session, contact_id)
        except LookupError as exc:
            raise CliError(f"id: {exc}") from None
    if report.erased == 0:
        print(f"Contact {contact_id} was already erased; nothing changed.")
    else:
        print(
            f"Erased contact {contact_id}: {report.erased} record(s) reduced to their id, taken out of "
            f"{report.appointments_updated} shared appointment(s). Devices delete them at their next sync; "
            "no change can bring them back."
        )
    # After the commit (VACUUM cannot run inside a transaction); also on a repeat, to finish a
    # scrub an earlier run could not complete.
    print(scrub_freed_space(engine, rewrite=args.rewrite))
    engine.dispose()
    return 0


def cmd_audit_verify(args: argparse.Namespace) -> int:
    with _session(args) as session:
        report = audit.verify(session)
    if report.ok:
        print(f"Audit log intact: {report.entries} entries, every hash verified.")
        return 0
    for problem in report.problems:
        print(f"AUDIT: {problem}")
    print(
        f"The audit log was tampered with ({len(report.problems)} problem(s) in {report.entries} entries).",
        file=sys.stderr,
    )
    return 1


@contextmanager
def _alone(args: argparse.Namespace, what: str) -> Iterator[None]:
    """The service lock, alone (central.service_lock): refused at once while a serve holds it."""
    from central import service_lock

    lock = service_lock.exclusive(args.db or default_url(), what)
    try:
        lock.__enter__()
    except service_lock.ServiceBusy as exc:
        raise CliError(f"{exc}; nothing was changed") from None
    try:
        yield
    finally:
        lock.__exit__(None, None, None)


def cmd_migrate(args: argparse.Namespace) -> int:
    # Only the schema (Alembic upgrade head): unlike `init`, no key file is made or read.
    engine = _engine(args)
    try:
        with _alone(args, "migrate"):
            upgrade(engine)
        with engine.connect() as connection:
            revision = connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalar_one()
    finally:
        engine.dispose()
    print(f"Schema is at revision {revision} ({engine.url.render_as_string(hide_password=True)}).")
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    from central import backup

    engine = _engine(args)
    try:
        header = backup.backup(engine, Path(args.path))
    except backup.BackupError as exc:
        raise CliError(str(exc)) from None
    finally:
        engine.dispose()
    print(f"Backed up the {header.backend} database (schema {header.schema}) to {args.path}; sha256 {header.sha256}")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from central import backup, restore_state

    engine = _engine(args)
    try:
        with _alone(args, "restore"):
            header, settled = backup.restore(engine, Path(args.path))
    except backup.BackupError as exc:
        raise CliError(f"{exc}; nothing was restored") from None
    finally:
        engine.dispose()
    print(f"Restored the {header.backend} database (schema {header.schema}) from {args.path}.")
    print("\n".join(restore_state.describe(settled)))
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    with _session(args) as session:
        records = session.execute(select(StoredRecord.entity)).scalars().all()
    counts: dict[str, int] = {}
    for entity in records:
        counts[entity] = counts.get(entity, 0) + 1
    print(json.dumps(counts, indent=2, sort_keys=True))
    return 0


# --- parser --------------------------------------------------------------------------------


class _Parser(CommandParser):
    program = "prossimo-central"


def build_parser() -> argparse.ArgumentParser:
    # A _Parser like every parser it is a parent of: typeshed wants a subparser's parents of its class.
    common = _Parser(add_help=False)
    common.add_argument(
        "--db",
        metavar="URL",
        default=argparse.SUPPRESS,
        help=f"database URL (default: ${DB_ENV}, else a SQLite file in the data folder)",
    )
    parser = _Parser(
        prog="prossimo-central",
        parents=[common],
        description=f"Prossimo central service (sync protocol {PROTOCOL_VERSION}).",
    )
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    def leaf(
        group: "argparse._SubParsersAction[_Parser]",
        name: str,
        handler: Callable[[argparse.Namespace], int],
        help_text: str,
    ) -> argparse.ArgumentParser:
        sub = group.add_parser(name, parents=[common], help=help_text)
        sub.set_defaults(handler=handler)
        return sub

    key_help = (
        f"the service's key file (default: ${keyfile.KEY_ENV}, else beside a SQLite database, else in "
        "the data folder); made 0600 if missing; every API process of a deployment must read the same"
    )
    init = leaf(commands, "init", cmd_init, "create or upgrade the schema, make the key file if missing")
    init.add_argument("--key-file", metavar="F", help=key_help)
    init.add_argument(
        "--new-key",
        action="store_true",
        help="replace a lost key file with a new key (rate-limit and login counters start again)",
    )
    serve = leaf(commands, "serve", cmd_serve, "run the HTTP service")
    serve.add_argument("--key-file", metavar="F", help=key_help)
    serve.add_argument(
        "--forwarded-allow-ips",
        metavar="IPS",
        type=_forwarded_allow_ips,
        default=None,
        help="addresses or networks of the TLS proxy in front, comma-separated: only their "
        "X-Forwarded-For/-Proto are believed (default: nobody's)",
    )
    serve.add_argument(
        "--updates-dir",
        metavar="DIR",
        help="the TUF update repository (`release init`) to serve read-only under /v1/updates (default: none)",
    )
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8443)
    serve.add_argument("--tls-cert", metavar="F")
    serve.add_argument("--tls-key", metavar="F")
    serve.add_argument(
        "--workers",
        type=int,
        default=1,
        help="API processes; each runs one sync at a time (PostgreSQL: about 1-2 per core)",
    )
    serve.add_argument(
        "--log-format",
        choices=json_logs.FORMATS,
        default="text",
        help="text (default) or json: one JSON object per line, one line per request (method, route "
        "template, status, duration); never a request value",
    )
    serve.add_argument(
        "--metrics",
        metavar="ADDR:PORT",
        type=parse_metrics_address,
        default=None,
        help="serve Prometheus metrics on this separate, internal address (e.g. 127.0.0.1:9464); "
        "off by default; needs --workers 1",
    )

    org = commands.add_parser("org", help="organisations").add_subparsers(
        dest="sub", required=True, parser_class=_Parser
    )
    leaf(org, "add", cmd_org_add, "add an organisation; prints its id").add_argument("name")
    recipe = leaf(org, "code-recipe", cmd_org_code_recipe, "show or set the anonymous client codes' recipe (JSON)")
    recipe.add_argument("org")
    recipe.add_argument(
        "--set", metavar="FILE", help="the new recipe, JSON (- for stdin); refused once a device has the code key"
    )
    team = commands.add_parser("team", help="teams").add_subparsers(dest="sub", required=True, parser_class=_Parser)
    team_add = leaf(team, "add", cmd_team_add, "add a team to an organisation; prints its id")
    team_add.add_argument("org")
    team_add.add_argument("name")

    operator = commands.add_parser("operator", help="operators").add_subparsers(
        dest="sub", required=True, parser_class=_Parser
    )
    op_add = leaf(operator, "add", cmd_operator_add, f"add an operator (password from ${NEW_PASSWORD_ENV} or a prompt)")
    op_add.add_argument("--user", required=True)
    op_add.add_argument("--team", required=True, action="append", help="ORG/TEAM or team id; repeat for several")
    op_add.add_argument("--role", choices=ROLES, default="operator")
    leaf(operator, "disable", cmd_operator_disable, "disable an operator; their devices wipe").add_argument("user")

    device = commands.add_parser("device", help="enrolled devices").add_subparsers(
        dest="sub", required=True, parser_class=_Parser
    )
    leaf(device, "list", cmd_device_list, "list devices")
    leaf(device, "revoke", cmd_device_revoke, "revoke a device; it wipes at its next sync").add_argument("id")

    directory = commands.add_parser("directory", help="the directory of local services (HSDS)").add_subparsers(
        dest="sub", required=True, parser_class=_Parser
    )
    for name, handler, text, guess in (
        (
            "import",
            cmd_directory_import,
            "import an HSDS file: a tabular data package or HSDS JSON",
            "a folder with datapackage.json is tabular, a .json file is JSON",
        ),
        (
            "export",
            cmd_directory_export,
            "export the directory as an HSDS tabular data package or HSDS JSON",
            "a .json name is JSON, anything else a new package folder",
        ),
    ):
        sub = leaf(directory, name, handler, text)
        sub.add_argument("path", help="the package folder or the .json file")
        sub.add_argument("--format", choices=FORMATS, help=f"default: from PATH ({guess})")
        sub.add_argument("--org", help="organisation name (needed when there are several)")

    stale = leaf(
        directory,
        "stale",
        cmd_directory_stale,
        "services not verified for 11 months, for the office that chases partners",
    )
    stale.add_argument("--format", choices=("csv",), default="csv", help="csv (the only one yet)")
    stale.add_argument("--org", help="organisation name (needed when there are several)")

    partner = commands.add_parser("partner", help="partner organisations' accounts").add_subparsers(
        dest="sub", required=True, parser_class=_Parser
    )
    invite = leaf(partner, "invite", cmd_partner_invite, "print a one-time link (7 days) to a partner's account")
    invite.add_argument("provider", metavar="ORG", help="the provider's HSDS organization id, or its name")
    invite.add_argument("--email", required=True, help="the partner's e-mail address: their login name")
    invite.add_argument("--lang", choices=HELP_LANGUAGES, default=HELP_LANGUAGES[0], help="the link's language")
    invite.add_argument("--base-url", help=f"the service's public address (default: ${PUBLIC_URL_ENV})")
    invite.add_argument("--org", help="organisation name (needed when there are several)")
    partner_list = leaf(
        partner, "list", cmd_partner_list, "list partner accounts: e-mail, provider, second factor, state"
    )
    partner_list.add_argument("--org", help="organisation name (needed when there are several)")
    leaf(partner, "disable", cmd_partner_disable, "stop a partner account signing in").add_argument("email")
    partner_review = leaf(partner, "review", cmd_partner_review, "partner edits held for review")
    decision = partner_review.add_mutually_exclusive_group(required=True)
    decision.add_argument("--list", action="store_true", help="list the edits waiting, oldest first")
    decision.add_argument("--approve", metavar="ID", help="publish one (its id from --list)")
    decision.add_argument("--reject", metavar="ID", help="drop one (its id from --list)")
    partner_review.add_argument("--org", help="organisation name (needed when there are several)")
    partner_set = leaf(partner, "set", cmd_partner_set, "a provider's settings")
    partner_set.add_argument("provider", metavar="ORG", help="the provider's HSDS organization id, or its name")
    partner_set.add_argument("--second-factor", choices=("required", "optional"))
    partner_set.add_argument("--changes", choices=("publish", "review"), help="published at once, or held for review")
    partner_set.add_argument("--org", help="organisation name (needed when there are several)")

    content_cmd = commands.add_parser(
        "content", help="the help desk's information pages and testimonies (Markdown files with front matter)"
    ).add_subparsers(dest="sub", required=True, parser_class=_Parser)
    for name, handler, text in (
        ("add", cmd_content_add, "add pages from Markdown files (all or none)"),
        ("update", cmd_content_update, "replace pages (same slug and language) from Markdown files (all or none)"),
    ):
        files = leaf(content_cmd, name, handler, text)
        files.add_argument(
            "files",
            nargs="+",
            metavar="FILE",
            help="a '---' front matter block (slug, language, title, kind: info|testimony, summary), then Markdown",
        )
        if name == "add":
            files.add_argument("--publish", action="store_true", help="publish them at once (default: drafts)")
    for name, published in (("publish", True), ("unpublish", False)):
        switch = leaf(content_cmd, name, _cmd_content_publishing(published), f"{name} a page on the help desk")
        switch.add_argument("slug")
        switch.add_argument("--language", choices=HELP_LANGUAGES, help="only this language (default: every one)")
    leaf(content_cmd, "list", cmd_content_list, "list pages: slug, language, kind, state, title").add_argument(
        "--language", choices=HELP_LANGUAGES
    )
    help_cmd = commands.add_parser("help", help="the public help desk's bookings and status page").add_subparsers(
        dest="sub", required=True, parser_class=_Parser
    )
    leaf(
        help_cmd,
        "purge-expired",
        cmd_help_purge_expired,
        f"forget the status page's way in to requests past their retention (${HELP_RETENTION_ENV}, "
        "default 90 days after closing); run daily",
    )
    leaf(
        help_cmd,
        "counts",
        cmd_help_counts,
        "visits per page kind, forms started and completed, bookings: per day and language (no one's data)",
    ).add_argument("--since", metavar="DATE", help="from this day (YYYY-MM-DD, UTC) on")
    demo_cmd = leaf(
        commands, "demo", cmd_demo, "create a demo organisation, teams, operators, directory, caseload and outreach"
    )
    demo_cmd.add_argument("--key-file", metavar="F", help=key_help)
    audit_cmd = commands.add_parser("audit", help="the audit log").add_subparsers(
        dest="sub", required=True, parser_class=_Parser
    )
    leaf(audit_cmd, "verify", cmd_audit_verify, "check every hash of the audit log")
    leaf(commands, "migrate", cmd_migrate, "upgrade the schema to the newest migration (Alembic upgrade head)")
    leaf(commands, "backup", cmd_backup, "write the whole database to one checked file (0600)").add_argument("path")
    leaf(commands, "restore", cmd_restore, "replace the database with a backup file's (checked first)").add_argument(
        "path"
    )
    leaf(commands, "stats", cmd_stats, "count stored records by kind")
    releases_cli.add_commands(commands, _Parser)
    erase = commands.add_parser("erase", help="right to erasure (GDPR)").add_subparsers(
        dest="sub", required=True, parser_class=_Parser
    )
    erase_contact = leaf(
        erase, "contact", cmd_erase_contact, "erase a person and everything about them, on the service and every device"
    )
    erase_contact.add_argument("id")
    erase_contact.add_argument(
        "--rewrite",
        action="store_true",
        help="PostgreSQL: also rewrite the record table (VACUUM FULL) so the old row "
        "versions leave its files; syncs wait while it runs",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if not hasattr(args, "db"):
        args.db = None
    handler: Callable[[argparse.Namespace], int] = args.handler  # set by every command (see build_parser's leaf)
    try:
        return handler(args)
    except CliError as exc:
        print(f"prossimo-central: {exc}", file=sys.stderr)
        return exc.code
    except security.WeakPassword as exc:
        print(f"prossimo-central: {exc}", file=sys.stderr)
        return 2
    except IntegrityError:
        print("prossimo-central: that name is already taken; nothing was changed", file=sys.stderr)
        return 2
    except HsdsError as exc:
        what = "nothing was imported" if getattr(args, "sub", "") == "import" else "nothing was written"
        print(f"prossimo-central: {exc}\n{what}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
