"""Deterministic, fictional street outreach for the demo team (issue 18, part 8): a month of shifts
in the Lodi area.

Owns: `month`, which makes the demo team's supply items, named spots (such as "Stazione FS Lodi",
with the place's coordinates), shifts, encounters and stock-ledger movements for the `days` days
before a date, as plain field dictionaries tagged with their entity and id, in the order a
service must receive them (an encounter after its shift and spot). The same seed gives the same
fields; ids come from the caller's `new_id` (UUIDv7 stamps the time, so a seeded one is the
caller's choice: the tests pass one).

What it looks like (the figures come from the seed, see `MonthShape`):
- Street rounds on Tuesday, Thursday and Saturday evenings in Lodi, around the station, the bus
  station and the river park; the mobile unit on Wednesdays in Codogno or Casalpusterlengo; the
  drop-in on Monday afternoons in Lodi; one evening event in Sant'Angelo Lodigiano.
- Most encounters are anonymous with no code; about a quarter carry the anonymous code of one of a
  few dozen invented regulars, a handful of whom come nearly every time (counted once however often
  met); some encounters are groups of 2 to 5 people.
- Syringes, sterile water, swabs, condoms, foil, naloxone, leaflets, food and blankets go out;
  used sharps come back counted in encounters, and weighed in a bin at the drop-in.
- The ledger: deliveries on the first day and every fortnight, a move of leaflets to the other
  team (two entries, one per team), naloxone expired, food discarded, one count corrected; naloxone ends the month low.
Codes are made by protocol.client_codes from invented inputs (the default recipe) with the key the
caller gives: the organisation's, so a device typing the same invented inputs gets the same code.

Must never contain real people's data or a precise trace of anyone (a spot is a public place the
team names; an encounter names a spot or a municipality), never import anything but the
standard library and `protocol`, and never store anything itself.
"""

import datetime as dt
import random
import uuid
import zoneinfo
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from protocol.client_codes import DEFAULT_RECIPE, make_code
from protocol.ids import new_id as fresh_id

ROME = zoneinfo.ZoneInfo("Europe/Rome")

# name_it, name_en, name_fi, unit, kind, low_stock_at, grams_per_unit
SUPPLY_ITEMS: tuple[tuple[str, str, str, str, str, int | None, float | None], ...] = (
    (
        "Siringhe da insulina 1 ml",
        "Insulin syringes 1 ml",
        "Insuliiniruiskut 1 ml",
        "pezzo",
        "harm_reduction",
        300,
        2.5,
    ),
    ("Fiale di acqua sterile", "Sterile water vials", "Steriilit vesiampullit", "fiala", "harm_reduction", 200, None),
    ("Tamponi alcolici", "Alcohol swabs", "Alkoholipyyhkeet", "pezzo", "hygiene", 200, None),
    ("Preservativi", "Condoms", "Kondomit", "pezzo", "harm_reduction", 100, None),
    ("Stagnola", "Foil sheets", "Foliot", "foglio", "harm_reduction", 50, None),
    ("Naloxone spray nasale", "Naloxone nasal spray", "Naloksoni-nenäsumute", "kit", "harm_reduction", 10, None),
    ("Volantini servizi", "Service leaflets", "Palveluesitteet", "volantino", "information", 50, None),
    ("Panini", "Sandwiches", "Voileivät", "pezzo", "food", None, None),
    ("Coperte termiche", "Thermal blankets", "Lämpöhuovat", "pezzo", "hygiene", 10, None),
)
SYRINGES, WATER, SWABS, CONDOMS, FOIL, NALOXONE, LEAFLETS, FOOD, BLANKETS = range(len(SUPPLY_ITEMS))

# Named spots: public places the team works at, with the place's coordinates (WGS84).
SPOTS: tuple[tuple[str, float, float, str], ...] = (
    ("Stazione FS Lodi", 45.3089, 9.5009, "Lodi"),
    ("Autostazione Lodi", 45.3079, 9.4985, "Lodi"),
    ("Parco dell'Isola Carolina", 45.3137, 9.4958, "Lodi"),
    ("Stazione di Codogno", 45.1589, 9.7019, "Codogno"),
    ("Piazzale stazione Casalpusterlengo", 45.1747, 9.6528, "Casalpusterlengo"),
)
STATION, BUS_STATION, RIVER_PARK, CODOGNO_STATION, CASALE_STATION = range(len(SPOTS))

