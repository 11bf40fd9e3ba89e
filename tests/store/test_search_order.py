"""The order search results come in: best first for a small match set, list order for a large one.

`Repository.search` ranks by bm25 up to `search.RANK_AT_MOST` matches and reads larger
sets in list (name) order; `contact_queries.search_ids` sorts up to `SORT_AT_MOST` matches
itself and walks the name index beyond. Both thresholds are lowered here so that a few
rows take either path; the answers must hold the same records either way.
"""

import pytest

from desktop.store import contact_queries, search
from desktop.store.session import StoreSession
from desktop.store.worker import StoreWorker

# Every one matches "ross"; list order (family name first) differs from rank order: the
# rank favours the short record with the word twice over long ones that have it once.
PEOPLE = [
    {
        "given_name": "Anna",
        "family_name": "Rossi",
        "municipality": "Castel San Giovanni",
        "tags": ["outreach", "housing"],
    },
    {"given_name": "Bruno", "family_name": "Rossetti", "municipality": "Borgo San Lorenzo", "email": "b@example.org"},
    {"given_name": "Rossa", "family_name": "Rossi", "municipality": "Rossano"},
    {"given_name": "Carla", "family_name": "Bianchi", "municipality": "Rossano Veneto", "tags": ["family"]},
    {"given_name": "Zeno", "family_name": "Verdi", "municipality": "Rosskilde", "phone": "+39 333 123 4567"},
    {"given_name": "Elena", "family_name": "Lòdi", "municipality": "Rossiglione"},
    {"given_name": "Dario", "family_name": "Neri", "municipality": "Lodi"},  # does not match "ross"
]


@pytest.fixture()
def people(store: StoreWorker) -> StoreWorker:
    store.call(lambda s: s.contacts.create_many(PEOPLE))
    return store


def list_order(store: StoreWorker, query: str) -> list[str]:
    """The matches of `query`, sorted as the contact list sorts (sort_name, id)."""

    def read(s: StoreSession) -> list[str]:
        expression = search.match_expression(query)
        rows = s.conn.execute(
            "SELECT c.sort_name, c.id FROM contact_fts f JOIN contact c ON c.rowid = f.rowid "
            "WHERE contact_fts MATCH ? AND c.deleted = 0",
            (expression,),
        ).fetchall()
        return [row[1] for row in sorted(rows)]

    return store.call(read)


def rank_order(store: StoreWorker, query: str) -> list[str]:
    """The matches of `query` as FTS5 ranks them (bm25, best first)."""

    def read(s: StoreSession) -> list[str]:
        rows = s.conn.execute(
            "SELECT c.id FROM contact_fts f JOIN contact c ON c.rowid = f.rowid "
            "WHERE contact_fts MATCH ? AND c.deleted = 0 ORDER BY f.rank",
            (search.match_expression(query),),
        ).fetchall()
        return [row[0] for row in rows]

    return store.call(read)


def found(store: StoreWorker, query: str, limit: int = 50) -> list[str]:
    return [str(c.id) for c in store.call(lambda s: s.contacts.search(query, limit=limit))]


def test_the_fixture_tells_the_two_orders_apart(people: StoreWorker) -> None:
    assert len(list_order(people, "ross")) == 6
    assert rank_order(people, "ross") != list_order(people, "ross")


def test_a_small_match_set_comes_best_first(people: StoreWorker) -> None:
    assert found(people, "ross") == rank_order(people, "ross")


def test_a_large_match_set_comes_in_list_order(people: StoreWorker, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(search, "RANK_AT_MOST", 3)
    assert found(people, "ross") == list_order(people, "ross")
    # Under a limit, the first of the list, not the best ranked.
    assert found(people, "ross", limit=2) == list_order(people, "ross")[:2]


def test_both_paths_find_the_same_records(people: StoreWorker, monkeypatch: pytest.MonkeyPatch) -> None:
    for query in ("ross", "lod", "LÒDI", "ros san", "3331234567", "nobody"):
        ranked = found(people, query)
        monkeypatch.setattr(search, "RANK_AT_MOST", 0)
        in_list = found(people, query)
        monkeypatch.undo()
        assert sorted(ranked) == sorted(in_list) == sorted(list_order(people, query)), query


@pytest.mark.parametrize("rank_at_most", [0, 5_000])
def test_prefix_and_accents_on_either_path(
    people: StoreWorker, monkeypatch: pytest.MonkeyPatch, rank_at_most: int
) -> None:
    monkeypatch.setattr(search, "RANK_AT_MOST", rank_at_most)
    names = {c.display_name for c in people.call(lambda s: s.contacts.search("lodi"))}
    assert names == {"Elena Lòdi", "Dario Neri"}  # the family name folded, the town as typed
    assert {c.display_name for c in people.call(lambda s: s.contacts.search("rossig"))} == {"Elena Lòdi"}


def test_a_tombstone_is_found_on_neither_path(people: StoreWorker, monkeypatch: pytest.MonkeyPatch) -> None:
    gone = list_order(people, "rossiglione")[0]
    people.call(lambda s: s.contacts.tombstone(gone))
    assert found(people, "rossiglione") == []
    monkeypatch.setattr(search, "RANK_AT_MOST", 0)
    assert found(people, "rossiglione") == []


# --- the ids of the Contacts list ----------------------------------------------------------------


def ids(
    store: StoreWorker, query: str, filters: contact_queries.ContactFilter | None = None, limit: int = 1_000
) -> tuple[list[str], bool]:
    result = store.call(
        lambda s: contact_queries.search_ids(s, query, filters or contact_queries.ContactFilter(), limit=limit)
    )
    return result.ids, result.truncated


@pytest.mark.parametrize("sort_at_most", [0, 1_500])
def test_search_ids_in_list_order_on_either_path(
    people: StoreWorker, monkeypatch: pytest.MonkeyPatch, sort_at_most: int
) -> None:
    monkeypatch.setattr(contact_queries, "SORT_AT_MOST", sort_at_most)
    assert ids(people, "ross") == (list_order(people, "ross"), False)
    assert ids(people, "ross", limit=2) == (list_order(people, "ross")[:2], True)
    assert ids(people, "ross", limit=6) == (list_order(people, "ross"), False)
    assert ids(people, "lodi") == (list_order(people, "lodi"), False)
    rossano = contact_queries.ContactFilter(municipality="Rossano")
    assert len(ids(people, "ross", rossano)[0]) == 1
