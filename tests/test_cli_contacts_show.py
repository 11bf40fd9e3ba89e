"""Issue 14 item 8: `prossimo contacts show` prints the words a person reads, not the schema's field names."""

import uuid
from pathlib import Path

from desktop.store.profile import Profile
from desktop.store.replica import Enrolment
from tests.test_cli import PASSPHRASE, home, run  # noqa: F401 - `home` is the fixture

TEAM = uuid.UUID("00000000-0000-4000-8000-00000000000a")


def test_contacts_show_prints_labels_and_the_team_by_name(home: Path) -> None:  # noqa: F811 - the imported fixture
    """Issue 14 item 8: `contacts show` printed raw field names ("given_name", "team_id") and the team's id."""
    worker = Profile(home).open(PASSPHRASE)
    with worker:
        worker.call(
            lambda s: s.replica.save_enrolment(
                Enrolment(
                    server_url="https://prossimo.example",
                    ca_bundle=None,
                    device_id=uuid.uuid4(),
                    operator_id=uuid.uuid4(),
                    organisation_id=uuid.uuid4(),
                    role="operator",
                    teams=[{"id": str(TEAM), "name": "Unità di strada"}],
                ),
                "a-token",
            )
        )
        contact = worker.call(
            lambda s: s.contacts.create(
                given_name="Anna",
                family_name="Lòdi",
                municipality="Forlì",
                phone="+39 333 1234567",
                preferred_language="it",
                tags=["housing"],
                team_id=TEAM,
            )
        )
    shown = run(home, "contacts", "show", str(contact.id))
    assert shown.returncode == 0, shown.stderr
    lines = {caption.strip(): value for caption, value in (line.split(": ", 1) for line in shown.stdout.splitlines())}
    assert lines["Name"] == "Anna Lòdi" and lines["Given name"] == "Anna" and lines["Family name"] == "Lòdi"
    assert lines["Kind"] == "Person" and lines["Phone"] == "+39 333 1234567" and lines["Tags"] == "housing"
    assert lines["Team"] == "Unità di strada" and lines["Synced"] == "not yet"
    for raw in ("given_name", "team_id", "author_device_id", "server_version", "preferred_language", "deleted"):
        assert raw not in shown.stdout
    assert str(TEAM) not in shown.stdout
