"""The Today screen on a real store: appointments, help-desk requests, follow-ups, unsynced changes."""

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidget

from desktop.store.repositories import SPECS, RecordRepository
from desktop.ui.today import TodayPage
from protocol import demo_data
from tests.ui.conftest import NOW, Caseload, wait_for_store


def texts(items: QListWidget) -> list[str]:
    return [items.item(row).text() for row in range(items.count())]


def click(qtbot, items: QListWidget, row: int) -> None:
    rect = items.visualItemRect(items.item(row))
    qtbot.mouseClick(items.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def intake(session, alias: str, hours_ago: int, status: str = "new"):
    return session.intake_requests.create(
        kind="booking",
        alias=alias,
        contact_channel="none",
        language="it",
        consent_to_contact=False,
        received_at=NOW - dt.timedelta(hours=hours_ago),
        status=status,
        topic="Colloquio",
    )


def open_page(qtbot, context) -> TodayPage:
    page = TodayPage(context)
    qtbot.addWidget(page)
    page.resize(900, 900)
    page.show()
    wait_for_store(qtbot, context)
    return page


def test_today_and_tomorrow_list_my_appointments_and_open_them(qtbot, ui_context, caseload: Caseload) -> None:
    opened = []
    ui_context.navigator.pageRequested.connect(lambda page, record: opened.append((page, record)))
    page = open_page(qtbot, ui_context)
    names = [c.display_name for c in caseload.contacts]
    today = texts(page.today_list)
    assert len(today) == 3 and [names[i] in today[i] for i in range(3)] == [True] * 3
    tomorrow = texts(page.tomorrow_list)
    assert len(tomorrow) == 2 and names[3] in tomorrow[0] and names[4] in tomorrow[1]
    assert "Confirmed" in today[1] and "Requested" in today[0]  # the status, in words

    click(qtbot, page.today_list, 1)
    page.tomorrow_list.setFocus()
    page.tomorrow_list.setCurrentRow(0)
    qtbot.keyClick(page.tomorrow_list, Qt.Key.Key_Return)
    assert opened == [("calendar", caseload.appointments[1].id), ("calendar", caseload.appointments[3].id)]


def test_new_requests_are_counted_listed_and_refreshed(qtbot, ui_context, ui_store, caseload: Caseload) -> None:
    requests = ui_store.call(
        lambda s: [intake(s, "Stella", 1), intake(s, "Vento", 3), intake(s, "Sole", 2, "declined")]
    )
    opened = []
    ui_context.navigator.pageRequested.connect(lambda page, record: opened.append((page, record)))
    page = open_page(qtbot, ui_context)
    assert "(2)" in page.intake_heading.text()
    assert [line.split(" · ")[0] for line in texts(page.intake_list)] == ["Stella", "Vento"]  # newest first

    click(qtbot, page.intake_list, 1)
    qtbot.mouseClick(page.open_intake_button, Qt.MouseButton.LeftButton)
    assert opened == [("intake", requests[1].id), ("intake", None)]

    ui_context.store.run(lambda s: intake(s, "Luna", 0))  # a write elsewhere in the app
    wait_for_store(qtbot, ui_context)
    qtbot.waitUntil(lambda: page.intake_list.count() == 3, timeout=5_000)
    assert "(3)" in page.intake_heading.text() and texts(page.intake_list)[0].startswith("Luna")


def test_follow_ups_need_an_outcome_a_new_consent_or_an_answer(qtbot, ui_context, ui_store, caseload: Caseload) -> None:
    anna, bruno = caseload.contacts[20], caseload.contacts[21]

    def set_up(s):
        expiring = s.consents.create(
            contact_id=anna.id,
            purpose="referral",
            method="written",
            given_at=NOW - dt.timedelta(days=300),
            expires_at=NOW + dt.timedelta(days=12),
        )
        s.consents.create(
            contact_id=bruno.id,
            purpose="referral",
            method="written",
            given_at=NOW - dt.timedelta(days=30),
            expires_at=NOW + dt.timedelta(days=200),
        )
        resource = s.resources.create(**next(demo_data.resources(1, seed=9)))

        def referrals_on(day: dt.datetime) -> RecordRepository:
            return RecordRepository(s.conn, SPECS["referral"], s.identity, clock=lambda: day)

        old = referrals_on(NOW - dt.timedelta(days=20)).create(
            contact_id=anna.id, resource_id=resource.id, consent_id=expiring.id, status="sent"
        )
        referrals_on(NOW - dt.timedelta(days=3)).create(
            contact_id=anna.id, resource_id=resource.id, consent_id=expiring.id, status="sent"
        )
        return expiring, old, resource

    consent, referral, resource = ui_store.call(set_up)
    opened = []
    ui_context.navigator.pageRequested.connect(lambda page, record: opened.append((page, record)))
    page = open_page(qtbot, ui_context)

    lines = texts(page.follow_list)
    assert len(lines) == 4, lines
    # Sunday's and this morning's (ended at 10:00) appointments are still "requested": they need an outcome.
    assert lines[0].startswith("Record the outcome") and caseload.contacts[0].display_name in lines[0]
    assert lines[1].startswith("Record the outcome") and caseload.contacts[6].display_name in lines[1]
    assert anna.display_name in lines[2] and "Referral to services" in lines[2] and "expires" in lines[2]
    assert anna.display_name in lines[3] and resource.service_name in lines[3]
    assert "(4)" in page.follow_heading.text()

    for row in range(4):
        click(qtbot, page.follow_list, row)
    assert opened == [
        ("calendar", caseload.appointments[0].id),
        ("calendar", caseload.appointments[6].id),
        ("contacts", anna.id),
        ("contacts", anna.id),
    ]

    done = {"status": "done", "outcome_note": "Came, all fine."}
    ui_context.store.run(lambda s: s.appointments.update(caseload.appointments[0].id, **done))
    qtbot.waitUntil(lambda: page.follow_list.count() == 3, timeout=5_000)


def test_unsynced_changes_are_counted_after_any_write(qtbot, ui_context, ui_store, caseload: Caseload) -> None:
    page = open_page(qtbot, ui_context)
    pending = ui_store.call(lambda s: s.replica.pending_count())
    assert page.pending == pending > 0
    assert f"{pending} change{'s' if pending != 1 else ''} not yet synced" in page.pending_label.text()
    assert not page.sync_button.isVisible()  # an offline-only profile: nothing to sync with

    ui_context.store.run(lambda s: s.notes.create(contact_id=caseload.contacts[0].id, body="Visita", occurred_at=NOW))
    qtbot.waitUntil(lambda: page.pending == pending + 1, timeout=5_000)
    assert f"{pending + 1} changes" in page.pending_label.text()
