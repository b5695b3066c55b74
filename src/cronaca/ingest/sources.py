"""Sources → things to read: files, folders (recursively), glob patterns, http(s) URLs."""

from __future__ import annotations

import glob
import ipaddress
import os
import socket
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from cronaca.errors import UsageError

TIMEOUT_S = 20.0  # connect, and each read
DEADLINE_S = 60.0  # the whole download, redirects included
MAX_BYTES = 50 * 1024 * 1024
USER_AGENT = "cronaca/0.1"
ALLOW_PRIVATE_ENV = "CRONACA_ALLOW_PRIVATE_URLS"


def is_url(source: str) -> bool:
    return source[:8].lower().startswith(("http://", "https://"))


def expand(sources: Iterable[str]) -> list[str]:
    """Every file and URL the sources name, in a stable order, each once.

    Raises ``UsageError`` for a path or pattern that matches nothing: that is a typo, not
    a bad input item.
    """
    out: list[str] = []
    seen: set[str] = set()

    def add(item: str) -> None:
        if item not in seen:
            seen.add(item)
            out.append(item)

    if isinstance(sources, str):  # read("news/") would otherwise iterate over characters
        sources = [sources]
    for source in sources:
        source = str(source)
        if is_url(source) or source == "-":
            add(source)
            continue
        path = Path(source).expanduser()
        if path.is_dir():
            for found in _walk(path):
                add(found)
            continue
        if path.exists():
            add(str(path))
            continue
        matches = sorted(glob.glob(str(path), recursive=True)) if glob.has_magic(str(path)) else []
        files: list[str] = []
        for match in matches:
            files.extend(_walk(Path(match)) if Path(match).is_dir() else [match])
        if not files:
            what = "pattern" if matches or glob.has_magic(str(path)) else "file or folder"
            raise UsageError(
                f"no {what} matches {source!r}: check the path, or pass a folder or a quoted glob "
                "such as 'news/**/*.txt'"
            )
        for found in files:
            add(found)
    return out


def _walk(folder: Path) -> list[str]:
    """All regular files under a folder, hidden files and folders left out, sorted."""
    found: list[str] = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found.extend(os.path.join(root, f) for f in sorted(files) if not f.startswith("."))
    return found


class FetchError(Exception):
    """A URL that could not be fetched; the message is the reason shown to the user."""


@dataclass(frozen=True)
class Fetched:
    url: str  # after redirects
    content: bytes
    content_type: str


def _private_allowed() -> bool:
    return os.environ.get(ALLOW_PRIVATE_ENV, "").strip().lower() in ("1", "true", "yes")


