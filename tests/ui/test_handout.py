"""Printed handouts: real PDFs written by Qt, read back with pypdf (text, font sizes, QR outlines)."""

import collections
import datetime as dt
import uuid
from pathlib import Path
from typing import Any

import pypdf
import pytest
import segno
from pypdf.generic import ContentStream
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QPainterPath
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QPushButton, QWidget

from desktop.ui.resources.handout import (
    HandoutDialog,
    HandoutWords,
    dial_string,
    exception_lines,
    opening_lines,
    qr_payload,
    render_page_image,
    set_handout_page,
    write_handout_pdf,
)
from protocol import Resource, new_id
from protocol.entities import OpeningException, OpeningHours

TODAY = dt.date(2026, 11, 23)  # the UI tests' NOW
CREATED = dt.datetime(2025, 1, 1, 9, tzinfo=dt.UTC)
STALE_LINE = "Not verified recently: call before going"


def resource(**fields: Any) -> Resource:
    return Resource(id=new_id(), created_at=CREATED, updated_at=CREATED, author_device_id=uuid.uuid4(), **fields)


def hours(day: int, opens: tuple[int, ...], closes: tuple[int, ...]) -> dict[str, Any]:
    return {"weekday": day, "opens_at": dt.time(*opens), "closes_at": dt.time(*closes)}


def listening_centre() -> Resource:
    return resource(
        organization_name="Caritas Lodigiana",
        service_name="Centro d'ascolto «San Bassiano»",
        location={
            "address_1": "Via Cavour 31",
            "postal_code": "26900",
            "municipality": "Lodi",
            "latitude": 45.3138,
            "longitude": 9.5035,
        },
        categories=["food", "family"],
        phones=[{"number": "0371 948 199", "kind": "fax"}, {"number": "0371 948 100"}],
        opening_hours=[hours(day, (9,), (13,)) for day in range(1, 6)] + [hours(2, (14, 30), (17,))],
        languages=["it", "ar"],
        email="ascolto@example.org",
        last_verified_on=dt.date(2026, 6, 1),
    )


def women_desk() -> Resource:
    return resource(
        organization_name="Cooperativa sociale L'Aquilone",
        service_name="Sportello donna: ascolto e orientamento",
        location={
            "name": "Casa delle associazioni",
            "address_1": "Piazza Vittorio Emanuele II 5",
            "postal_code": "26845",
            "municipality": "Codogno",
        },
        categories=["women", "legal"],
        phones=[{"number": "+39 0377 123 4567", "kind": "hotline", "description": "anche di notte"}],
        opening_hours=[hours(3, (10,), (18,))],
        languages=["it", "en"],
        last_verified_on=None,
    )  # never verified


def housing_advice() -> Resource:
    return resource(
        organization_name="Helsingin kaupunki",
        service_name="Asumisneuvonta Päivärinne",
        location={"address_1": "Työpajankatu 8", "postal_code": "00580", "municipality": "Helsinki", "country": "FI"},
        categories=["housing"],
        opening_hours=[hours(6, (10,), (14,))],
        languages=["fi", "sv"],
        last_verified_on=dt.date(2026, 10, 1),
    )


def night_shelter() -> Resource:  # in the directory, never chosen for the handout
    return resource(
        organization_name="Fondazione Ospitalità",
        service_name="Dormitorio San Francesco",
        location={"address_1": "Viale Pavia 2", "postal_code": "26900", "municipality": "Lodi"},
        categories=["shelter"],
        phones=[{"number": "0371 555 777"}],
        last_verified_on=dt.date(2026, 9, 1),
    )


def chosen() -> list[Resource]:
    return [listening_centre(), women_desk(), housing_advice()]


def numbered(count: int) -> list[Resource]:
    """Services with names no other name contains, each with a phone and a week of hours."""
    return [
        resource(
            organization_name=f"Associazione {number:02d}",
            service_name=f"Sportello numero {number:02d}",
            location={"address_1": f"Via dei Mille {number + 100}", "postal_code": "26900", "municipality": "Lodi"},
            categories=["work"],
            phones=[{"number": f"0371 400 {number:03d}"}],
            opening_hours=[hours(day, (9,), (12,)) for day in range(1, 6)] + [hours(1, (15,), (18,))],
            last_verified_on=dt.date(2026, 3, 1),
        )
        for number in range(1, count + 1)
    ]


