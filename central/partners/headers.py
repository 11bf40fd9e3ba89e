"""The security headers of every answer under /partner/: the help desk's (central.help.headers:
the same strict CSP, no referrer, no framing, no-store, HSTS over TLS), except that the partner
pages set their one session cookie.
Must never add a header that makes a browser fetch from another origin.
"""

from typing import Any

from starlette.types import Message, Receive, Scope, Send

from central.help.headers import COMMON, HSTS

PREFIX = "/partner"
_REPLACED = {name for name, _ in COMMON} | {HSTS[0]}


class PartnerHeaders:
    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "") if scope["type"] == "http" else ""
        if not (path == PREFIX or path.startswith(PREFIX + "/")):
            await self.app(scope, receive, send)
            return
        secure = scope.get("scheme") == "https"

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", []) if k.lower() not in _REPLACED]
                headers += COMMON
                if secure:
                    headers.append(HSTS)
                if not any(k.lower() == b"cache-control" for k, _ in headers):
                    headers.append((b"cache-control", b"no-store"))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, with_headers)
