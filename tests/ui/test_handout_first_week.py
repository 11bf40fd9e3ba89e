"""Handouts as a person uses them in their first week (issue 14 item 8 (5)): a few short
services on one sheet, in the client's language, saved where the person keeps documents."""

import datetime as dt
import os
from pathlib import Path

import pytest
from PySide6.QtCore import QSizeF
from PySide6.QtGui import QPdfWriter

from desktop.ui.resources.handout import (
    HandoutDialog,
    HandoutLayout,
    count_pages,
    handout_language,
    set_handout_page,
)
from tests.ui.test_handout import TODAY, hours, numbered, page_texts, resource


def four_short_services() -> list:
    """Four services as the directory holds them: an address, a phone, an email or not, a day or
    a few of hours, the languages spoken (the four that took two pages, page 1 a third empty)."""
    return [
        resource(
            organization_name="Associazione Donne in Rete",
            service_name="Gruppo di parola per mamme",
            location={"address_1": "Via Europa 51", "postal_code": "26848", "municipality": "San Martino in Strada"},
            categories=["women", "family"],
            phones=[{"number": "+39 381 000 0403", "kind": "text", "description": "Solo messaggi"}],
            opening_hours=[hours(5, (9, 30), (11, 30))],
            languages=["it", "en", "fr", "ar", "ur"],
            last_verified_on=dt.date(2026, 10, 20),
        ),
        resource(
            organization_name="Associazione Sentieri",
            service_name="Gruppo di mutuo aiuto",
            location={
                "address_1": "Viale Italia 110",
                "postal_code": "26833",
                "municipality": "Castelnuovo Bocca d'Adda",
            },
            categories=["mental_health"],
            phones=[{"number": "+39 357 000 0527"}],
            email="segreteria@associazione-sentieri.example.org",
            opening_hours=[hours(1, (20, 30), (22, 30))],
            languages=["it", "ur"],
            last_verified_on=dt.date(2026, 9, 28),
        ),
        resource(
            organization_name="Caritas Lodigiana",
            service_name="Mensa solidale",
            location={"address_1": "Via San Francesco 21", "postal_code": "26900", "municipality": "Lodi"},
            categories=["food"],
            phones=[{"number": "+39 0371 052 522"}],
            email="accoglienza@caritas-lodigiana.example.org",
            opening_hours=[hours(day, (11, 45), (13, 30)) for day in range(1, 8)],
            languages=["it", "en", "fr", "ar"],
            last_verified_on=dt.date(2026, 10, 1),
        ),
        resource(
            organization_name="Caritas parrocchiale di Ospedaletto Lodigiano",
            service_name="Distribuzione pacchi alimentari",
            location={
                "name": "Oratorio",
                "address_1": "Via Kennedy 40",
                "postal_code": "26835",
                "municipality": "Ospedaletto Lodigiano",
            },
            categories=["food"],
            phones=[{"number": "+39 357 000 0712"}],
            email="accoglienza@caritas-parrocchiale-di-ospedaletto-lodigiano.example.org",
            opening_hours=[hours(3, (15,), (17,)), hours(6, (15,), (17,))],
            languages=["it", "sq"],
            last_verified_on=dt.date(2026, 10, 5),
        ),
    ]


def test_four_short_services_fit_on_one_page(qapp, tmp_path: Path) -> None:
    """Issue 14 item 8 (5): four short services are one sheet, not two with page 1 a third empty;
    the PDF written agrees with the count the dialog shows, and holds all four."""
    services = four_short_services()
    for language in ("en", "it", "fi"):
        assert count_pages(services, language=language, large_print=False, today=TODAY) == 1, language
    from desktop.ui.resources.handout import write_handout_pdf

    path = tmp_path / "four.pdf"
    assert write_handout_pdf(services, path, language="it", large_print=False, today=TODAY) == 1
    [text] = page_texts(path)
    for service in services:
        assert service.service_name in text


@pytest.mark.parametrize("large_print", [False, True], ids=["normal", "large print"])
def test_a_page_is_filled_before_the_next_begins(qapp, large_print: bool) -> None:
    """Issue 14 item 8 (5): a page breaks only before a service that does not fit in what is left of it."""
    writer = QPdfWriter(os.devnull)
    set_handout_page(writer)
    services = numbered(7) + four_short_services() + numbered(3)
    layout = HandoutLayout(
        services, writer, QSizeF(writer.width(), writer.height()), language="en", large_print=large_print, today=TODAY
    )
    assert layout.page_count > 1
    bottom = layout.page_size.height() - layout.footer_height
    gap = layout._mm(layout.style.service_gap_mm)
    for page, following in zip(layout.pages, layout.pages[1:], strict=False):
        last = page[-1]
        end = last.y + last.height
        assert end + gap + following[0].service.height > bottom, "the next service would have fitted"


def test_the_handout_is_in_the_language_of_the_person_it_is_for(qtbot, ui_context, ui_store) -> None:
    """Issue 14 item 8 (5): when distances start from a contact (the handout is for them), it is
    in their language; with nobody in mind, in the UI's; never English by default otherwise."""
    from desktop.ui import i18n
    from desktop.ui.resources.page import ResourcesPage
    from tests.ui.conftest import wait_for_store

    finnish = ui_store.call(
        lambda s: s.contacts.create(given_name="Eero", municipality="Lodi", preferred_language="fi-FI")
    )
    assert handout_language(finnish) == "fi" and handout_language(None) == "en"
    i18n.install("it")
    assert handout_language(None) == "it"
    i18n.install("en")

    page = ResourcesPage(ui_context)
    qtbot.addWidget(page)
    wait_for_store(qtbot, ui_context)
    assert page.handout_request()[1] == "en"
    page.choose_origin_contact()  # "distances from a contact", the person chosen in the picker
    page.contact_picker.chosen = finnish
    page.contact_picker.accept()
    wait_for_store(qtbot, ui_context)
    assert page.origin_contact is not None and page.origin_contact.id == finnish.id
    assert page.handout_request()[1] == "fi"


def test_the_save_dialog_opens_in_documents_or_the_last_folder(
    qtbot,
    ui_context,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Issue 14 item 8 (5): the suggested file is in a folder that exists: Documents, else the
    home folder (never the app's folder, where Qt's dialog falls back for a missing one); after a
    save, the folder last used."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("XDG_DOCUMENTS_DIR", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setattr(HandoutDialog, "last_folder", None)
    dialog = HandoutDialog(ui_context, numbered(2), "en", None)
    qtbot.addWidget(dialog)
    assert dialog.default_file_name().parent == home  # no Documents folder here
    (home / "Documents").mkdir()
    assert dialog.default_file_name().parent == home / "Documents"
    elsewhere = tmp_path / "handouts for the street"
    elsewhere.mkdir()
    assert dialog.save_to(elsewhere / "today.pdf")
    assert dialog.default_file_name().parent == elsewhere
    assert Path.cwd() not in (dialog.default_file_name().parent,)
