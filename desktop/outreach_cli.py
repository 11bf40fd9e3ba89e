"""`prossimo shift ...`, `prossimo stock ...`, `prossimo supply add` and `prossimo spot ...` (issue 18,
parts 6 and 7).

Owns: reading these commands' arguments (quantities whole and non-negative, each error naming
its field), choosing the team (the device's only team, or `--team`), and printing text or one
JSON object. The work is desktop.store.outreach_queries' and the counting protocol.outreach's.
Must never run SQL itself and never print a personal value beyond what the operator typed.
"""

import argparse
import datetime as dt
import json
import sys
import uuid
from collections.abc import Callable
from typing import Any

from desktop.store import outreach_queries as oq
from desktop.store.errors import RuleViolation
from desktop.store.session import StoreSession
from protocol.cli_support import EXIT_USAGE, CliError
from protocol.client_codes import CodeError, parse_code
from protocol.clock import utc_now
from protocol.entities import AGE_BANDS, MAX_QUANTITY, ShiftKind
from protocol.outreach import StockLine

WithStore = Callable[[argparse.Namespace, Callable[[StoreSession], Any]], Any]
KINDS = ("street", "mobile_unit", "drop_in", "event")
GENDERS = ("not_asked", "woman", "man", "other")


def quantity(text: str, field: str) -> int:
    """A whole, non-negative number of units, or an error naming `field` and the rule."""
    value = text.strip()
    if not value.isascii() or not value.isdigit():
        raise CliError(f"{field}: must be a whole number of 0 or more", EXIT_USAGE)
    number = int(value)
    if number > MAX_QUANTITY:
        raise CliError(f"{field}: must be at most {MAX_QUANTITY}", EXIT_USAGE)
    return number


def _team(session: StoreSession, wanted: str | None) -> uuid.UUID:
    enrolment = session.replica.enrolment()
    if enrolment is None:
        raise RuleViolation("team: this profile is not enrolled; run `prossimo enroll` first")
    teams = enrolment.teams
    if wanted is not None:
        for team in teams:
            if wanted in (team["id"], team["name"]):
                return uuid.UUID(team["id"])
        raise RuleViolation("team: not one of this operator's teams")
    if len(teams) != 1:
        raise RuleViolation("team: you are in several teams; say which with --team")
    return uuid.UUID(teams[0]["id"])


def _shift_id(session: StoreSession, given: str | None) -> uuid.UUID:
    if given is not None:
        try:
            return uuid.UUID(given)
        except ValueError:
            raise RuleViolation("shift: must be a shift id") from None
    shift = oq.open_shift(session)
    if shift is None:
        raise RuleViolation("shift: you have no shift running; start one with `prossimo shift start --area A`")
    return shift.id


def _out(args: argparse.Namespace, data: dict[str, Any], text: str) -> int:
    print(json.dumps({"ok": True, **data}, ensure_ascii=False) if args.json else text)
    return 0


def shift_start(args: argparse.Namespace, with_store: WithStore) -> int:
    kind: ShiftKind = args.kind

    def work(session: StoreSession) -> Any:
        colleagues = [uuid.UUID(c) for c in args.colleague or []]
        return oq.start_shift(session, _team(session, args.team), args.area, kind, colleagues)

    for text in args.colleague or []:
        try:
            uuid.UUID(text)
        except ValueError:
            raise CliError("member_ids: --with takes an operator id", EXIT_USAGE) from None
    shift = with_store(args, work)
    return _out(args, {"shift": shift.model_dump(mode="json")}, str(shift.id))


def _given(pairs: list[str]) -> list[tuple[str, int]]:
    lines = []
    for pair in pairs:
        item, sep, count = pair.rpartition("=")
        if not sep or not item.strip():
            raise CliError("given: write each as ITEM=N (an item's name or id, and how many)", EXIT_USAGE)
        lines.append((item.strip(), quantity(count, f"given.{item.strip()}")))
    return lines


