"""Security headers on every response, and the reverse proxies whose word is taken.

The pages run no inline script and carry no inline style (everything is in /static), so the
Content-Security-Policy allows only the app's own files; frames from other sites are refused,
types are not sniffed and other sites learn no URL through the Referer. Behind https (as told
by a trusted proxy, see :func:`trust_proxies`) browsers are also told to keep to https.
"""
from __future__ import annotations

from typing import Any

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
       "form-action 'self'; frame-ancestors 'none'")
# Swagger UI (/api/docs, files served from the swagger-ui-bundle package) sets styles from
# its script at run time; scripts stay our own files only
CSP_DOCS = CSP.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")

HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"same-origin"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=(), payment=()"),
)
HSTS = (b"strict-transport-security", b"max-age=31536000")


class SecurityHeaders:
    """Plain ASGI (see ServerTiming in app.py for why not BaseHTTPMiddleware)."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        docs = scope.get("path", "").startswith("/api/docs")
        policy = (CSP_DOCS if docs else CSP).encode()
        https = scope.get("scheme") == "https"

        async def with_headers(message: Any) -> None:
            if message["type"] == "http.response.start":
                have = {name.lower() for name, _ in message.get("headers", [])}
                extra = [(b"content-security-policy", policy), *HEADERS]
                if https:
                    extra.append(HSTS)
                message["headers"] = [*message.get("headers", []),
                                      *(h for h in extra if h[0] not in have)]
            await send(message)

        await self.app(scope, receive, with_headers)


def trust_proxies(app: Any, proxies: tuple[str, ...]) -> Any:
    """``app`` behind uvicorn's ProxyHeadersMiddleware trusting only ``proxies`` (addresses or
    networks); with none, X-Forwarded-* headers are ignored and the app is returned as is."""
    if not proxies:
        return app
    from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

    return ProxyHeadersMiddleware(app, trusted_hosts=list(proxies))
