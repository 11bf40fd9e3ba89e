"""What the help-desk tests share: reading a page's resources and form, and a walking clock."""

import datetime as dt
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

TOKEN = re.compile(r'name="token" value="([^"]+)"')
# Attributes that make a browser fetch something (an <a href> is navigation, not a resource).
FETCHING = {
    ("script", "src"),
    ("link", "href"),
    ("img", "src"),
    ("img", "srcset"),
    ("source", "src"),
    ("source", "srcset"),
    ("iframe", "src"),
    ("frame", "src"),
    ("embed", "src"),
    ("object", "data"),
    ("video", "src"),
    ("video", "poster"),
    ("audio", "src"),
    ("track", "src"),
    ("input", "src"),
    ("form", "action"),
    ("base", "href"),
}


@dataclass
class Parsed(HTMLParser):
    """Every fetching attribute, inline script or style, event handler attribute and link on a page."""

    fetched: list[str] = field(default_factory=list)
    inline: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    tags: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        HTMLParser.__init__(self)
        self._script_open = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        self.tags.add(tag)
        for name, value in attrs:
            if (tag, name) in FETCHING and value is not None:
                self.fetched.append(value)
            if name.startswith("on") or name == "style":
                self.inline.append(f"<{tag} {name}>")
            if tag == "a" and name == "href" and value is not None:
                self.links.append(value)
        if tag == "script":
            self._script_open = "src" not in values
        if tag in ("style", "iframe", "object", "embed", "frame", "frameset", "meta") and (
            tag != "meta" or values.get("http-equiv", "").lower() == "refresh"
        ):
            self.inline.append(f"<{tag}>")

    def handle_data(self, data: str) -> None:
        if self._script_open and data.strip():
            self.inline.append("<script> with inline code")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._script_open = False


def parse(html: str) -> Parsed:
    parsed = Parsed()
    parsed.feed(html)
    parsed.close()
    return parsed


def same_origin(url: str) -> bool:
    """A path on this origin: starts with one slash (not `//host`), no scheme, no backslash trick."""
    return url.startswith("/") and not url.startswith("//") and "\\" not in url and ":" not in url.split("?")[0]


@dataclass
class WalkingClock:
    now_value: dt.datetime = field(default_factory=lambda: dt.datetime(2026, 12, 3, 9, 15, tzinfo=dt.UTC))

    def now(self) -> dt.datetime:
        return self.now_value

    def walk(self, seconds: float) -> None:
        self.now_value += dt.timedelta(seconds=seconds)
