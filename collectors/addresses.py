"""Which IP addresses Pulso may connect to: pure rules, no lookups.

A URL from a feed or a redirect can name any host; one that points inside the office's network
(a router's admin page, a cloud metadata service at 169.254.169.254) must never be fetched and
stored as an "article". Only globally routable unicast addresses pass. IPv6 forms that carry an
IPv4 address (IPv4-mapped `::ffff:a.b.c.d`, 6to4 `2002::/16`, NAT64 `64:ff9b::/96`, Teredo) are
judged by the IPv4 address inside them.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Callable

IP = ipaddress.IPv4Address | ipaddress.IPv6Address

_PRIVATE_V4 = tuple(
    ipaddress.ip_network(n) for n in ("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16")
)
_CGNAT = ipaddress.ip_network("100.64.0.0/10")
_UNIQUE_LOCAL = ipaddress.ip_network("fc00::/7")
_NAT64 = ipaddress.ip_network("64:ff9b::/96")

# Order matters: the first matching rule names the reason the operator reads.
_RULES: tuple[tuple[str, Callable[[IP], bool]], ...] = (
    ("unspecified", lambda ip: ip.is_unspecified),
    ("loopback", lambda ip: ip.is_loopback),
    ("link-local (where cloud metadata services live)", lambda ip: ip.is_link_local),
    ("private", lambda ip: any(ip in net for net in _PRIVATE_V4) or ip in _UNIQUE_LOCAL),
    ("shared carrier-grade NAT (100.64.0.0/10)", lambda ip: ip in _CGNAT),
    ("multicast", lambda ip: ip.is_multicast),
    ("reserved", lambda ip: ip.is_reserved),
    ("not a public address", lambda ip: not ip.is_global),
)


def parse_ip(text: str) -> IP | None:
    """The address when `text` is an IP literal (brackets and IPv6 zone allowed), else None."""
    candidate = text.strip().removeprefix("[").removesuffix("]").split("%", 1)[0]
    try:
        return ipaddress.ip_address(candidate)
    except ValueError:
        return None


def embedded_v4(ip: IP) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 transition form carries, if any."""
    if isinstance(ip, ipaddress.IPv4Address):
        return None
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    if ip.sixtofour is not None:
        return ip.sixtofour
    if ip in _NAT64:
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    if ip.teredo is not None:
        return ip.teredo[1]
    return None


def blocked_reason(address: str) -> str | None:
    """Why Pulso must not connect to `address` ("address 10.0.0.5 is private"), or None."""
    ip = parse_ip(address)
    if ip is None:
        return f"address {address!r} is not an IP address"
    shown = address.strip().removeprefix("[").removesuffix("]")
    inner = embedded_v4(ip)
    if inner is not None:
        reason = _first_rule(inner)
        return None if reason is None else f"address {shown} is {reason} (IPv4 {inner} inside)"
    reason = _first_rule(ip)
    return None if reason is None else f"address {shown} is {reason}"


def _first_rule(ip: IP) -> str | None:
    return next((name for name, applies in _RULES if applies(ip)), None)