TOPICS = ("health", "housing", "food", "documents", "work", "substances", "legal", "harm-reduction")
NOTES = (
    "Chiede del dormitorio per stanotte.",
    "Tosse da giorni: consigliato il medico.",
    "Ha perso i documenti, torna giovedì.",
    "Vuole informazioni sul SerD.",
    "Gruppo nuovo arrivato da Milano.",
    "Rifiuta il naloxone, ne ha già uno.",
    "Chiede una coperta in più.",
)
GENDER_LETTER = {"woman": "F", "man": "M", "other": "X"}
REGULARS = 40  # invented people who give their code inputs
MOTHER_NAMES = ("Maria", "Anna", "Rosa", "Giuseppina", "Fatima", "Elena", "Ioana", "Olena", "Aino", "Grace", "Lucia")


@dataclass(frozen=True)
class DemoRecord:
    entity: str
    id: uuid.UUID
    fields: dict[str, Any]
    team: int = 0  # 0: the demo team; 1: the other team (the far side of a move)
    other_team: int | None = None  # a move's other side: the caller writes its other_team_id


@dataclass
class MonthShape:
    """What `month` made, for the demo's summary and the tests' expectations."""

    shifts: int = 0
    encounters: int = 0
    people: int = 0
    codes: set[str] = field(default_factory=set)
    group_encounters: int = 0


@dataclass(frozen=True)
class Regular:
    """An invented person who gives the worker their code inputs; `weight`: how often they come."""

    answers: dict[str, object]
    gender: str
    age_band: str
    weight: float


def regulars(rng: random.Random, count: int, this_year: int) -> list[Regular]:
    """`count` invented regulars; `month` draws them first from its seeded generator, so
    `regulars(random.Random(seed), 40, end.year)` are that month's (a test types their inputs)."""
    people = []
    for rank in range(count):
        gender = rng.choices(("man", "woman", "other"), (70, 26, 4))[0]
        year = rng.randint(this_year - 64, this_year - 19)
        answers = {
            "mother_first_name": rng.choice(MOTHER_NAMES),
            "birth_day": rng.randint(1, 28),
            "birth_year": year,
            "gender": GENDER_LETTER[gender],
        }
        age = this_year - year
        band = next(
            b for top, b in ((24, "18_24"), (34, "25_34"), (44, "35_44"), (54, "45_54"), (64, "55_64")) if age <= top
        )
        # Zipf-like: the first few come nearly every shift, most only now and then.
        people.append(Regular(answers, gender, band, 1.0 / (rank + 1)))
    return people


# weekday (Monday 0) -> kind of shift, local start hour, hours
_ROUNDS: dict[int, tuple[str, float, float]] = {
    0: ("drop_in", 15.0, 3.0),
    1: ("street", 20.0, 3.5),
    2: ("mobile_unit", 19.0, 3.0),
    3: ("street", 20.0, 3.5),
    5: ("street", 21.0, 3.0),
}


