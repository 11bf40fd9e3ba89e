"""The Contacts screen's reads: ordered ids, filters, FTS ids, row blocks, filter choices, the detail."""

import datetime as dt
import uuid

import pytest

from desktop.store import contact_queries as q
from desktop.store.errors import RecordNotFound
from desktop.store.session import StoreSession
from desktop.store.worker import StoreWorker

TEAM_A = uuid.UUID("00000000-0000-4000-8000-00000000000a")
TEAM_B = uuid.UUID("00000000-0000-4000-8000-00000000000b")
OPERATOR = uuid.UUID("00000000-0000-4000-8000-0000000000a1")
NOW = dt.datetime(2026, 11, 23, 10, 0, tzinfo=dt.UTC)

PEOPLE = [
    {
        "given_name": "Lorenzo",
        "family_name": "Rossi",
        "municipality": "Bologna",
        "team_id": TEAM_A,
        "tags": ["housing", "follow-up"],
        "phone": "+39 333 123 4567",
    },
    {"given_name": "Anna", "family_name": "Lòdi", "municipality": "Forlì", "team_id": TEAM_B, "tags": ["housing"]},
    {"given_name": "Marta", "family_name": "Rossini", "municipality": "Città di Castello", "team_id": TEAM_A},
    # Her email holds the word "bologna": the municipality filter must not take her for Bologna.
    {
        "given_name": "Aino",
        "family_name": "Virtanen",
        "municipality": "Oulu",
        "team_id": TEAM_B,
        "email": "aino@bologna.example",
        "tags": ["follow"],
    },
    {"kind": "pseudonymous", "alias": "Lupo", "municipality": "Bologna", "team_id": TEAM_B, "tags": ["outreach"]},
    {"given_name": "Bruno", "family_name": "Ricci", "municipality": "Bologna"},
]


@pytest.fixture()
def people(store: StoreWorker) -> dict[str, uuid.UUID]:
    made = store.call(lambda s: s.contacts.create_many(PEOPLE))
    return {c.display_name: c.id for c in made}


def names(store: StoreWorker, ids: list[str]) -> list[str]:
    rows = store.call(lambda s: q.rows_for(s, ids))
    return [rows[i].name for i in ids]


def test_ordered_ids_follow_the_sort_name_and_skip_tombstones(store: StoreWorker, people: dict) -> None:
    store.call(lambda s: s.contacts.tombstone(people["Bruno Ricci"]))
    ids = store.call(q.ordered_ids)
    # sort_name is casefolded, not accent-folded: "lòdi" sorts after "lupo" (code point order).
    assert names(store, ids) == ["Lupo", "Anna Lòdi", "Lorenzo Rossi", "Marta Rossini", "Aino Virtanen"]


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (q.ContactFilter(team_id=TEAM_A), ["Lorenzo Rossi", "Marta Rossini"]),
        (q.ContactFilter(municipality="Bologna"), ["Lupo", "Lorenzo Rossi", "Bruno Ricci"]),
        (q.ContactFilter(municipality="Città di Castello"), ["Marta Rossini"]),
        (q.ContactFilter(tag="housing"), ["Anna Lòdi", "Lorenzo Rossi"]),
        (q.ContactFilter(tag="follow"), ["Aino Virtanen"]),  # not "follow-up"
        (q.ContactFilter(team_id=TEAM_B, municipality="Bologna"), ["Lupo"]),
        (q.ContactFilter(team_id=TEAM_A, tag="housing", municipality="Bologna"), ["Lorenzo Rossi"]),
        (q.ContactFilter(municipality="Rome"), []),
    ],
)
def test_filters_narrow_the_list_to_exact_values(store: StoreWorker, people: dict, filters, expected) -> None:
    ids = store.call(lambda s: q.ordered_ids(s, filters))
    assert sorted(names(store, ids)) == sorted(expected)
    # Still in list order.
    assert ids == [i for i in store.call(q.ordered_ids) if i in set(ids)]


def test_search_finds_prefixes_in_list_order_and_combines_with_filters(store: StoreWorker, people: dict) -> None:
    found = store.call(lambda s: q.search_ids(s, "ross"))
    assert names(store, found.ids) == ["Lorenzo Rossi", "Marta Rossini"] and not found.truncated
    found = store.call(lambda s: q.search_ids(s, "bolo"))  # a municipality, and a word of an email
    assert names(store, found.ids) == ["Lupo", "Bruno Ricci", "Lorenzo Rossi", "Aino Virtanen"]
    found = store.call(lambda s: q.search_ids(s, "ross", q.ContactFilter(municipality="Bologna")))
    assert names(store, found.ids) == ["Lorenzo Rossi"]
    found = store.call(lambda s: q.search_ids(s, "ross", q.ContactFilter(team_id=TEAM_B)))
    assert found.ids == []
    assert store.call(lambda s: q.search_ids(s, "  ")).ids == []
    assert store.call(lambda s: q.search_ids(s, '"; DROP TABLE contact; --')).ids == []


