"""The first-contact form's token: a hidden field, never a cookie.

Owns: issuing the token a form page carries and checking it when the form comes back. The
token is the time the form was served and an HMAC of that time and the page's language under
the service's key (the key file's secret: every API process of a deployment checks the others'
tokens). It proves the form was served by this service within MAX_AGE, and no sooner than
MIN_FILL ago, which turns away scripts that post at once (anti-spam without a CAPTCHA).

Why no cookie is needed against cross-site request forgery: the form has no account or session
behind it, so a forged post gains no one's authority; a page on another site cannot read a token
out of ours (the same-origin policy; `frame-ancestors 'none'` stops it framing ours), and the
browser's Origin header, checked by central.help.pages, turns away a post sent from another
site. So a person with cookies and JavaScript off can still send the form.
Must never put anything about the visitor into the token.
"""

import datetime as dt
import hashlib
import hmac

MIN_FILL = dt.timedelta(seconds=3)  # a person reads a little before sending; a script does not
MAX_AGE = dt.timedelta(hours=6)  # a phone left on the page over lunch still sends


class TokenProblem(Exception):
    def __init__(self, reason: str) -> None:  # "bad", "too_fast" or "expired"
        super().__init__(reason)
        self.reason = reason


def _mac(key: bytes, language: str, issued: int) -> str:
    return hmac.new(key, f"help-form|{language}|{issued}".encode(), hashlib.sha256).hexdigest()[:32]


def issue(key: bytes, language: str, now: dt.datetime) -> str:
    issued = int(now.timestamp())
    return f"{issued}.{_mac(key, language, issued)}"


def check(key: bytes, language: str, token: str, now: dt.datetime) -> None:
    """Nothing when the token is good; TokenProblem saying why when not."""
    issued_text, _, mac = token.partition(".")
    if not issued_text.isdigit() or len(issued_text) > 12:
        raise TokenProblem("bad")
    issued = int(issued_text)
    if not hmac.compare_digest(mac.encode(), _mac(key, language, issued).encode()):
        raise TokenProblem("bad")
    age = now - dt.datetime.fromtimestamp(issued, dt.UTC)
    if age < MIN_FILL:
        raise TokenProblem("too_fast")
    if age > MAX_AGE:
        raise TokenProblem("expired")