def check_host(url: str) -> None:
    """Refuse URLs that are not http(s) or have no host (the address is checked on connect)."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError on a port that is not a number
    except ValueError as e:
        raise FetchError(f"invalid URL: {e}") from e
    if parts.scheme not in ("http", "https"):
        raise FetchError(f"only http and https URLs can be fetched, not {parts.scheme or 'no scheme'}")
    if not parts.hostname:
        raise FetchError("URL has no host")


def public_address(host: str, port: int) -> str:
    """The one address to connect to for ``host``: resolved once, every answer checked.

    Refuses a host any of whose addresses is private, loopback, link-local, reserved or
    multicast (unless ``CRONACA_ALLOW_PRIVATE_URLS`` is set). The caller connects to the
    returned address itself, so a name that answers differently the next time (DNS
    rebinding) cannot slip a private address in between the check and the connection.
    """
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as e:
        raise FetchError(f"cannot resolve host {host!r}: {e}") from e
    if not infos:
        raise FetchError(f"cannot resolve host {host!r}: no address")
    addresses = [ipaddress.ip_address(str(info[4][0]).split("%", 1)[0]) for info in infos]
    if not _private_allowed():
        for address in addresses:
            if not address.is_global or address.is_multicast:
                raise FetchError(
                    f"refused: host {host!r} resolves to the non-public address {address} "
                    f"(set {ALLOW_PRIVATE_ENV}=1 to allow private addresses)"
                )
    return str(addresses[0])


def _too_slow() -> str:
    return f"download took longer than {DEADLINE_S:g} s in all (a server sending slowly?)"


def _pinned_transport(deadline: float):
    """An httpx transport whose every connection goes to the address ``public_address``
    checked (TLS still verifies the certificate against the host name), and whose every
    read and connect ends by ``deadline`` (time.monotonic())."""
    import httpcore
    import httpx

    def left() -> float:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise FetchError(
                f"download took longer than {DEADLINE_S:.0f} s in all (a server sending slowly?)"
            )
        return remaining

    class Stream(httpcore.NetworkStream):
        def __init__(self, inner: httpcore.NetworkStream) -> None:
            self.inner = inner

        def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
            return self.inner.read(max_bytes, min(timeout or TIMEOUT_S, left()))

        def write(self, buffer: bytes, timeout: float | None = None) -> None:
            self.inner.write(buffer, min(timeout or TIMEOUT_S, left()))

        def close(self) -> None:
            self.inner.close()

        def start_tls(self, ssl_context, server_hostname=None, timeout=None):  # type: ignore[no-untyped-def]
            return Stream(
                self.inner.start_tls(ssl_context, server_hostname, min(timeout or TIMEOUT_S, left()))
            )

        def get_extra_info(self, info: str):  # type: ignore[no-untyped-def]
            return self.inner.get_extra_info(info)

    class Backend(httpcore.SyncBackend):
        def connect_tcp(self, host, port, timeout=None, local_address=None, socket_options=None):  # type: ignore[no-untyped-def]
            address = public_address(host, port)
            inner = super().connect_tcp(
                address, port, min(timeout or TIMEOUT_S, left()), local_address, socket_options
            )
            return Stream(inner)

    transport = httpx.HTTPTransport(trust_env=False)
    transport._pool = httpcore.ConnectionPool(  # the pool httpx would build, with our backend
        ssl_context=httpx.create_ssl_context(trust_env=False), max_connections=4, network_backend=Backend()
    )
    return transport


def fetch(url: str) -> Fetched:
    """GET a URL: every hop (redirects included) connects only to an address that was checked,
    each read waits at most ``TIMEOUT_S`` and the whole download at most ``DEADLINE_S``."""
    import httpx

    check_host(url)

    def on_request(request: httpx.Request) -> None:
        check_host(str(request.url))

    deadline = time.monotonic() + DEADLINE_S
    try:
        with (
            httpx.Client(
                timeout=TIMEOUT_S,
                follow_redirects=True,
                max_redirects=5,
                headers={"User-Agent": USER_AGENT},
                event_hooks={"request": [on_request]},
                transport=_pinned_transport(deadline),
                trust_env=False,  # no proxy from the environment: it would resolve names itself
            ) as client,
            client.stream("GET", url) as response,
        ):
            if response.status_code >= 400:
                raise FetchError(f"HTTP error {response.status_code} {response.reason_phrase}".strip())
            chunks: list[bytes] = []
            size = 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > MAX_BYTES:
                    raise FetchError(f"response larger than {MAX_BYTES // (1024 * 1024)} MB")
                chunks.append(chunk)
            return Fetched(str(response.url), b"".join(chunks), response.headers.get("content-type", ""))
    except httpx.TimeoutException as e:
        if time.monotonic() >= deadline - 0.01:
            raise FetchError(_too_slow()) from e
        raise FetchError(f"timed out after {TIMEOUT_S:.0f} s") from e
    except httpx.TooManyRedirects as e:
        raise FetchError("too many redirects") from e
    except (httpx.InvalidURL, httpx.UnsupportedProtocol, ValueError) as e:  # "0177.0.0.1", "http://[::1"
        raise FetchError(f"invalid URL: {e}") from e
    except httpx.HTTPError as e:
        raise FetchError(f"cannot fetch: {type(e).__name__}: {e}") from e