def page_texts(path: Path) -> list[str]:
    """Each page's text with runs of white space made single spaces (pypdf writes word gaps as tabs)."""
    return [" ".join(page.extract_text().split()) for page in pypdf.PdfReader(path).pages]


def body_points(path: Path) -> float:
    """The most used font size in the PDF, in points: the body text's."""
    sizes: collections.Counter[float] = collections.Counter()

    def visit(text: str, cm: list[float], tm: list[float], font: Any, size: float) -> None:
        if text.strip():
            sizes[round(size * cm[0] * tm[0], 1)] += len(text.strip())

    for page in pypdf.PdfReader(path).pages:
        page.extract_text(visitor_text=visit)
    return sizes.most_common(1)[0][0]


def write(
    tmp_path: Path,
    services: list[Resource],
    *,
    language: str = "en",
    large_print: bool = False,
    name: str = "handout.pdf",
) -> tuple[Path, int]:
    path = tmp_path / name
    pages = write_handout_pdf(services, path, language=language, large_print=large_print, today=TODAY)
    return path, pages


def test_the_pdf_holds_each_chosen_service_and_nothing_else(qapp, tmp_path: Path) -> None:
    path, pages = write(tmp_path, chosen())

    assert path.read_bytes().startswith(b"%PDF-")
    assert pages == 1 and len(page_texts(path)) == 1
    text = page_texts(path)[0]
    for expected in (
        "Centro d'ascolto «San Bassiano»",
        "Caritas Lodigiana",
        "Via Cavour 31",
        "26900 Lodi",
        "0371 948 100",
        "Sportello donna: ascolto e orientamento",
        "Piazza Vittorio Emanuele II 5",
        "26845 Codogno",
        "+39 0377 123 4567 (helpline) – anche di notte",
        "Asumisneuvonta Päivärinne",
        "Työpajankatu 8",
        "00580 Helsinki",
        "ascolto@example.org",
        "Food · Family",
        "Women · Legal advice",
        "Printed on 23 November 2026",
        "Page 1 of 1",
    ):
        assert expected in text
    assert "Dormitorio San Francesco" not in text and "0371 555 777" not in text
    assert "Wednesday 10:00–18:00" in text and "Monday 9:00–13:00" in text  # 24-hour, day by day
    assert text.split("Languages spoken ")[1].startswith("italiano, ")  # as their speakers write them
    assert "italiano, English" in text and "American" not in text
    metadata = pypdf.PdfReader(path).metadata
    assert metadata.title == "Useful services" and metadata.creator == "Prossimo"
    assert not metadata.author
    assert [p.name for p in tmp_path.iterdir()] == ["handout.pdf"]  # no scratch file left behind


def test_an_italian_handout_uses_italian_day_names_categories_and_dates(qapp, tmp_path: Path) -> None:
    path, _ = write(tmp_path, chosen(), language="it")
    text = page_texts(path)[0]

    for expected in (
        "Cibo · Famiglia",
        "Donne · Consulenza legale",
        "Helsingin kaupunki · Casa",
        "Lunedì 9:00–13:00",
        "Martedì 9:00–13:00 14:30–17:00",
        "Mercoledì–venerdì 9:00–13:00",
        "Lunedì–martedì",
        "Sabato 10:00–14:00",
        "23 novembre 2026",
    ):
        assert expected in text
    for english in ("Monday", "Saturday", "Food", "Women", "November"):
        assert english not in text


def test_a_finnish_handout_uses_finnish_words_and_times(qapp, tmp_path: Path) -> None:
    path, _ = write(tmp_path, chosen(), language="fi")
    text = page_texts(path)[0]

    for expected in (
        "Ruoka · Perhe",
        "Asuminen",
        "Maanantai 9.00–13.00",
        "Lauantai 10.00–14.00",
        "23. marraskuuta 2026",
        "suomi, svenska",
    ):
        assert expected in text


def test_the_handout_texts_are_in_the_handout_language_not_the_ui_one(qapp, tmp_path: Path) -> None:
    """Needs the "Handout" texts merged into the catalogues (see /work/briefs/tr_handout.py)."""
    italian, _ = write(tmp_path, chosen(), language="it", name="it.pdf")
    finnish, _ = write(tmp_path, chosen(), language="fi", name="fi.pdf")

    assert HandoutWords("it")("Opening hours") == "Orari di apertura"  # the UI stays English meanwhile
    text = page_texts(italian)[0]
    for expected in (
        "Servizi utili",
        "Indirizzo",
        "Orari di apertura",
        "Chiuso",
        "Stampato il 23 novembre 2026",
        "Pagina 1 di 1",
        "Non verificato di recente: telefona prima di andare",
    ):
        assert expected in text
    assert pypdf.PdfReader(italian).metadata.title == "Servizi utili"
    text = page_texts(finnish)[0]
    for expected in ("Hyödyllisiä palveluja", "Aukioloajat", "Suljettu", "Sivu 1/1"):
        assert expected in text


