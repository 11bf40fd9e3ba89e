"""The Calendar screen and the reminder service, driven like an operator would, on a real store."""

import datetime as dt
import uuid

from PySide6.QtCore import QPoint, Qt

from desktop.ui.calendar import range_text, time_text
from desktop.ui.calendar.form import AppointmentForm
from desktop.ui.calendar.page import CalendarPage
from desktop.ui.reminders import ReminderService
from tests.ui.conftest import NOW, OPERATOR, ROME, TEAM_A, TEAM_B, Caseload, wait_for_store

CTRL, ALT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.AltModifier
OTHER_OPERATOR = uuid.UUID("00000000-0000-4000-8000-0000000000b2")


def open_page(qtbot, context) -> CalendarPage:
    page = CalendarPage(context)
    qtbot.addWidget(page)
    page.resize(1100, 760)
    page.show()
    qtbot.waitExposed(page)
    page.activateWindow()
    wait_for_store(qtbot, context)
    return page


def shown_ids(page: CalendarPage) -> set[uuid.UUID]:
    return {block.booked.id for block in page.grid.blocks}


def listed(page: CalendarPage) -> list[str]:
    return [page.list.item(row).text() for row in range(page.list.count())]


def form_of(qtbot, page: CalendarPage) -> AppointmentForm:
    qtbot.waitUntil(lambda: page.form is not None and page.form.isVisible(), timeout=5_000)
    page.form.activateWindow()  # a window manager would; offscreen, shortcuts need it
    qtbot.waitUntil(page.form.isActiveWindow, timeout=5_000)
    return page.form


def closed(qtbot, page: CalendarPage) -> None:
    qtbot.waitUntil(lambda: page.form is None, timeout=5_000)
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow, timeout=5_000)


def pick_contact(qtbot, form: AppointmentForm, contact) -> None:
    """Through the shared picker, by keyboard: Space on "Add contact", type, Enter."""
    form.add_contact_button.setFocus()
    qtbot.keyClick(form.add_contact_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: form.picker is not None and form.picker.isVisible(), timeout=5_000)
    picker = form.picker
    qtbot.keyClicks(picker.query, contact.family_name or contact.alias)
    qtbot.waitUntil(
        lambda: any(
            picker.results.item(i).data(Qt.ItemDataRole.UserRole).id == contact.id
            for i in range(picker.results.count())
        ),
        timeout=5_000,
    )
    for row in range(picker.results.count()):
        if picker.results.item(row).data(Qt.ItemDataRole.UserRole).id == contact.id:
            picker.results.setCurrentRow(row)
    qtbot.keyClick(picker.query, Qt.Key.Key_Return)
    assert contact.id in form.contact_ids()
    form.activateWindow()
    qtbot.waitUntil(form.isActiveWindow, timeout=5_000)


def stored(ui_store, contact) -> list:
    return ui_store.call(lambda s: [a for a in s.appointments.page(limit=500).records if contact.id in a.contact_ids])