def shift_encounter(args: argparse.Namespace, with_store: WithStore) -> int:
    given = _given(args.given or [])
    fields: dict[str, Any] = {"people": quantity(args.people, "people") if args.people else 1}
    if args.sharps:
        fields["sharps_returned"] = quantity(args.sharps, "sharps_returned")
    if args.new is not None:
        fields["new_person"] = args.new
    if args.code is not None:
        try:
            parse_code(args.code)
        except CodeError as exc:
            raise CliError(f"client_code: {exc.rule}", EXIT_USAGE) from None
    optional = {
        "municipality": args.municipality,
        "client_code": args.code,
        "age_band": args.age_band,
        "gender": args.gender,
        "note": args.note,
        "topics": args.topic,
    }
    fields.update({name: value for name, value in optional.items() if value is not None})

    def work(session: StoreSession) -> Any:
        shift_id = _shift_id(session, args.shift)
        lines = [{"item_id": oq.find_item(session, item).id, "quantity": n} for item, n in given]
        team = session.shifts.get(shift_id).team_id
        where = {"spot_id": oq.find_spot(session, team, args.spot).id} if args.spot else {}
        # Asked before the write: whether this person's code was met before by the team.
        seen = bool(args.code) and bool(oq.known_codes(session, team)([parse_code(args.code)]))
        return oq.record_encounter(session, shift_id, **fields, **where, given=lines), seen

    recorded, seen = with_store(args, work)
    warn = ", ".join(recorded.discrepancies)
    if warn and not args.json:
        print(f"Recorded; stock discrepancy (more given than held) for: {warn}", file=sys.stderr)
    data = {
        "encounter": recorded.encounter.model_dump(mode="json"),
        "discrepancies": recorded.discrepancies,
        "code_seen_before": seen,
    }
    return _out(args, data, str(recorded.encounter.id))


def _summary_text(summary: dict[str, Any]) -> str:
    out = ", ".join(f"{item} {n}" for item, n in summary["supplies_out"].items()) or "none"
    return (
        f"Encounters {summary['encounters']}, people {summary['people']} ({summary['new_people']} new), "
        f"supplies out: {out}, sharps in {summary['sharps_in']}, referrals {summary['referrals']}"
        + (f"\nNotes: {summary['notes']}" if summary["notes"] else "")
    )


def shift_end(args: argparse.Namespace, with_store: WithStore) -> int:
    def work(session: StoreSession) -> Any:
        shift = oq.end_shift(session, _shift_id(session, args.shift))
        return shift, oq.shift_summary(session, shift.id).as_json()

    shift, summary = with_store(args, work)
    return _out(args, {"shift": shift.model_dump(mode="json"), "summary": summary}, _summary_text(summary))


def shift_show(args: argparse.Namespace, with_store: WithStore) -> int:
    def work(session: StoreSession) -> Any:
        shift_id = _shift_id(session, args.id)
        return session.shifts.get(shift_id), oq.shift_summary(session, shift_id).as_json()

    shift, summary = with_store(args, work)
    return _out(args, {"shift": shift.model_dump(mode="json"), "summary": summary}, _summary_text(summary))


def _stock_lines(session: StoreSession, team: str | None, low_only: bool) -> list[tuple[StockLine, str]]:
    team_id = _team(session, team)
    names = {str(i.id): i.name_en for i in session.supply_items.page(limit=10_000).records}
    lines = oq.low_stock(session, team_id) if low_only else list(oq.stock(session, team_id).values())
    return [(line, names.get(line.item_id, line.item_id)) for line in lines]


def stock_show(args: argparse.Namespace, with_store: WithStore) -> int:
    lines = with_store(args, lambda s: _stock_lines(s, args.team, args.low))
    if args.json:
        return _out(args, {"stock": [{**line.as_json(), "name": name} for line, name in lines]}, "")
    for line, name in lines:
        flags = " ".join(f for f, on in (("LOW", line.low), ("DISCREPANCY", line.discrepancy)) if on)
        print(f"{line.item_id}  {name}  {line.on_hand}" + (f"  {flags}" if flags else ""))
    if not lines:
        print("No supply items yet.", file=sys.stderr)
    return 0


def stock_receive(args: argparse.Namespace, with_store: WithStore) -> int:
    count = quantity(args.quantity, "quantity")

    def work(session: StoreSession) -> Any:
        item = oq.find_item(session, args.item)
        return oq.add_movement(session, _team(session, args.team), item.id, "received", quantity=count)

    movement = with_store(args, work)
    return _out(args, {"movement": movement.model_dump(mode="json")}, str(movement.id))


