"""The security headers of every answer under /help/.

Owns: the Content-Security-Policy (everything from this origin only, no inline script or style,
no frames, no plugins, forms post only here), Referrer-Policy, X-Content-Type-Options, the framing
refusal, no-store caching of pages (a shared device's back button or cache must not show what
someone typed) and HSTS when the request came over TLS (uvicorn's TLS, or a trusted proxy's
X-Forwarded-Proto: see `serve --forwarded-allow-ips`).
The partner pages (central.partners) get the same headers, except that they may set their one
session cookie: `PageHeaders` serves both prefixes, one middleware layer for every request.
Must never add a header that makes a browser fetch from another origin, and never let an answer
under /help/ set a cookie.
"""

from typing import Any

from starlette.types import Message, Receive, Scope, Send

PREFIX = "/help"
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; font-src 'self'; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
COMMON = [
    (b"content-security-policy", CSP.encode()),
    (b"referrer-policy", b"no-referrer"),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),  # for browsers older than frame-ancestors
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=(), interest-cohort=()"),
]
HSTS = (b"strict-transport-security", b"max-age=31536000")
_REPLACED = {name for name, _ in COMMON} | {b"set-cookie", HSTS[0]}


class PageHeaders:
    """The headers above on every answer under `prefixes` (prefix -> whether its pages may set a
    cookie); other paths pass untouched."""

    def __init__(self, app: Any, prefixes: dict[str, bool]) -> None:
        self.app = app
        self.prefixes = [
            (prefix, _REPLACED - ({b"set-cookie"} if cookies else set())) for prefix, cookies in prefixes.items()
        ]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "") if scope["type"] == "http" else ""
        replaced = next(
            (names for prefix, names in self.prefixes if path == prefix or path.startswith(prefix + "/")), None
        )
        if replaced is None:
            await self.app(scope, receive, send)
            return
        secure = scope.get("scheme") == "https"

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", []) if k.lower() not in replaced]
                headers += COMMON
                if secure:
                    headers.append(HSTS)
                if not any(k.lower() == b"cache-control" for k, _ in headers):
                    headers.append((b"cache-control", b"no-store"))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, with_headers)
