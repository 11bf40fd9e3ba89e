"""Deterministic, fictional sample data shared by both sides: contacts, resources, appointments.

Owns: the generators used by `prossimo demo`, `prossimo-central demo`, the benchmarks and
tests (it lives in `protocol` because both sides need the same invented data). The
same seed always gives the same data. Every person here is invented; names are
drawn from Italian, Finnish and other common names so that accents, apostrophes
and long compound place names are exercised. Must never contain real people's
data and never depend on the store (it returns plain field dictionaries).
"""

import datetime as dt
import random
import uuid
from collections.abc import Iterator
from typing import Any

GIVEN_NAMES = (
    "Lorenzo", "Giulia", "Francesca", "Matteo", "Chiara", "Alessandro", "Sofia", "Niccolò",
    "Martina", "Luca", "Aino", "Eino", "Väinö", "Siiri", "Juha", "Tuuli", "Mikko", "Helmi",
    "Olli", "Ilona", "Amina", "Omar", "Fatima", "Yusuf", "Ana", "Mihai", "Irina", "Jonas",
    "Zoë", "Noël", "Kateryna", "Dmytro", "Grace", "Samuel", "Élodie", "Hüseyin",
)
FAMILY_NAMES = (
    "Rossi", "Bianchi", "Esposito", "Romano", "Colombo", "Ricci", "Marino", "Greco", "Bruno",
    "Gallo", "Conti", "De Luca", "Mancini", "Lòdi", "Fabbri", "D'Angelo", "Sartori", "Cantù",
    "Korhonen", "Virtanen", "Mäkinen", "Nieminen", "Mäkelä", "Hämäläinen", "Laine", "Heikkinen",
    "Järvinen", "Lehtonen", "Popescu", "Kovalenko", "El Amrani", "Öztürk", "Ngugi", "Silva",
)
ALIASES = ("Stella", "Lupo", "Kettu", "Tähti", "Nemo", "Fenice", "Karhu", "Vento", "Sole", "Ombra")
MUNICIPALITIES = (
    "Bologna", "Forlì", "Cantù", "Lodi", "Città di Castello", "Sant'Agata di Militello",
    "Helsinki", "Jyväskylä", "Hämeenlinna", "Oulu", "Rovaniemi", "Trento", "Bolzano", "Cesena",
)
TAGS = ("outreach", "housing", "harm-reduction", "family", "youth", "employment", "follow-up")
LANGUAGES = ("it", "fi", "en", "ar", "uk", "ro", "sv")

SERVICES = (
    ("Dormitorio comunale", "housing", "Comune"),
    ("Mensa solidale", "food", "Caritas diocesana"),
    ("Sportello lavoro", "work", "Centro per l'impiego"),
    ("Unità di strada", "harm_reduction", "Cooperativa Il Ponte"),
    ("SerD ambulatorio", "addiction", "Azienda sanitaria"),
    ("Ensisuoja", "shelter", "Helsingin kaupunki"),
    ("Ruoka-apu", "food", "Seurakuntayhtymä"),
    ("Päihdeklinikka", "addiction", "Hyvinvointialue"),
    ("Corso di italiano L2", "training", "CPIA"),
    ("Consulenza legale gratuita", "legal", "Avvocati di strada"),
    ("Centro famiglie", "family", "Unione dei comuni"),
    ("Mielenterveystoimisto", "mental_health", "Hyvinvointialue"),
)


def _phone(rng: random.Random) -> str:
    if rng.random() < 0.5:
        return f"+39 3{rng.randint(10, 99)} {rng.randint(100, 999)} {rng.randint(1000, 9999)}"
    return f"+358 4{rng.randint(0, 9)} {rng.randint(100, 999)} {rng.randint(1000, 9999)}"


def contacts(count: int, seed: int = 1, team_id: uuid.UUID | None = None) -> Iterator[dict[str, Any]]:
    """Field dictionaries for `count` contacts; about 1 in 12 is pseudonymous."""
    rng = random.Random(seed)
    this_year = dt.date.today().year
    for number in range(count):
        municipality = rng.choice(MUNICIPALITIES)
        if rng.random() < 1 / 12:
            yield {
                "kind": "pseudonymous",
                "alias": f"{rng.choice(ALIASES)} {number}",
                "municipality": municipality,
                "tags": ["outreach"],
                "team_id": team_id,
            }
            continue
        yield {
            "kind": "person",
            "given_name": rng.choice(GIVEN_NAMES),
            "family_name": rng.choice(FAMILY_NAMES),
            "birth_year": rng.randint(this_year - 85, this_year - 16),
            "phone": _phone(rng) if rng.random() < 0.7 else None,
            "municipality": municipality,
            "preferred_language": rng.choice(LANGUAGES),
            "tags": sorted(set(rng.sample(TAGS, rng.randint(0, 2)))),
            "team_id": team_id,
        }