def supply_add(args: argparse.Namespace, with_store: WithStore) -> int:
    fields: dict[str, Any] = {
        "name_it": args.it,
        "name_en": args.en,
        "name_fi": args.fi,
        "unit": args.unit,
        "kind": args.kind,
    }
    if args.low is not None:
        fields["low_stock_at"] = quantity(args.low, "low_stock_at")
    if args.grams_per_unit is not None:
        try:
            fields["grams_per_unit"] = float(args.grams_per_unit)
        except ValueError:
            raise CliError("grams_per_unit: must be a number of grams", EXIT_USAGE) from None
    item = with_store(args, lambda s: s.supply_items.create(**fields))
    return _out(args, {"item": item.model_dump(mode="json")}, str(item.id))


def _degrees(text: str, field: str) -> float:
    try:
        return float(text.replace(",", "."))
    except ValueError:
        raise CliError(f"{field}: must be a number of degrees, such as 45.3089", EXIT_USAGE) from None


def spot_add(args: argparse.Namespace, with_store: WithStore) -> int:
    latitude, longitude = _degrees(args.lat, "latitude"), _degrees(args.lon, "longitude")
    spot = with_store(
        args, lambda s: oq.add_spot(s, _team(s, args.team), args.name, latitude, longitude, args.municipality)
    )
    return _out(args, {"spot": spot.model_dump(mode="json")}, str(spot.id))


def spot_list(args: argparse.Namespace, with_store: WithStore) -> int:
    spots = with_store(args, lambda s: oq.spots(s, _team(s, args.team)))
    if args.json:
        return _out(args, {"spots": [spot.model_dump(mode="json") for spot in spots]}, "")
    for spot in spots:
        print(f"{spot.id}  {spot.name}  {spot.latitude:.5f} {spot.longitude:.5f}  {spot.municipality or ''}".rstrip())
    return 0


def shift_places(args: argparse.Namespace, with_store: WithStore) -> int:
    days = quantity(args.days, "days")
    until = utc_now()
    counts = with_store(args, lambda s: oq.place_counts(s, _team(s, args.team), until - dt.timedelta(days=days), until))
    rows = [
        {
            "place": c.place.name,
            "key": c.place.key,
            "latitude": c.place.latitude,
            "longitude": c.place.longitude,
            "encounters": c.encounters,
            "people": c.people,
        }
        for c in counts.places
    ]
    if args.json:
        return _out(args, {"days": days, "places": rows, "unplaced": counts.unplaced}, "")
    for row in rows:
        print(f"{row['encounters']:>6}  {row['people']:>6}  {row['place']}")
    print(f"{counts.unplaced:>6}  encounters with no place to draw")
    return 0