def month(
    end: dt.date,
    member_ids: Sequence[uuid.UUID],
    code_key: bytes,
    referral_ids: Sequence[uuid.UUID] = (),
    days: int = 30,
    seed: int = 50,
    new_id: Callable[[], uuid.UUID] = fresh_id,
    scale: float = 1.0,
) -> tuple[list[DemoRecord], MonthShape]:
    """The demo team's outreach over the `days` days before `end` (a local date in Rome), its
    shifts' members drawn from `member_ids` (two a shift), referrals to `referral_ids` (directory
    services). Records carry no team_id: the caller places each by its `team`. `scale` multiplies
    the encounters of each shift (bench/outreach_bench.py's busy year: about 50,000 in 365 days)."""
    rng = random.Random(seed)
    shape = MonthShape()
    out: list[DemoRecord] = []

    def add(entity: str, fields: dict[str, Any], team: int = 0, other_team: int | None = None) -> uuid.UUID:
        record_id = new_id()
        out.append(DemoRecord(entity, record_id, fields, team, other_team))
        return record_id

    items = [
        add(
            "supply_item",
            {
                "name_it": it,
                "name_en": en,
                "name_fi": fi,
                "unit": unit,
                "kind": kind,
                **({"low_stock_at": low} if low is not None else {}),
                **({"grams_per_unit": grams} if grams is not None else {}),
            },
        )
        for it, en, fi, unit, kind, low, grams in SUPPLY_ITEMS
    ]
    spots = [
        add("spot", {"name": name, "latitude": lat, "longitude": lon, "municipality": town})
        for name, lat, lon, town in SPOTS
    ]
    first = end - dt.timedelta(days=days)

    def local(day: dt.date, hour: float) -> dt.datetime:
        start = dt.datetime.combine(day, dt.time(0), tzinfo=ROME) + dt.timedelta(hours=hour)
        return start.astimezone(dt.UTC)

    def movement(item: int, kind: str, at: dt.datetime, team: int = 0, other: int | None = None, **extra: Any) -> None:
        add("stock_movement", {"item_id": items[item], "kind": kind, "at": at, **extra}, team, other)

    # Opening stock, delivered the morning of the first day; a second delivery mid-month.
    delivery = {SYRINGES: 1500, WATER: 1200, SWABS: 1500, CONDOMS: 800, FOIL: 200, NALOXONE: 20}
    delivery |= {LEAFLETS: 300, FOOD: 300, BLANKETS: 30}
    fortnightly = {SYRINGES: 1000, WATER: 800, SWABS: 800, CONDOMS: 600, FOIL: 200, NALOXONE: 10}
    fortnightly |= {LEAFLETS: 100, FOOD: 200, BLANKETS: 30}
    for item, quantity in delivery.items():
        movement(item, "received", local(first, 9), quantity=round(quantity * scale), note="Consegna ASST Lodi")
    people = regulars(rng, REGULARS, end.year)
    seen: set[str] = set()
    codes = [make_code(code_key, DEFAULT_RECIPE, person.answers) for person in people]
    middle = first + dt.timedelta(days=days // 2)
    event_day = middle + dt.timedelta(days=(4 - middle.weekday()) % 7)  # a Friday: no round that day
    for offset in range(days):
        day = first + dt.timedelta(days=offset)
        if offset and offset % 15 == 0:  # a delivery every fortnight
            for item, quantity in fortnightly.items():
                movement(item, "received", local(day, 9), quantity=round(quantity * scale), note="Consegna ASST Lodi")
        if day == event_day:
            kind, hour, hours = "event", 19.0, 4.0
        elif day.weekday() in _ROUNDS:
            kind, hour, hours = _ROUNDS[day.weekday()]
        else:
            continue
        starts, ends = local(day, hour), local(day, hour + hours)
        area: dict[str, Any]
        places: list[tuple[dict[str, Any], float]]
        if kind == "street":
            area = {"municipalities": ["Lodi"], "route_name": "Giro stazione e centro"}
            places = [
                ({"spot_id": spots[STATION]}, 50),
                ({"spot_id": spots[BUS_STATION]}, 15),
                ({"spot_id": spots[RIVER_PARK]}, 15),
                ({"municipality": "Lodi"}, 20),  # elsewhere in town: no spot, the municipality
            ]
        elif kind == "mobile_unit":
            town = rng.choice(("Codogno", "Casalpusterlengo"))
            area = {"municipalities": [town]}
            spot = spots[CODOGNO_STATION if town == "Codogno" else CASALE_STATION]
            places = [({"spot_id": spot}, 70), ({}, 30)]  # {}: the shift's one municipality
        elif kind == "drop_in":
            area = {"municipalities": ["Lodi"], "route_name": "Drop-in di via Cavour"}
            places = [({}, 100)]
        else:
            area = {"municipalities": ["Sant'Angelo Lodigiano"], "route_name": "Festa di piazza"}
            places = [({}, 100)]
        members = list(rng.sample(list(member_ids), min(2, len(member_ids))))
        size = {"street": (14, 32), "mobile_unit": (10, 24), "drop_in": (8, 18), "event": (30, 45)}[kind]
        count = round(rng.randint(*size) * scale)
        shift_id = add(
            "shift",
            {"member_ids": members, "kind": kind, "started_at": starts, "ended_at": ends, **area}
            | ({"notes": "Serata fredda, molte richieste di coperte."} if rng.random() < 0.2 else {}),
        )
        shape.shifts += 1
        moments = sorted(rng.uniform(0.05, 0.98) for _ in range(count))
        for moment in moments:
            fields = _encounter(rng, kind, people, codes, seen, items, referral_ids, shape)
            where = rng.choices([p for p, _ in places], [w for _, w in places])[0]
            at = starts + (ends - starts) * moment
            add("encounter", {"shift_id": shift_id, "at": at.replace(microsecond=0), **where, **fields})
        if kind == "drop_in":
            # The drop-in's sharps bin, weighed when collected (grams_per_unit turns it into units).
            movement(SYRINGES, "sharps_returned", ends, weight_grams=round(rng.uniform(150, 600), 1))
    last = end - dt.timedelta(days=1)
    movement(LEAFLETS, "moved_out", local(first + dt.timedelta(days=10), 10), quantity=100, other=1)
    movement(LEAFLETS, "moved_in", local(first + dt.timedelta(days=10), 10), team=1, other=0, quantity=100)
    movement(NALOXONE, "expired", local(last, 10), quantity=4, note="Lotto scaduto")
    movement(FOOD, "discarded", local(last, 10), quantity=12, note="Panini non consegnati")
    movement(SWABS, "corrected_down", local(last, 11), quantity=20, note="Conta di fine mese")
    return out, shape


def _encounter(
    rng: random.Random,
    kind: str,
    regulars: list[Regular],
    codes: list[str],
    seen: set[str],
    items: list[uuid.UUID],
    referral_ids: Sequence[uuid.UUID],
    shape: MonthShape,
) -> dict[str, Any]:
    fields: dict[str, Any] = {}
    group = rng.random() < 0.08
    if group:
        fields["people"] = rng.randint(2, 5)
        shape.group_encounters += 1
    elif rng.random() < 0.25:
        index = rng.choices(range(len(regulars)), [p.weight for p in regulars])[0]
        person, code = regulars[index], codes[index]
        fields |= {"client_code": code, "new_person": code not in seen, "age_band": person.age_band}
        if rng.random() < 0.6:
            fields["gender"] = person.gender
        seen.add(code)
        shape.codes.add(code)
    else:
        if rng.random() < 0.4:
            fields["gender"] = rng.choices(("man", "woman", "other"), (68, 28, 4))[0]
        if rng.random() < 0.45:
            fields["age_band"] = rng.choices(
                ("18_24", "25_34", "35_44", "45_54", "55_64", "65_plus"), (12, 28, 30, 18, 9, 3)
            )[0]
        if rng.random() < 0.3:
            fields["new_person"] = rng.random() < 0.4
    people = fields.get("people", 1)
    given: dict[int, int] = {}
    harm = kind != "event"
    if harm and rng.random() < 0.55:
        given[SYRINGES] = rng.choice((2, 4, 5, 10)) * people
        given[WATER] = given[SYRINGES]
        given[SWABS] = given[SYRINGES]
        if rng.random() < 0.4:
            fields["sharps_returned"] = rng.randint(1, given[SYRINGES])
    if rng.random() < (0.6 if kind == "event" else 0.3):
        given[CONDOMS] = rng.choice((3, 5, 10))
    if harm and rng.random() < 0.15:
        given[FOIL] = rng.choice((2, 3, 5))
    if harm and rng.random() < 0.04:
        given[NALOXONE] = 1
    if rng.random() < 0.2:
        given[LEAFLETS] = 1
    if kind in ("street", "drop_in") and rng.random() < 0.35:
        given[FOOD] = people
    if kind == "street" and rng.random() < 0.08:
        given[BLANKETS] = people
    if given:
        fields["given"] = [{"item_id": items[item], "quantity": n} for item, n in sorted(given.items())]
    if rng.random() < 0.3:
        fields["topics"] = rng.sample(TOPICS, rng.randint(1, 2))
    if referral_ids and rng.random() < 0.05:
        fields["referral_resource_id"] = rng.choice(list(referral_ids))
    if rng.random() < 0.05:
        fields["note"] = rng.choice(NOTES)
    shape.encounters += 1
    shape.people += people
    return fields
