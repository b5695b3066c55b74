"""Sources → things to read: files, folders (recursively), glob patterns, http(s) URLs."""

from __future__ import annotations

import glob
import ipaddress
import os
import socket
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from cronaca.errors import UsageError

TIMEOUT_S = 20.0
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
    """Refuse URLs whose host resolves to a private, loopback, link-local or reserved address."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise FetchError(f"only http and https URLs can be fetched, not {parts.scheme or 'no scheme'}")
    host = parts.hostname
    if not host:
        raise FetchError("URL has no host")
    if _private_allowed():
        return
    try:
        infos = socket.getaddrinfo(host, parts.port or (443 if parts.scheme == "https" else 80))
    except (socket.gaierror, UnicodeError) as e:
        raise FetchError(f"cannot resolve host {host!r}: {e}") from e
    for info in infos:
        address = ipaddress.ip_address(str(info[4][0]).split("%", 1)[0])
        if not address.is_global or address.is_multicast:
            raise FetchError(
                f"refused: host {host!r} resolves to the non-public address {address} "
                f"(set {ALLOW_PRIVATE_ENV}=1 to allow private addresses)"
            )


def fetch(url: str) -> Fetched:
    """GET a URL with a timeout, checking every redirect hop against the address policy."""
    import httpx

    check_host(url)

    def on_request(request: httpx.Request) -> None:
        check_host(str(request.url))

    try:
        with (
            httpx.Client(
                timeout=TIMEOUT_S,
                follow_redirects=True,
                max_redirects=5,
                headers={"User-Agent": USER_AGENT},
                event_hooks={"request": [on_request]},
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
        raise FetchError(f"timed out after {TIMEOUT_S:.0f} s") from e
    except httpx.TooManyRedirects as e:
        raise FetchError("too many redirects") from e
    except httpx.HTTPError as e:
        raise FetchError(f"cannot fetch: {type(e).__name__}: {e}") from e