def add_parsers(commands: Any, common: argparse.ArgumentParser, with_store: WithStore, parser_class: Any) -> None:
    """The `shift`, `stock`, `supply` and `spot` commands on `prossimo`'s parser."""

    def handler(run: Callable[[argparse.Namespace, WithStore], int]) -> Callable[[argparse.Namespace], int]:
        return lambda args: run(args, with_store)

    def leaf(group: Any, name: str, text: str, run: Callable[[argparse.Namespace, WithStore], int]) -> Any:
        sub = group.add_parser(name, parents=[common], help=text)
        sub.add_argument("--json", action="store_true", help="one JSON object")
        sub.set_defaults(handler=handler(run))
        return sub

    shift = commands.add_parser("shift", help="street outreach shifts and their encounters")
    shifts = shift.add_subparsers(dest="shift_command", required=True, parser_class=parser_class)
    start = leaf(shifts, "start", "start a shift; prints its id", shift_start)
    start.add_argument("--area", required=True, help="a municipality of the gazetteer, or a route's name")
    start.add_argument("--kind", choices=KINDS, default="street")
    start.add_argument("--team", help="team id or name (default: your only team)")
    start.add_argument("--with", dest="colleague", action="append", metavar="OPERATOR_ID", help="a colleague on it")
    meet = leaf(shifts, "encounter", "record an encounter on your running shift; prints its id", shift_encounter)
    meet.add_argument("--shift", metavar="ID", help="default: your running shift")
    meet.add_argument("--given", action="append", metavar="ITEM=N", help="an item given (name or id) and how many")
    meet.add_argument("--code", help="the person's anonymous client code")
    meet.add_argument("--age-band", choices=AGE_BANDS)
    meet.add_argument("--gender", choices=GENDERS)
    new = meet.add_mutually_exclusive_group()
    new.add_argument("--new", dest="new", action="store_const", const=True, help="someone met for the first time")
    new.add_argument("--known", dest="new", action="store_const", const=False, help="someone met before")
    meet.add_argument("--people", metavar="N", help="how many people (a group encounter; default 1)")
    meet.add_argument("--sharps", metavar="N", help="used sharps handed back")
    meet.add_argument("--topic", action="append", help="a topic talked about")
    meet.add_argument("--note", help="a short note")
    where = meet.add_mutually_exclusive_group()
    where.add_argument("--spot", metavar="SPOT", help="where: one of the team's spots (name or id)")
    where.add_argument("--municipality", help="where: a municipality (default: the shift's area)")
    end = leaf(shifts, "end", "end your running shift and show its summary", shift_end)
    end.add_argument("--shift", metavar="ID", help="default: your running shift")
    show = leaf(shifts, "show", "one shift's summary", shift_show)
    show.add_argument("id", metavar="ID")
    places = leaf(shifts, "places", "the team's encounters per place over the last days (the map's heat)", shift_places)
    places.add_argument("--days", default="30", metavar="N", help="how many days back (default 30)")
    places.add_argument("--team", help="team id or name (default: your only team)")

    stock = commands.add_parser("stock", help="the team's supplies: derived stock and the ledger")
    stocks = stock.add_subparsers(dest="stock_command", required=True, parser_class=parser_class)
    stock_view = leaf(stocks, "show", "the team's current stock of each item", stock_show)
    stock_view.add_argument("--team", help="team id or name (default: your only team)")
    stock_view.add_argument("--low", action="store_true", help="only items at or below their low-stock threshold")
    receive = leaf(stocks, "receive", "record supplies received; prints the movement's id", stock_receive)
    receive.add_argument("item", metavar="ITEM", help="the item's name (it, en or fi) or id")
    receive.add_argument("quantity", metavar="N")
    receive.add_argument("--team", help="team id or name (default: your only team)")

    supply = commands.add_parser("supply", help="the organisation's supply items")
    supplies = supply.add_subparsers(dest="supply_command", required=True, parser_class=parser_class)
    add = leaf(supplies, "add", "define a supply item (team leads and administrators); prints its id", supply_add)
    add.add_argument("--it", required=True, help="name in Italian")
    add.add_argument("--en", required=True, help="name in English")
    add.add_argument("--fi", required=True, help="name in Finnish")
    add.add_argument("--unit", required=True, help="e.g. piece, kit, pack")
    add.add_argument("--kind", required=True, choices=("harm_reduction", "hygiene", "food", "information"))
    add.add_argument("--low", metavar="N", help="low-stock threshold")
    add.add_argument("--grams-per-unit", metavar="G", help="for items returned weighed (sharps)")

    spot = commands.add_parser("spot", help="the team's named spots (where encounters happen)")
    spot_commands = spot.add_subparsers(dest="spot_command", required=True, parser_class=parser_class)
    spot_new = leaf(spot_commands, "add", "name a spot of the team, with its coordinates; prints its id", spot_add)
    spot_new.add_argument("name", metavar="NAME", help='e.g. "Stazione FS Lodi"')
    spot_new.add_argument("--lat", required=True, metavar="DEGREES", help="latitude (WGS84), e.g. 45.3089")
    spot_new.add_argument("--lon", required=True, metavar="DEGREES", help="longitude (WGS84), e.g. 9.5009")
    spot_new.add_argument("--municipality", help="the municipality it lies in")
    spot_new.add_argument("--team", help="team id or name (default: your only team)")
    spot_all = leaf(spot_commands, "list", "the team's spots", spot_list)
    spot_all.add_argument("--team", help="team id or name (default: your only team)")