def resources(count: int, seed: int = 2) -> Iterator[dict[str, Any]]:
    rng = random.Random(seed)
    for number in range(count):
        service, category, organization = rng.choice(SERVICES)
        municipality = rng.choice(MUNICIPALITIES)
        opens = rng.choice((8, 9, 10, 14))
        yield {
            "organization_name": f"{organization} {municipality}",
            "service_name": f"{service} {number}",
            "description": f"{service}: accesso libero, anche senza documenti.",
            "location": {
                "address_1": f"Via {rng.choice(FAMILY_NAMES)} {rng.randint(1, 200)}",
                "municipality": municipality,
                "latitude": round(rng.uniform(38.0, 68.0), 5),
                "longitude": round(rng.uniform(8.0, 29.0), 5),
            },
            "categories": [category],
            "keywords": [category.replace("_", "-")],
            "phones": [{"number": _phone(rng)}],
            "opening_hours": [
                {"weekday": day, "opens_at": dt.time(opens), "closes_at": dt.time(opens + 4)}
                for day in range(1, 6)
            ],
            "languages": sorted(set(rng.sample(LANGUAGES, 2))),
            "last_verified_on": dt.date(2026, rng.randint(1, 10), rng.randint(1, 28)),
        }


def appointments(
    count: int, contact_ids: list[uuid.UUID], operator_id: uuid.UUID, seed: int = 3
) -> Iterator[dict[str, Any]]:
    rng = random.Random(seed)
    base = dt.datetime(2026, 1, 5, 8, 0, tzinfo=dt.UTC)
    for _ in range(count):
        start = base + dt.timedelta(days=rng.randint(0, 700), minutes=30 * rng.randint(0, 20))
        yield {
            "contact_ids": [rng.choice(contact_ids)],
            "operator_id": operator_id,
            "starts_at": start,
            "ends_at": start + dt.timedelta(minutes=rng.choice((30, 45, 60))),
            "time_zone": rng.choice(("Europe/Rome", "Europe/Helsinki")),
            "place_kind": rng.choice(("office", "home_visit", "outreach", "phone", "video")),
            "status": rng.choice(("requested", "confirmed", "done", "no_show", "cancelled")),
            "topic": rng.choice(("colloquio", "casa", "lavoro", "salute", "tapaaminen")),
        }


def upcoming_appointments(
    contact_ids: list[uuid.UUID], operator_id: uuid.UUID, start: dt.datetime, days: int = 14, seed: int = 4
) -> Iterator[dict[str, Any]]:
    """Two to four appointments on each working day from `start` (an aware datetime),
    so a demo's Today and Calendar screens have something to show."""
    rng = random.Random(seed)
    first = start.replace(hour=0, minute=0, second=0, microsecond=0)
    for day in range(-2, days):
        date = first + dt.timedelta(days=day)
        if date.isoweekday() > 5:
            continue
        for hour in sorted(rng.sample((9, 10, 11, 14, 15, 16), rng.randint(2, 4))):
            starts = date.replace(hour=hour, minute=rng.choice((0, 30)))
            yield {
                "contact_ids": [rng.choice(contact_ids)],
                "operator_id": operator_id,
                "starts_at": starts,
                "ends_at": starts + dt.timedelta(minutes=rng.choice((30, 45, 60))),
                "time_zone": "Europe/Rome",
                "place_kind": rng.choice(("office", "home_visit", "outreach", "phone")),
                "status": "done" if day < 0 else rng.choice(("requested", "confirmed", "confirmed")),
                "topic": rng.choice(("colloquio", "casa", "lavoro", "salute", "documenti")),
                "reminder_minutes_before": 15,
            }


def intake_submissions(count: int, seed: int = 5) -> Iterator[dict[str, Any]]:
    """What people type into the public help desk: an alias, how to reach them, a topic."""
    rng = random.Random(seed)
    topics = ("Vorrei parlare con qualcuno", "Cerco un posto per dormire", "Haluaisin ajan",
              "Need help with documents", "Problemi con l'alcol, vorrei un appuntamento")
    for index in range(count):
        channel = rng.choice(("phone", "email", "none"))
        yield {
            "kind": rng.choice(("first_contact", "booking")),
            "alias": rng.choice(ALIASES) + (f" {index + 1}" if index >= len(ALIASES) else ""),
            "contact_channel": channel,
            "contact_detail": _phone(rng) if channel == "phone" else
            f"utente{index}@example.org" if channel == "email" else None,
            "preferred_times": rng.choice(("mattina", "dopo le 17", "aamupäivä", None)),
            "topic": rng.choice(topics),
            "language": rng.choice(("it", "fi", "en")),
            "consent_to_contact": channel != "none",
        }