def test_a_filter_value_without_words_still_filters_exactly(store: StoreWorker) -> None:
    store.call(
        lambda s: s.contacts.create_many(
            [{"given_name": "Ada", "tags": ["+"], "municipality": "?"}, {"given_name": "Adele", "tags": ["+1"]}]
        )
    )
    for filters in (q.ContactFilter(tag="+"), q.ContactFilter(municipality="?")):
        assert names(store, store.call(lambda s, f=filters: q.ordered_ids(s, f))) == ["Ada"]
        assert names(store, store.call(lambda s, f=filters: q.search_ids(s, "ad", f).ids)) == ["Ada"]


def test_search_is_capped_and_says_so(store: StoreWorker) -> None:
    store.call(
        lambda s: s.contacts.create_many([{"given_name": "Rosa", "family_name": f"Neri {i}"} for i in range(12)])
    )
    found = store.call(lambda s: q.search_ids(s, "rosa", limit=10))
    assert len(found.ids) == 10 and found.truncated
    found = store.call(lambda s: q.search_ids(s, "rosa", q.ContactFilter(tag="none-such"), limit=10))
    assert found.ids == [] and not found.truncated


def test_rows_for_a_block_carry_what_the_list_shows(store: StoreWorker, people: dict) -> None:
    wanted = [str(people["Lupo"]), str(people["Lorenzo Rossi"]), str(uuid.uuid4())]
    rows = store.call(lambda s: q.rows_for(s, wanted))
    assert set(rows) == set(wanted[:2])  # an unknown id is simply absent
    lupo, lorenzo = rows[wanted[0]], rows[wanted[1]]
    assert (lupo.name, lupo.pseudonymous, lupo.tags) == ("Lupo", True, ("outreach",))
    assert (lorenzo.name, lorenzo.pseudonymous, lorenzo.municipality, lorenzo.team_id, lorenzo.phone) == (
        "Lorenzo Rossi",
        False,
        "Bologna",
        TEAM_A,
        "+39 333 123 4567",
    )


def test_filter_choices_come_in_slices_without_tombstones(store: StoreWorker, people: dict) -> None:
    store.call(lambda s: s.contacts.tombstone(people["Aino Virtanen"]))
    municipalities, tags, after, slices = set(), set(), 0, 0
    while after is not None:
        found = store.call(lambda s, a=after: q.filter_options_chunk(s, a, size=2))
        municipalities |= found.municipalities
        tags |= found.tags
        after, slices = found.next_rowid, slices + 1
    assert slices >= 3
    assert municipalities == {"Bologna", "Forlì", "Città di Castello"}
    assert tags == {"housing", "follow-up", "outreach"}


def test_the_detail_bundle_holds_everything_about_one_contact(store: StoreWorker, people: dict) -> None:
    lorenzo, anna, lupo = people["Lorenzo Rossi"], people["Anna Lòdi"], people["Lupo"]

    def fill(s: StoreSession) -> dict:
        consent = s.consents.create(
            contact_id=lorenzo, purpose="referral", method="verbal", given_at=NOW - dt.timedelta(days=10)
        )
        s.relationships.create(from_contact_id=anna, to_contact_id=lorenzo, kind="parent")
        s.relationships.create(from_contact_id=lorenzo, to_contact_id=lupo, kind="friend")
        first = s.notes.create(contact_id=lorenzo, body="Primo incontro", occurred_at=NOW - dt.timedelta(days=5))
        fix = s.notes.create(
            contact_id=lorenzo, body="Correzione", occurred_at=NOW - dt.timedelta(days=1), amends_note_id=first.id
        )
        s.notes.create(contact_id=anna, body="Not about Lorenzo", occurred_at=NOW)
        starts = NOW - dt.timedelta(days=3)
        visit = s.appointments.create(
            contact_ids=[lorenzo, anna],
            operator_id=OPERATOR,
            starts_at=starts,
            ends_at=starts + dt.timedelta(hours=1),
            time_zone="Europe/Rome",
            place_kind="office",
        )
        resource = s.resources.create(
            organization_name="Caritas", service_name="Mensa", categories=["food"], location={"municipality": "Bologna"}
        )
        s.referrals.create(contact_id=lorenzo, resource_id=resource.id, consent_id=consent.id, status="sent")
        return {"first": first.id, "fix": fix.id, "visit": visit.id}

    made = store.call(fill)
    bundle = store.call(lambda s: q.contact_bundle(s, lorenzo))
    assert bundle.contact.id == lorenzo and len(bundle.consents) == 1
    related = {(r.other_name, r.relationship.kind, r.outgoing) for r in bundle.relationships}
    assert related == {("Anna Lòdi", "parent", False), ("Lupo", "friend", True)}
    timeline = [(e.note or e.appointment).id for e in bundle.timeline]
    assert timeline == [made["fix"], made["visit"], made["first"]]  # newest first
    assert bundle.amended_note_ids == {made["first"]}
    assert [(r.resource_name, r.referral.status) for r in bundle.referrals] == [("Mensa · Caritas", "sent")]

    store.call(lambda s: s.contacts.tombstone(lupo))
    assert {r.other_name for r in store.call(lambda s: q.contact_bundle(s, lorenzo)).relationships} == {"Anna Lòdi"}
    with pytest.raises(RecordNotFound):
        store.call(lambda s: q.contact_bundle(s, lupo))