def test_large_print_has_bigger_text_and_more_pages(qapp, tmp_path: Path) -> None:
    services = numbered(4)
    normal, normal_pages = write(tmp_path, services, name="normal.pdf")
    large, large_pages = write(tmp_path, services, large_print=True, name="large.pdf")

    assert 10 <= body_points(normal) <= 12
    assert body_points(large) >= 16
    assert large_pages > normal_pages
    assert len(page_texts(large)) == large_pages
    for number in range(1, 5):
        assert sum(f"Sportello numero {number:02d}" in text for text in page_texts(large)) == 1


def test_a_page_break_never_cuts_a_service(qapp, tmp_path: Path) -> None:
    services = numbered(12)
    for large_print in (False, True):
        path, pages = write(tmp_path, services, large_print=large_print, name=f"{large_print}.pdf")
        texts = page_texts(path)
        assert pages == len(texts) > 1
        for number in range(1, 13):
            holding = [text for text in texts if f"Sportello numero {number:02d}" in text]
            assert len(holding) == 1
            for part in (
                f"Associazione {number:02d}",
                f"Via dei Mille {number + 100}",
                f"0371 400 {number:03d}",
                "Friday 9:00–12:00",
            ):
                assert part in holding[0]
        for page, text in enumerate(texts, start=1):
            assert f"Page {page} of {pages}" in text


def test_a_service_taller_than_a_page_continues_overleaf_whole(qapp, tmp_path: Path) -> None:
    """Only a service that cannot fit on any page is cut, between rows: nothing is lost or drawn twice."""
    phones = [{"number": f"0371 410 {number:03d}"} for number in range(10)]
    week = [hours(day, (8, day), (12,)) for day in range(1, 8)] + [hours(day, (14,), (18, day)) for day in range(1, 8)]
    languages = ["it", "en", "fr", "es", "de", "ar", "ro", "sq", "uk", "ru", "zh", "ur", "bn", "pt", "pl", "tr"]
    huge = resource(
        organization_name="Comune di Lodi",
        service_name="Sportello unico per l'immigrazione",
        location={"address_1": "Piazza del Broletto 1", "postal_code": "26900", "municipality": "Lodi"},
        categories=["legal", "work", "housing", "income"],
        phones=phones,
        opening_hours=week,
        languages=languages,
        last_verified_on=None,
    )
    path, pages = write(tmp_path, [huge, *numbered(1)], large_print=True)
    texts = page_texts(path)

    assert pages == len(texts) == 3
    assert "Sportello unico per l'immigrazione" in texts[0] and "Sportello numero 01" in texts[2]
    assert texts[1].startswith("Sportello unico per l'immigrazione")  # a loose sheet still says whose hours
    joined = " ".join(texts)
    for phone in phones:
        assert joined.count(phone["number"]) == 1
    assert joined.count("Sunday 8:07–12:00 14:00–18:07") == 1
    assert len(_filled_outlines(path)) == 1  # its QR code on the first page only


def test_a_stale_service_says_so_in_words(qapp, tmp_path: Path) -> None:
    old = listening_centre().model_copy(update={"last_verified_on": dt.date(2025, 11, 1)})  # 387 days before
    path, _ = write(tmp_path, [old, women_desk(), housing_advice()])
    text = page_texts(path)[0]

    assert text.count(STALE_LINE) == 2
    first, second, third = (text.index(name) for name in ("Centro d'ascolto", "Sportello donna", "Asumisneuvonta"))
    assert first < text.index(STALE_LINE) < second < text.rindex(STALE_LINE) < third


