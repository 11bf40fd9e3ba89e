"""Issue 15 item 7: every HSDS status is shown to a person. A temporarily closed service carries
its badge in the Resources list, on the map and on the handout; inactive and defunct services are
hidden until "Show closed services" is on. Real store, offscreen Qt, a real PDF read back."""

import datetime as dt
from pathlib import Path

import pypdf
from PySide6.QtCore import Qt

from desktop.ui.resources import ResourcesPage
from desktop.ui.resources.handout import write_handout_pdf
from protocol import Resource
from tests.protocol.hsds_samples import resource
from tests.ui.conftest import NOW, wait_for_store

KEYWORD = "statuscheck"
STATUSES = {
    "Mensa aperta": "active",
    "Dormitorio in lavori": "temporarily closed",
    "Sportello sospeso": "inactive",
    "Consultorio chiuso": "defunct",
}


def _fill(ui_store) -> dict[str, Resource]:
    def make(s):
        return {
            name: s.resources.create(
                organization_name="Comune di Lodi",
                service_name=name,
                status=status,
                keywords=[KEYWORD],
                categories=["food"],
                location={"municipality": "Lodi", "latitude": 45.31 + index / 200, "longitude": 9.50 + index / 200},
                last_verified_on=NOW.date(),
            )
            for index, (name, status) in enumerate(STATUSES.items())
        }

    return ui_store.call(make)


def _page(qtbot, context) -> ResourcesPage:
    page = ResourcesPage(context)
    qtbot.addWidget(page)
    page.resize(1200, 800)
    page.show()
    qtbot.waitExposed(page)
    wait_for_store(qtbot, context)
    return page


def _settle(qtbot, page: ResourcesPage) -> None:
    qtbot.waitUntil(lambda: not page._debounce.isActive(), timeout=2_000)
    wait_for_store(qtbot, page.context)


def _shown(page: ResourcesPage) -> list[str]:
    return sorted(page.results.topLevelItem(row).text(0) for row in range(page.results.topLevelItemCount()))


def test_temporarily_closed_shows_its_badge_and_closed_ones_wait_for_the_filter(qtbot, ui_context, ui_store) -> None:
    """Issue 15 item 7: the list shows "· Temporarily closed" beside the name (in words), the map
    marker says so too; inactive and defunct are not listed until the filter is on, then badged."""
    services = _fill(ui_store)
    page = _page(qtbot, ui_context)
    page.search.setText(KEYWORD)
    _settle(qtbot, page)

    assert _shown(page) == ["Dormitorio in lavori · Temporarily closed", "Mensa aperta"]
    closed = next(
        page.results.topLevelItem(row)
        for row in range(page.results.topLevelItemCount())
        if page.results.topLevelItem(row).text(0).startswith("Dormitorio")
    )
    assert "call before sending someone" in closed.toolTip(0)
    marker = page.map.markers[services["Dormitorio in lavori"].id]
    assert marker.closed and marker.toolTip() == "Dormitorio in lavori · Temporarily closed"
    assert not page.map.markers[services["Mensa aperta"].id].closed
    assert services["Sportello sospeso"].id not in page.map.markers

    assert not page.show_closed.isChecked()
    page.show_closed.setChecked(True)
    _settle(qtbot, page)
    assert _shown(page) == [
        "Consultorio chiuso · Closed for good",
        "Dormitorio in lavori · Temporarily closed",
        "Mensa aperta",
        "Sportello sospeso · Inactive",
    ]
    assert services["Consultorio chiuso"].id in page.map.markers

    page.show_closed.click()  # and off again, by a click as a person does it
    _settle(qtbot, page)
    assert len(_shown(page)) == 2
    assert page.results.topLevelItem(0).data(0, Qt.ItemDataRole.UserRole).status in ("active", "temporarily closed")


def test_a_handout_says_a_service_is_temporarily_closed(qapp, tmp_path: Path) -> None:
    """Issue 15 item 7: the printed handout carries the badge in the client's language, once."""

    def service(name: str, status: str) -> Resource:
        return resource(
            organization_name="Comune di Lodi",
            service_name=name,
            status=status,
            categories=["food"],
            location={"municipality": "Lodi"},
            last_verified_on=dt.date(2026, 3, 1),
        )

    path = tmp_path / "handout.pdf"
    write_handout_pdf(
        [service("Mensa aperta", "active"), service("Dormitorio in lavori", "temporarily closed")],
        path,
        language="it",
        large_print=False,
        today=dt.date(2026, 5, 1),
    )
    text = " ".join(pypdf.PdfReader(path).pages[0].extract_text().split())
    english = "Temporarily closed: call before going"
    assert english not in text  # in Italian, the client's language
    note = text[text.index("Dormitorio in lavori") :]
    assert text.count("Chiuso temporaneamente") == 1 and "Chiuso temporaneamente" in note
