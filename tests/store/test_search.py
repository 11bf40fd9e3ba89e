"""Full-text search: prefixes, accents, several words, tombstones, hostile input."""

import datetime as dt

import pytest

from desktop.store.search import match_expression
from desktop.store.session import StoreSession
from desktop.store.worker import StoreWorker


@pytest.fixture()
def people(store: StoreWorker) -> StoreWorker:
    def load(s: StoreSession) -> None:
        s.contacts.create_many(
            [
                {"given_name": "Lorenzo", "family_name": "Rossi", "municipality": "Bologna"},
                {"given_name": "Anna", "family_name": "Lòdi", "municipality": "Forlì"},
                {
                    "given_name": "Väinö",
                    "family_name": "Hämäläinen",
                    "municipality": "Jyväskylä",
                    "phone": "+358 40 123 4567",
                },
                {"kind": "pseudonymous", "alias": "Lupo", "municipality": "Cantù", "tags": ["outreach"]},
            ]
        )

    store.call(load)
    return store


def names(store: StoreWorker, query: str) -> list[str]:
    return [c.display_name for c in store.call(lambda s: s.contacts.search(query))]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("lor", ["Lorenzo Rossi"]),
        ("lodi", ["Anna Lòdi"]),
        ("LÒDI", ["Anna Lòdi"]),
        ("forli", ["Anna Lòdi"]),
        ("vaino hama", ["Väinö Hämäläinen"]),
        ("jyvaskyla", ["Väinö Hämäläinen"]),
        ("123 45", ["Väinö Hämäläinen"]),
        ("lupo", ["Lupo"]),
        ("outreach cantu", ["Lupo"]),
        ("lorenzo forli", []),
    ],
)
def test_prefix_and_accent_folding(people: StoreWorker, query: str, expected: list[str]) -> None:
    assert names(people, query) == expected


@pytest.mark.parametrize("query", ['"', "*", "lor*)", "NOT", "a OR b", "NEAR(", "'; DROP TABLE contact; --", "   "])
def test_hostile_or_odd_queries_never_raise(people: StoreWorker, query: str) -> None:
    names(people, query)  # must not raise an FTS5 syntax error
    assert people.call(lambda s: s.contacts.count()) == 4


def test_tombstoned_and_updated_contacts_leave_the_index(people: StoreWorker) -> None:
    def work(s: StoreSession) -> None:
        lorenzo = s.contacts.search("lorenzo")[0]
        s.contacts.update(lorenzo.id, given_name="Renzo")
        anna = s.contacts.search("anna")[0]
        s.contacts.tombstone(anna.id)

    people.call(work)
    assert names(people, "lorenzo") == []
    assert names(people, "renzo") == ["Renzo Rossi"]
    assert names(people, "anna") == []


def test_resources_and_notes_are_searchable(store: StoreWorker) -> None:
    def work(s: StoreSession) -> tuple[list[str], list[str]]:
        s.resources.create(
            organization_name="Caritas diocesana",
            service_name="Mensa solidale",
            location={"municipality": "Città di Castello"},
            categories=["food"],
        )
        contact = s.contacts.create(given_name="Aino")
        s.notes.create(
            contact_id=contact.id,
            body="Chiede un letto al dormitorio di Forlì",
            occurred_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
        )
        return (
            [r.service_name for r in s.resources.search("citta mensa")],
            [n.body for n in s.notes.search("forli dorm")],
        )

    resources, notes = store.call(work)
    assert resources == ["Mensa solidale"]
    assert notes == ["Chiede un letto al dormitorio di Forlì"]


def test_match_expression_quotes_every_word() -> None:
    assert match_expression('Lor "Ros') == '"Lor"* AND "Ros"*'
    assert match_expression("  ") is None


def test_the_index_holds_exactly_the_live_text_after_every_kind_of_write(store: StoreWorker) -> None:
    """Rows leave the index through the FTS5 'delete' command with the text they were indexed
    with (issue 13 item 9): after local edits, tombstones, the service's copies, a rebase and an
    erasure, every word finds exactly the live records that hold it, and no old word stays."""

    def work(s: StoreSession) -> dict[str, list[str]]:
        a = s.contacts.create(given_name="Aldebaran", phone="+39 02 5550001")
        b = s.contacts.create(given_name="Betelgeuse")
        c = s.contacts.create(given_name="Canopus")
        s.contacts.update(a.id, given_name="Antares")  # local edit: Aldebaran leaves
        s.contacts.tombstone(b.id)  # tombstone: Betelgeuse leaves
        service_copy = {**c.model_dump(mode="json"), "given_name": "Capella", "server_version": 3}
        d = s.contacts.create(given_name="Deneb")
        s.conn.execute("DELETE FROM outbox WHERE op = 'create'")  # as if the service had confirmed them
        s.contacts.update(d.id, family_name="Pending")  # still in the outbox: rebased
        d_copy = {
            **s.contacts.get(d.id).model_dump(mode="json"),
            "family_name": None,
            "municipality": "Elnath",
            "server_version": 4,
        }
        s.replica.apply_answer(
            {
                "results": [],
                "purge_teams": [],
                "cursor": "c",
                "more": False,
                "changes": [
                    {"entity": "contact", "version": 3, "record": service_copy},
                    {"entity": "contact", "version": 4, "record": d_copy},
                    {"entity": "contact", "version": 5, "record": service_copy},  # the same copy twice
                ],
            },
            [],
        )
        s.replica.apply_answer(
            {
                "results": [],
                "purge_teams": [],
                "cursor": "c",
                "more": False,
                "changes": [{"entity": "contact", "version": 6, "record": {"id": str(a.id)}, "erased": True}],
            },
            [],
        )
        words = ["aldebaran", "antares", "5550001", "betelgeuse", "canopus", "capella", "deneb", "pending", "elnath"]
        return {word: [x.display_name for x in s.contacts.search(word)] for word in words}

    found = store.call(work)
    assert found == {
        "aldebaran": [],
        "antares": [],
        "5550001": [],
        "betelgeuse": [],
        "canopus": [],
        "capella": ["Capella"],
        "deneb": ["Deneb Pending"],
        "pending": ["Deneb Pending"],
        "elnath": ["Deneb Pending"],
    }