def test_qr_payload_dials_from_any_sim_or_gives_the_address() -> None:
    assert qr_payload(listening_centre()) == "tel:+390371948100"  # the voice line, never the fax
    assert qr_payload(women_desk()) == "tel:+3903771234567"
    assert qr_payload(housing_advice()) == "Asumisneuvonta Päivärinne\nTyöpajankatu 8\n00580 Helsinki"
    texts_only = resource(
        organization_name="Arcigay Lodi",
        service_name="Linea giovani",
        location={"municipality": "Lodi"},
        categories=["youth"],
        phones=[{"number": "347 123 4567", "kind": "text"}],
    )
    assert qr_payload(texts_only) == "sms:+393471234567"
    assert qr_payload(texts_only.model_copy(update={"phones": []})) == "Linea giovani\nLodi"
    assert dial_string("0371/94.81-00", "IT") == "+390371948100"
    assert dial_string("0039 0371 948100", "IT") == "+390371948100"
    assert dial_string("800 123 456", "IT") == "800123456"  # toll-free: only from Italian phones
    assert dial_string("040 123 4567", "FI") == "+358401234567"  # Finland drops the trunk 0
    assert dial_string("(030) 1234567", "DE") == "+49301234567"  # every country's plan (protocol.phones)
    assert dial_string("(12) 34", "DE") == "1234"  # not a number of that plan: as written, digits only


def test_opening_lines_merge_days_with_the_same_hours() -> None:
    week = [OpeningHours(weekday=day, opens_at=dt.time(9), closes_at=dt.time(13)) for day in (5, 4, 3, 2, 1)]
    saturday = OpeningHours(weekday=6, opens_at=dt.time(9, 30), closes_at=dt.time(12))

    assert opening_lines(week + [saturday], HandoutWords("en")) == [
        ("Monday–Friday", ["9:00–13:00"]),
        ("Saturday", ["9:30–12:00"]),
        ("Sunday", ["Closed"]),
    ]
    assert opening_lines(week, HandoutWords("it")) == [
        ("Lunedì–venerdì", ["9:00–13:00"]),
        ("Sabato–domenica", [HandoutWords("it")("Closed")]),
    ]
    assert opening_lines([], HandoutWords("fi")) == []


def test_exception_lines_say_the_coming_days_off_and_other_hours() -> None:
    today = dt.date(2026, 12, 20)
    days = [
        OpeningException(date=dt.date(2026, 12, 31), opens_at=dt.time(9), closes_at=dt.time(12)),
        OpeningException(date=dt.date(2026, 12, 24)),
        OpeningException(date=dt.date(2026, 12, 8)),  # gone by
    ]
    assert exception_lines(days, HandoutWords("it"), today) == [
        ("24 dicembre 2026", [HandoutWords("it")("Closed")]),
        ("31 dicembre 2026", ["9:00–12:00"]),
    ]
    assert exception_lines([], HandoutWords("en"), today) == []


def _filled_outlines(path: Path) -> list[QPainterPath]:
    """Every filled vector path on page 1 with many sub-paths (a QR code; text is text, rules are strokes)."""
    reader = pypdf.PdfReader(path)
    outlines, current, subpaths = [], QPainterPath(), 0
    for operands, operator in ContentStream(reader.pages[0].get_contents(), reader).operations:
        numbers = [float(value) for value in operands] if operator in (b"m", b"l", b"re") else []
        if operator == b"m":
            current.moveTo(*numbers)
            subpaths += 1
        elif operator == b"l":
            current.lineTo(*numbers)
        elif operator == b"re":
            current.addRect(*numbers)
            subpaths += 1
        elif operator == b"h":
            current.closeSubpath()
        elif operator in (b"f", b"F", b"f*", b"S", b"s", b"n", b"B", b"B*", b"b", b"b*"):
            if operator in (b"f", b"F", b"f*", b"B", b"B*", b"b", b"b*") and subpaths >= 10:
                if not operator.endswith(b"*"):
                    current.setFillRule(Qt.FillRule.WindingFill)
                outlines.append(current)
            current, subpaths = QPainterPath(), 0
    return outlines


def _payload_drawn(outline: QPainterPath, candidates: list[str]) -> str | None:
    """The candidate whose QR modules the outline fills exactly (sampled at each module's centre)."""
    box = outline.boundingRect()
    for payload in candidates:
        for level in "lmqh":
            matrix = segno.make(payload, error=level, micro=False, encoding="utf-8").matrix
            step = box.width() / len(matrix)
            drawn = [
                [
                    outline.contains(QPointF(box.left() + (column + 0.5) * step, box.top() + (row + 0.5) * step))
                    for column in range(len(matrix))
                ]
                for row in range(len(matrix))
            ]
            if drawn == [[bool(module) for module in row] for row in matrix]:
                return payload
    return None


