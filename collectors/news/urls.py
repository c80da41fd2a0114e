"""Canonical article URLs: the key that makes "already seen" mean the same page.

Scheme and host lowercased, default port, user info and fragment dropped, query sorted with
tracking parameters removed, AMP variants collapsed onto the regular page. Only http(s).
"""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

_TRACKING_EXACT = frozenset({"fbclid", "gclid", "dclid", "msclkid", "igshid", "_ga", "yclid"})
_TRACKING_PREFIXES = ("utm_", "mc_")
_DEFAULT_PORTS = {"http": 80, "https": 443}


class UnsupportedUrl(ValueError):
    """Not an http(s) URL; Pulso fetches nothing else (no file:, ftp:, data:...)."""


def _is_tracking(name: str, value: str) -> bool:
    lowered = name.lower()
    if lowered in _TRACKING_EXACT or lowered.startswith(_TRACKING_PREFIXES):
        return True
    # AMP switches: Arc's ?outputType=amp, WordPress's ?amp / ?amp=1.
    return lowered == "amp" or (lowered == "outputtype" and value.lower() == "amp")


def _collapse_amp_path(path: str) -> str:
    if path.startswith("/amp/"):
        path = path[len("/amp") :]
    for suffix in ("/amp/", "/amp"):
        if path.endswith(suffix) and len(path) > len(suffix):
            path = path[: -len(suffix)] + ("/" if suffix.endswith("/") else "")
            break
    return path.replace(".amp.html", ".html")


def _host(hostname: str) -> str:
    host = hostname.lower().rstrip(".")
    return host[len("amp.") :] if host.startswith("amp.") else host


def canonicalize(url: str, base: str | None = None) -> str:
    """The canonical form of `url` (resolved against `base` when relative)."""
    absolute = urljoin(base, url.strip()) if base else url.strip()
    parts = urlsplit(absolute)
    scheme = parts.scheme.lower()
    if scheme not in _DEFAULT_PORTS or not parts.hostname:
        raise UnsupportedUrl(f"not an http(s) URL: {url[:200]!r}")
    host = _host(parts.hostname)
    if ":" in host:
        host = f"[{host}]"
    try:
        port = parts.port
    except ValueError:
        raise UnsupportedUrl(f"bad port in URL: {url[:200]!r}") from None
    netloc = host if port in (None, _DEFAULT_PORTS[scheme]) else f"{host}:{port}"
    query = sorted(
        (k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _is_tracking(k, v)
    )
    path = _collapse_amp_path(parts.path or "/")
    return urlunsplit((scheme, netloc, path, urlencode(query), ""))


def is_fetchable(url: str) -> bool:
    try:
        canonicalize(url)
    except UnsupportedUrl:
        return False
    return True


def _site(host: str) -> str:
    return host[len("www.") :] if host.startswith("www.") else host


def preferred_url(fetched: str, *declared: str | None) -> str:
    """The page's own canonical (rel=canonical, then og:url) when it is on the same site.

    A canonical pointing to another site is ignored: syndicated copies often name the
    agency's original, and following it would merge two outlets' articles into one.
    """
    own = canonicalize(fetched)
    own_site = _site(urlsplit(own).netloc)
    for candidate in declared:
        if not candidate:
            continue
        try:
            resolved = canonicalize(candidate, base=fetched)
        except UnsupportedUrl:
            continue
        if _site(urlsplit(resolved).netloc) == own_site:
            return resolved
    return own
