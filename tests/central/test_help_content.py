"""The help desk's information pages: Markdown rendered safely, and `prossimo-central content`."""

from pathlib import Path

import pytest
from sqlalchemy import Engine

from central import cli
from central.db import session_factory
from central.help import content
from tests.help.pages import parse

# The usual payloads: script and event-handler injection, dangerous URL schemes (plain, encoded,
# mixed case, with control characters), raw HTML blocks, SVG/MathML, CSS, data: URIs, forms.
XSS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    "<iframe src=https://evil.example></iframe>",
    "<a href='javascript:alert(1)'>x</a>",
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](java\tscript:alert(1))",
    "[click](&#106;avascript:alert(1))",
    "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[click](vbscript:msgbox(1))",
    "![x](javascript:alert(1))",
    "![x](https://tracker.example/pixel.gif)",
    '<div style="background:url(javascript:alert(1))">x</div>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<form action=https://evil.example><input name=q></form>",
    '<a href="https://ok.example" onclick="alert(1)">ok</a>',
    "<object data=x.swf></object><embed src=x.swf>",
    "<<script>script>alert(1)<</script>/script>",
    "<!-- <script>alert(1)</script> -->",
    '[x](https://ok.example "title" onmouseover=alert(1))',
    "<base href=https://evil.example/>",
    "<meta http-equiv=refresh content='0;url=https://evil.example'>",
    "<link rel=stylesheet href=https://evil.example/x.css>",
]


@pytest.mark.parametrize("payload", XSS)
def test_markdown_never_lets_script_or_foreign_resources_through(payload: str) -> None:
    rendered = content.render(f"Before\n\n{payload}\n\nAfter *fine*")
    page = parse(rendered)
    assert page.fetched == [] and page.inline == [], rendered  # no img/iframe/form/link/..., no on*=/style
    assert page.tags <= content.ALLOWED_TAGS, rendered  # what is left of a tag is text, escaped
    for link in page.links:
        assert link.lower().startswith(("http://", "https://", "mailto:", "tel:", "/", "#")), rendered
    assert "<em>fine</em>" in rendered


def test_raw_html_is_shown_as_text_not_run() -> None:
    rendered = content.render("<script>alert(1)</script>")
    assert "<script" not in rendered and "&lt;script&gt;" in rendered


def test_ordinary_markdown_keeps_its_shape() -> None:
    rendered = content.render(
        "## Heading\n\n- one\n- **two**\n\n> quote\n\n[site](https://example.org) [call](tel:+39123) "
        "[mail](mailto:a@example.org)\n\n| a | b |\n|---|--:|\n| 1 | 2 |\n"
    )
    for part in ("<h2>Heading</h2>", "<li><strong>two</strong></li>", "<blockquote>", "<table>", 'href="tel:+39123"'):
        assert part in rendered
    assert 'rel="noopener noreferrer nofollow"' in rendered
    assert "style=" not in rendered  # a column's alignment would be an inline style the CSP refuses


PAGE = """---
slug: opening-times
language: en
title: "When we are open"
kind: info
summary: Hours and places
---
We are open **every weekday**.
"""


def _run(engine: Engine, *args: str) -> int:
    return cli.main(["--db", engine.url.render_as_string(hide_password=False), "content", *args])


def test_content_add_update_publish_unpublish_list(engine: Engine, tmp_path: Path, capsys) -> None:
    page_file = tmp_path / "open.en.md"
    page_file.write_text(PAGE, encoding="utf-8")
    assert _run(engine, "add", str(page_file)) == 0
    assert "added opening-times (en)" in capsys.readouterr().out
    with session_factory(engine)() as session:
        assert content.published(session, "opening-times", "en") is None  # a draft until published
    assert _run(engine, "publish", "opening-times") == 0
    page_file.write_text(PAGE.replace("every weekday", "Monday to Thursday"), encoding="utf-8")
    assert _run(engine, "update", str(page_file)) == 0
    with session_factory(engine)() as session:
        row = content.published(session, "opening-times", "en")
        assert row is not None and row.title == "When we are open" and "Monday to Thursday" in row.body
    capsys.readouterr()
    assert _run(engine, "list") == 0
    assert "opening-times\ten\tinfo\tpublished\tWhen we are open" in capsys.readouterr().out
    assert _run(engine, "unpublish", "opening-times", "--language", "en") == 0
    with session_factory(engine)() as session:
        assert content.published(session, "opening-times", "en") is None


@pytest.mark.parametrize(
    ("text", "words"),
    [
        (PAGE.replace("kind: info", "kind: advert"), "kind: one of info, testimony"),
        (PAGE.replace("language: en", "language: de"), "language: one of it, en, fi"),
        (PAGE.replace("slug: opening-times", "slug: Opening Times"), "slug: lower-case letters"),
        (PAGE.replace("summary: Hours and places\n", ""), "summary: required"),
        (PAGE.replace("---\nslug", "slug", 1), "must start with a front matter block"),
        (PAGE.replace("title:", "colour: red\ntitle:"), "expected one of slug, language, title, kind, summary"),
    ],
)
def test_a_bad_page_file_names_the_field_and_adds_nothing(
    engine: Engine, tmp_path: Path, capsys, text: str, words: str
) -> None:
    good = tmp_path / "good.md"
    good.write_text(PAGE.replace("opening-times", "good-one"), encoding="utf-8")
    bad = tmp_path / "bad.md"
    bad.write_text(text, encoding="utf-8")
    assert _run(engine, "add", str(good), str(bad)) == 2
    assert words in capsys.readouterr().err
    with session_factory(engine)() as session:
        assert content.listing(session) == []  # all or nothing


def test_adding_a_page_twice_or_updating_a_missing_one_is_refused(engine: Engine, tmp_path: Path, capsys) -> None:
    page_file = tmp_path / "p.md"
    page_file.write_text(PAGE, encoding="utf-8")
    assert _run(engine, "update", str(page_file)) == 2
    assert "use `content add`" in capsys.readouterr().err
    assert _run(engine, "add", "--publish", str(page_file)) == 0
    assert _run(engine, "add", str(page_file)) == 2
    assert "already exists in en" in capsys.readouterr().err
    assert _run(engine, "publish", "no-such-page") == 2


def test_the_demo_pages_parse_and_cover_every_language() -> None:
    pages = [content.parse(p.read_text(encoding="utf-8"), p.name) for p in sorted(content.DEMO_FOLDER.glob("*.md"))]
    by_slug: dict[str, set[str]] = {}
    for page in pages:
        by_slug.setdefault(page.slug, set()).add(page.language)
    assert all(languages == {"it", "en", "fi"} for languages in by_slug.values())
    for slug in ("addiction-treatment", "families", "gambling", "alcohol"):
        assert slug in by_slug
    testimonies = [p for p in pages if p.kind == "testimony"]
    assert len({p.slug for p in testimonies}) == 2
    for page in testimonies:  # marked as fictional, in its own language
        assert any(word in page.body.lower() for word in ("fictional", "fantasia", "keksitty")), page.slug
