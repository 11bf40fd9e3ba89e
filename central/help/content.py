"""The help desk's information pages and testimonies: Markdown in, sanitised HTML out.

Owns: reading a page file (front matter, then Markdown), the rules of a page (slug, language,
kind, title and summary lengths), storing pages in the `help_page` table (add, update,
publish, unpublish, list) and turning a page's Markdown into HTML safely: markdown-it-py with
raw HTML off, then nh3 (the ammonia sanitiser) keeps only the tags and attributes listed here
and links to http(s), mailto and tel, so nothing an author writes can run script in a reader's
browser.
Must never let raw HTML from a page through, and never show an unpublished page.
"""

import dataclasses
import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Literal, get_args

import nh3
from markdown_it import MarkdownIt
from sqlalchemy import select
from sqlalchemy.orm import Session

from central import audit
from central.help.i18n import LANGUAGES
from central.models import HelpPage
from protocol.clock import utc_now

Kind = Literal["info", "testimony"]
KINDS: tuple[str, ...] = get_args(Kind)
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
LIMITS = {"slug": 80, "title": 200, "summary": 300}
MAX_BODY = 100_000  # characters: a long page is a few thousand
FIELDS = ("slug", "language", "title", "kind", "summary")

ALLOWED_TAGS = {
    "p", "br", "hr", "h2", "h3", "h4", "ul", "ol", "li", "strong", "em", "a", "blockquote",
    "code", "pre", "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}}  # no style: the CSP refuses inline styles
_URL_SCHEMES = {"http", "https", "mailto", "tel"}
# commonmark with tables, raw HTML off: `<script>` in a page becomes text, and nh3 then
# removes anything the renderer let through (e.g. a `javascript:` link it did not know).
_MARKDOWN = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).enable("table")


class ContentError(ValueError):
    """A page breaking a rule; the message names the field and the rule."""


@dataclasses.dataclass(frozen=True)
class PageFile:
    slug: str
    language: str
    title: str
    kind: str
    summary: str
    body: str


def parse(text: str, source: str = "page") -> PageFile:
    """A page file: a front matter block between `---` lines (`name: value`, one a line), then Markdown."""
    lines = text.replace("\r\n", "\n").split("\n")
    if not lines or lines[0].strip() != "---":
        raise ContentError(f"{source}: must start with a front matter block (a line '---')")
    try:
        end = next(i for i, line in enumerate(lines[1:], 1) if line.strip() == "---")
    except StopIteration:
        raise ContentError(f"{source}: the front matter block has no closing '---' line") from None
    values: dict[str, str] = {}
    for number, line in enumerate(lines[1:end], 2):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        name, colon, value = line.partition(":")
        name = name.strip()
        if not colon or name not in FIELDS:
            raise ContentError(f"{source}, line {number}: expected one of {', '.join(FIELDS)} as 'name: value'")
        if name in values:
            raise ContentError(f"{name}: given twice")
        values[name] = _unquote(value.strip())
    missing = [name for name in FIELDS if not values.get(name)]
    if missing:
        raise ContentError(f"{missing[0]}: required in the front matter")
    page = PageFile(body="\n".join(lines[end + 1 :]).strip() + "\n", **values)
    check(page)
    return page


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value


def check(page: PageFile) -> None:
    if not SLUG.fullmatch(page.slug) or len(page.slug) > LIMITS["slug"]:
        raise ContentError(f"slug: lower-case letters, digits and single hyphens, at most {LIMITS['slug']}")
    if page.language not in LANGUAGES:
        raise ContentError(f"language: one of {', '.join(LANGUAGES)}")
    if page.kind not in KINDS:
        raise ContentError(f"kind: one of {', '.join(KINDS)}")
    for name in ("title", "summary"):
        if len(getattr(page, name)) > LIMITS[name]:
            raise ContentError(f"{name}: at most {LIMITS[name]} characters")
    if len(page.body) > MAX_BODY:
        raise ContentError(f"body: at most {MAX_BODY} characters")
    if "\x00" in page.body + page.title + page.summary:
        raise ContentError("body: must not contain the NUL character")


@lru_cache(maxsize=256)
def render(markdown: str) -> str:
    """Sanitised HTML of a page's Markdown (cached: pages are read far more than written)."""
    html = _MARKDOWN.render(markdown)
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=_ATTRIBUTES,
        url_schemes=_URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )


# --- the table ------------------------------------------------------------------------------


def find(session: Session, slug: str, language: str) -> HelpPage | None:
    return session.execute(
        select(HelpPage).where(HelpPage.slug == slug, HelpPage.language == language)
    ).scalar_one_or_none()


def add(session: Session, page: PageFile, publish: bool = False) -> HelpPage:
    if find(session, page.slug, page.language) is not None:
        raise ContentError(f"slug: {page.slug!r} already exists in {page.language}; use `content update`")
    row = HelpPage(published=publish, updated_at=utc_now(), **dataclasses.asdict(page))
    session.add(row)
    session.flush()
    audit.append(session, "help_page.add", f"help_page:{row.id}", details={"published": publish})
    return row


def update(session: Session, page: PageFile) -> HelpPage:
    row = find(session, page.slug, page.language)
    if row is None:
        raise ContentError(f"slug: no page {page.slug!r} in {page.language}; use `content add`")
    for name, value in dataclasses.asdict(page).items():
        setattr(row, name, value)
    row.updated_at = utc_now()
    audit.append(session, "help_page.update", f"help_page:{row.id}")
    return row


def set_published(session: Session, slug: str, languages: Iterable[str], published: bool) -> list[HelpPage]:
    rows = [row for language in languages if (row := find(session, slug, language)) is not None]
    if not rows:
        raise ContentError(f"slug: no page {slug!r}")
    for row in rows:
        row.published = published
        row.updated_at = utc_now()
        audit.append(session, "help_page.publish" if published else "help_page.unpublish", f"help_page:{row.id}")
    return rows


def listing(session: Session, language: str | None = None, published_only: bool = False) -> list[HelpPage]:
    query = select(HelpPage).order_by(HelpPage.kind, HelpPage.slug, HelpPage.language)
    if language is not None:
        query = query.where(HelpPage.language == language)
    if published_only:
        query = query.where(HelpPage.published.is_(True))
    return list(session.execute(query).scalars())


def published(session: Session, slug: str, language: str) -> HelpPage | None:
    row = find(session, slug, language)
    return row if row is not None and row.published else None


DEMO_FOLDER = Path(__file__).parent / "demo"


def add_demo_pages(session: Session) -> int:
    """The demo's pages (central/help/demo), published; those already there are left as they are."""
    count = 0
    for path in sorted(DEMO_FOLDER.glob("*.md")):
        page = parse(path.read_text(encoding="utf-8"), path.name)
        if find(session, page.slug, page.language) is None:
            add(session, page, publish=True)
            count += 1
    return count