def slot_point(page: CalendarPage, day: int, hour: int, minute: int = 0) -> QPoint:
    rect = page.grid.slot_rect(day, hour * 2 + minute // 30)
    return rect.center().toPoint()


def test_book_by_keyboard_then_see_it_in_the_day_and_the_week(qtbot, ui_context, ui_store, caseload: Caseload) -> None:
    page = open_page(qtbot, ui_context)
    assert shown_ids(page) == {a.id for a in caseload.appointments[:3]}  # Monday's, mine
    client = caseload.contacts[12]
    page.grid.setFocus()
    for _ in range(14):  # the cursor starts at 09:00; down to 16:00
        qtbot.keyClick(page.grid, Qt.Key.Key_Down)
    qtbot.keyClick(page.grid, Qt.Key.Key_N, CTRL)
    form = form_of(qtbot, page)
    assert form.starts_at() == NOW.replace(hour=16).astimezone(dt.UTC)
    pick_contact(qtbot, form, client)
    form.place_kind.setFocus()
    qtbot.keyClicks(form.place_kind, "Home")
    qtbot.keyClicks(form.topic, "Housing application")
    qtbot.keyClick(form.topic, Qt.Key.Key_Return)
    closed(qtbot, page)
    wait_for_store(qtbot, ui_context)

    [saved] = stored(ui_store, client)
    assert (saved.starts_at, saved.ends_at - saved.starts_at) == (NOW.replace(hour=16), dt.timedelta(hours=1))
    assert (saved.place_kind, saved.topic, saved.operator_id, saved.time_zone) == (
        "home_visit",
        "Housing application",
        OPERATOR,
        "Europe/Rome",
    )
    assert saved.starts_at.utcoffset() == dt.timedelta(0)  # stored as a UTC instant
    assert saved.id in shown_ids(page) and page.grid.selected_id == saved.id
    assert any(client.display_name in line and "Housing application" in line for line in listed(page))

    qtbot.keyClick(page.grid, Qt.Key.Key_W, ALT)  # the "&Week" button (an animated click)
    qtbot.waitUntil(lambda: page.mode == "week", timeout=5_000)
    wait_for_store(qtbot, ui_context)
    assert len(page.grid.days) == 7 and page.grid.days[0] == NOW.date()
    [block] = [b for b in page.grid.blocks if b.booked.id == saved.id]
    assert (block.day, block.top, block.bottom) == (0, 16 * 60, 17 * 60)
    assert shown_ids(page) == {a.id for a in caseload.appointments[:6]} | {saved.id}  # Monday to Sunday, mine


def test_navigation_keys_move_by_day_and_week_and_back_to_today(qtbot, ui_context, caseload: Caseload) -> None:
    page = open_page(qtbot, ui_context)
    page.grid.setFocus()
    qtbot.keyClick(page.grid, Qt.Key.Key_Right, ALT)
    wait_for_store(qtbot, ui_context)
    assert page.anchor == NOW.date() + dt.timedelta(days=1)
    assert shown_ids(page) == {caseload.appointments[3].id, caseload.appointments[4].id}
    page.set_mode("week")
    qtbot.keyClick(page.grid, Qt.Key.Key_Left, ALT)
    wait_for_store(qtbot, ui_context)
    assert page.grid.days[0] == NOW.date() - dt.timedelta(days=7)
    assert shown_ids(page) == {caseload.appointments[6].id}  # Sunday 22, the week before
    qtbot.keyClick(page.grid, Qt.Key.Key_T)
    wait_for_store(qtbot, ui_context)
    assert page.anchor == NOW.date() and page.grid.days[0] == NOW.date()


def test_an_overlap_warns_and_change_time_does_not_save_but_book_anyway_does(
    qtbot, ui_context, ui_store, caseload: Caseload
) -> None:
    page = open_page(qtbot, ui_context)
    first = caseload.appointments[0]  # contact 0, 09:00-10:00 today, mine
    client = caseload.contacts[0]
    qtbot.mouseDClick(page.grid, Qt.MouseButton.LeftButton, pos=slot_point(page, 0, 8, 30))  # a free slot
    form = form_of(qtbot, page)
    assert form.starts_at() == NOW.replace(hour=8, minute=30).astimezone(dt.UTC)  # and an hour: till 09:30
    pick_contact(qtbot, form, client)
    qtbot.keyClick(form.topic, Qt.Key.Key_S, CTRL)
    qtbot.waitUntil(lambda: form.clash_panel.isVisible(), timeout=5_000)
    expected = f"{client.display_name} already has an appointment " + range_text(
        first.starts_at.astimezone(ROME), first.ends_at.astimezone(ROME)
    )
    assert expected in form.clash_text.text()
    assert [c.booked.id for c in form.clashes] == [first.id]

    qtbot.keyClick(form.change_time_button, Qt.Key.Key_Space)
    assert not form.clash_panel.isVisible() and form.start_time.hasFocus()
    wait_for_store(qtbot, ui_context)
    assert stored(ui_store, client) == [first]  # nothing written

    qtbot.keyClick(form.topic, Qt.Key.Key_S, CTRL)
    qtbot.waitUntil(lambda: form.clash_panel.isVisible(), timeout=5_000)
    qtbot.mouseClick(form.book_anyway_button, Qt.MouseButton.LeftButton)
    closed(qtbot, page)
    wait_for_store(qtbot, ui_context)
    both = stored(ui_store, client)
    assert len(both) == 2
    booked_anyway = next(a for a in both if a.id != first.id)
    assert booked_anyway.id in shown_ids(page)
    lanes = {b.booked.id: (b.lane, b.lanes) for b in page.grid.blocks}
    assert {lanes[first.id], lanes[booked_anyway.id]} == {(0, 2), (1, 2)}  # side by side


def test_a_form_without_contacts_shows_the_error_beside_the_list(qtbot, ui_context, caseload: Caseload) -> None:
    page = open_page(qtbot, ui_context)
    qtbot.keyClick(page.list, Qt.Key.Key_N, CTRL)
    form = form_of(qtbot, page)
    qtbot.keyClick(form.topic, Qt.Key.Key_Return)
    assert form.errors.message("contact_ids")
    assert form.isVisible() and not form.clash_panel.isVisible()
    form.reject()


def test_edit_an_appointment_to_done_with_an_outcome(qtbot, ui_context, ui_store, caseload: Caseload) -> None:
    page = open_page(qtbot, ui_context)
    first = caseload.appointments[0]
    page.list.setFocus()
    page.list.setCurrentRow(0)
    assert page.grid.selected_id == first.id
    qtbot.keyClick(page.list, Qt.Key.Key_Return)
    form = form_of(qtbot, page)
    assert form.windowTitle() == "Edit appointment" and form.contact_ids() == first.contact_ids
    form.status.setFocus()
    qtbot.keyClicks(form.status, "Do")
    assert form.status.currentData() == "done"
    qtbot.keyClicks(form.outcome_note, "Talked about the housing application; next visit in two weeks.")
    qtbot.keyClick(form.outcome_note, Qt.Key.Key_S, CTRL)
    closed(qtbot, page)
    wait_for_store(qtbot, ui_context)

    updated = ui_store.call(lambda s: s.appointments.get(first.id))
    assert updated.status == "done"
    assert updated.outcome_note == "Talked about the housing application; next visit in two weeks."
    assert (updated.starts_at, updated.ends_at) == (first.starts_at, first.ends_at)  # untouched
    assert [b.booked.status for b in page.grid.blocks if b.booked.id == first.id] == ["done"]
    assert any("Done" in line for line in listed(page))


def test_the_team_toggle_shows_the_teams_contacts_appointments(qtbot, ui_context, ui_store, caseload: Caseload) -> None:
    team_a_contact = caseload.contacts[1]  # team A (see fill_demo_store)
    colleagues = ui_store.call(
        lambda s: s.appointments.create(
            contact_ids=[team_a_contact.id],
            operator_id=OTHER_OPERATOR,
            starts_at=NOW.replace(hour=16),
            ends_at=NOW.replace(hour=17),
            time_zone="Europe/Rome",
            place_kind="office",
        )
    )
    today = caseload.appointments[:3]
    page = open_page(qtbot, ui_context)
    assert shown_ids(page) == {a.id for a in today}  # mine only

    page.show_filter.setFocus()
    qtbot.keyClick(page.show_filter, Qt.Key.Key_Down)
    wait_for_store(qtbot, ui_context)
    assert page.team_filter() == TEAM_A.id
    assert shown_ids(page) == {today[1].id, today[2].id, colleagues.id}

    qtbot.keyClick(page.show_filter, Qt.Key.Key_Down)
    wait_for_store(qtbot, ui_context)
    assert page.team_filter() == TEAM_B.id
    assert shown_ids(page) == {today[0].id}


def test_show_record_jumps_to_the_day_and_opens_the_appointment(qtbot, ui_context, caseload: Caseload) -> None:
    page = open_page(qtbot, ui_context)
    later = caseload.appointments[5]  # Wednesday
    page.show_record(later.id)
    form = form_of(qtbot, page)
    assert page.anchor == later.starts_at.astimezone(ROME).date() and page.mode == "day"
    assert form.booked.id == later.id and page.grid.selected_id == later.id
    form.reject()


def test_a_reminder_fires_once_without_the_clients_name(qtbot, ui_context, caseload: Caseload) -> None:
    eleven = caseload.appointments[1]  # 11:00 today, home visit, 15 minutes' reminder
    moment = [NOW]
    ui_context.clock = lambda: moment[0]
    service = ReminderService(ui_context)
    due, messages = [], []
    service.reminderDue.connect(due.append)
    service.statusMessage.connect(messages.append)

    def check_at(when: dt.datetime) -> None:
        moment[0] = when
        service.check_now()
        wait_for_store(qtbot, ui_context)

    check_at(NOW)  # 10:00: nothing is due yet (09:00 has started an hour ago)
    assert due == []
    check_at(NOW.replace(minute=45))
    check_at(NOW.replace(minute=46))
    assert due == [eleven.id]
    assert service.last_text == f"Appointment at {time_text(dt.time(11))} (Home visit) in 15 min"  # said at 10:45, once
    if messages:  # no system tray offscreen: the status bar gets the same words
        assert messages == [service.last_text]
    client = caseload.contacts[1]  # pseudonymous in the demo data: the alias is private too
    names = (client.display_name, client.given_name, client.family_name, client.alias)
    assert all(name not in service.last_text for name in names if name)
    service.deleteLater()


def test_enter_on_the_grid_edits_the_appointment_under_the_cursor(qtbot, ui_context, caseload: Caseload) -> None:
    page = open_page(qtbot, ui_context)
    page.grid.setFocus()
    qtbot.keyClick(page.grid, Qt.Key.Key_Up)  # 08:30: free
    assert page.grid.selected_id is None and "free" in page.grid.accessibleDescription()
    qtbot.keyClick(page.grid, Qt.Key.Key_Down)  # 09:00: the first appointment
    assert page.grid.selected_id == caseload.appointments[0].id
    assert caseload.contacts[0].display_name in page.grid.accessibleDescription()
    assert page.list.currentRow() == 0  # the list follows the grid
    qtbot.keyClick(page.grid, Qt.Key.Key_Return)
    form = form_of(qtbot, page)
    assert form.booked.id == caseload.appointments[0].id
    form.reject()


def test_the_list_keeps_following_the_grid_after_a_reload(qtbot, ui_context, caseload: Caseload) -> None:
    """Issue 15 item 1 (found by the type check): after a reload the list was handed the selected
    appointment's id where it holds (id, meeting day) keys, so it lost the grid's selection."""
    page = open_page(qtbot, ui_context)
    page.grid.setFocus()
    qtbot.keyClick(page.grid, Qt.Key.Key_Down)  # 09:00 -> 09:30 -> back to 09:00 selects the first appointment
    qtbot.keyClick(page.grid, Qt.Key.Key_Up)
    assert page.grid.selected_id == caseload.appointments[0].id and page.list.currentRow() == 0
    page.reload()
    wait_for_store(qtbot, ui_context)
    assert page.grid.selected_id == caseload.appointments[0].id
    assert page.list.currentRow() == 0
    assert page.list.currentItem().data(Qt.ItemDataRole.UserRole) == page.grid.selected_key


def test_cancelled_appointments_are_struck_out(qtbot, ui_context, ui_store, caseload: Caseload) -> None:
    ui_store.call(lambda s: s.appointments.update(caseload.appointments[1].id, status="cancelled"))
    page = open_page(qtbot, ui_context)
    fonts = [page.list.item(row).font().strikeOut() for row in range(page.list.count())]
    assert fonts == [False, True, False]
    assert "Cancelled" in page.list.item(1).text()


def test_a_stopped_service_says_nothing_and_a_successor_does_not_repeat(qtbot, ui_context, caseload: Caseload) -> None:
    ui_context.clock = lambda: NOW.replace(minute=50)  # 11:00's reminder is due
    first = ReminderService(ui_context)
    said = []
    first.reminderDue.connect(said.append)
    first.start()
    wait_for_store(qtbot, ui_context)
    assert said == [caseload.appointments[1].id]
    first.stop()
    first.check_now()
    wait_for_store(qtbot, ui_context)
    successor = ReminderService(ui_context, notified=first.notified)
    successor.reminderDue.connect(said.append)
    successor.check_now()
    wait_for_store(qtbot, ui_context)
    assert said == [caseload.appointments[1].id]
    for service in (first, successor):
        service.stop()
        service.deleteLater()