def test_each_service_carries_a_qr_code_of_its_payload(qapp, tmp_path: Path) -> None:
    services = chosen()
    path, _ = write(tmp_path, services)
    payloads = [qr_payload(service) for service in services]

    outlines = _filled_outlines(path)
    assert len(outlines) == 3
    assert [_payload_drawn(outline, payloads) for outline in outlines] == payloads  # drawn in order, exactly
    text = page_texts(path)[0]
    assert text.count("Scan to call") == 2 and text.count("Scan for the address") == 1


def test_a_preview_image_paints_the_page_with_its_qr_codes(qapp) -> None:
    image = render_page_image(chosen(), 0, language="it", large_print=False, today=TODAY, dpi=100)

    assert abs(image.height() / image.width() - 297 / 210) < 0.01

    def dark_share(left: float, top: float, right: float, bottom: float) -> float:
        points = [
            (x, y)
            for x in range(round(image.width() * left), round(image.width() * right))
            for y in range(round(image.height() * top), round(image.height() * bottom))
        ]
        return sum(image.pixelColor(x, y).lightness() < 100 for x, y in points) / len(points)

    assert 0.3 < dark_share(0.82, 0.115, 0.92, 0.18) < 0.7  # the first QR code, top right
    assert dark_share(0.82, 0.22, 0.92, 0.30) < 0.01  # blank beneath it
    assert 0.005 < dark_share(0.07, 0.10, 0.6, 0.4) < 0.3  # text
    assert dark_share(0.07, 0.96, 0.93, 0.99) == 0  # the bottom margin


def test_nothing_to_print_or_an_unknown_language_writes_no_file(qapp, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="no services"):
        write(tmp_path, [])
    with pytest.raises(ValueError, match="language"):
        write(tmp_path, chosen(), language="de")
    with pytest.raises(OSError):
        write(tmp_path, chosen(), name="missing/handout.pdf")
    assert list(tmp_path.iterdir()) == []


def test_the_dialog_saves_and_prints_in_the_chosen_language(qtbot, ui_context, tmp_path: Path) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    dialog = HandoutDialog(ui_context, chosen(), "it", parent)
    dialog.open()

    assert dialog.language.currentData() == "it"
    assert dialog.count_label.text() == "3 services chosen"
    assert dialog.services.count() == 3 and dialog.services.item(2).text() == "Asumisneuvonta Päivärinne (Helsinki)"
    assert dialog.pages_label.text() == "1 page" and not dialog.preview.pixmap().isNull()
    dialog.language.setCurrentIndex(dialog.language.findData("fi"))
    dialog.large_print.setFocus()
    qtbot.keyClick(dialog.large_print, Qt.Key.Key_Space)
    assert dialog.large_print.isChecked()
    assert dialog.pages_label.text() == f"{dialog.page_count} pages" and dialog.page_count > 1

    target = tmp_path / "käsiohje.pdf"
    with qtbot.waitSignal(dialog.saved) as saved:
        assert dialog.save_to(target)
    assert saved.args == [target]
    texts = page_texts(target)
    assert len(texts) == dialog.page_count
    assert "Lauantai 10.00–14.00" in " ".join(texts) and body_points(target) >= 16
    assert str(target) in dialog.status.text()

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    set_handout_page(printer)  # as the dialog does before the print dialog
    with qtbot.waitSignal(dialog.printed) as printed:
        assert dialog.print_to(printer)
    assert printed.args == [dialog.page_count]
    assert page_texts(tmp_path / "printed.pdf")[0].startswith(texts[0][:60])  # same layout as the PDF

    assert not dialog.save_to(tmp_path / "no such folder" / "handout.pdf")
    assert "no such folder" in dialog.status.text() and "No such file or directory" in dialog.status.text()
    dialog.close()


def test_save_pdf_is_the_only_default_button(qtbot, ui_context) -> None:
    """Issue 14 ("Enter throws away a filled form", the same mistake here): a button box made
    without its dialog let Qt make Close a default button too, so Enter closed the dialog."""
    parent = QWidget()
    qtbot.addWidget(parent)
    dialog = HandoutDialog(ui_context, chosen(), "it", parent)
    dialog.open()
    dialog.language.setFocus()
    assert [button for button in dialog.findChildren(QPushButton) if button.isDefault()] == [dialog.save_button]
    dialog.close()
