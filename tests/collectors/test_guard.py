"""Which addresses the SSRF guard refuses, how allowed hosts are matched, and DNS failures."""

from __future__ import annotations

import socket

import pytest
from pydantic import ValidationError

from collectors.addresses import blocked_reason
from collectors.errors import SourceUnavailable
from collectors.guard import AddressGuard
from collectors.http import HttpPolicy, HttpSession
from settings import Config


@pytest.mark.parametrize(
    ("address", "reason"),
    [
        ("127.0.0.1", "loopback"),
        ("127.0.0.2", "loopback"),
        ("10.0.0.5", "private"),
        ("172.16.0.1", "private"),
        ("172.31.255.255", "private"),
        ("192.168.1.1", "private"),
        ("169.254.169.254", "link-local"),
        ("100.64.0.1", "carrier-grade NAT"),
        ("100.127.255.254", "carrier-grade NAT"),
        ("0.0.0.0", "unspecified"),
        ("224.0.0.1", "multicast"),
        ("240.0.0.1", "reserved"),
        ("192.0.2.10", "not a public address"),  # documentation range
        ("::1", "loopback"),
        ("::", "unspecified"),
        ("fc00::1", "private"),
        ("fd12:3456::1", "private"),
        ("fe80::1", "link-local"),
        ("ff02::1", "multicast"),
        ("::ffff:127.0.0.1", "loopback (IPv4 127.0.0.1 inside)"),
        ("::ffff:169.254.169.254", "link-local"),
        ("2002:a00:5::1", "private (IPv4 10.0.0.5 inside)"),  # 6to4
        ("64:ff9b::a9fe:a9fe", "link-local (where cloud"),  # NAT64 of 169.254.169.254
    ],
)
def test_internal_addresses_are_refused_with_the_reason(address: str, reason: str) -> None:
    found = blocked_reason(address)
    assert found is not None and found.startswith(f"address {address} is ")
    assert reason in found


@pytest.mark.parametrize(
    "address",
    ["93.184.215.14", "172.32.0.1", "100.128.0.1", "2606:4700::1111", "64:ff9b::808:808"],
)
def test_public_addresses_pass(address: str) -> None:
    assert blocked_reason(address) is None


def test_allowed_hosts_match_as_written_in_urls_with_an_optional_port() -> None:
    guard = AddressGuard(["localhost", "Intranet.Cali.gov.co:8080", "[::1]"])
    assert guard.allowed("localhost", 1234) and guard.allowed("LOCALHOST.", 80)
    assert guard.allowed("intranet.cali.gov.co", 8080)
    assert not guard.allowed("intranet.cali.gov.co", 80)
    assert guard.allowed("::1", 8000)
    assert not guard.allowed("127.0.0.1", 80)  # the name allowed, not what it resolves to


def test_an_allowed_host_may_resolve_inside_and_others_may_not() -> None:
    answers = {"intranet.cali.gov.co": ["10.1.2.3"], "evil.example": ["10.1.2.3"]}
    guard = AddressGuard(["intranet.cali.gov.co"], resolve=lambda host, port: answers[host])
    assert guard.vet("intranet.cali.gov.co", 443) == ["10.1.2.3"]
    with pytest.raises(Exception, match=r"evil\.example: not fetched: address 10\.1\.2\.3"):
        guard.vet("evil.example", 443)


def test_a_name_that_does_not_resolve_is_an_unavailable_source() -> None:
    def no_dns(host: str, port: int) -> list[str]:
        raise socket.gaierror(-2, "Name or service not known")

    session = HttpSession(HttpPolicy(max_retries=0), resolver=no_dns, sleep=lambda s: None)
    with pytest.raises(SourceUnavailable, match="network error"):
        session.request("GET", "https://www.elpais.com.co/robots.txt")


@pytest.mark.parametrize("entry", ["http://intranet/", "intranet:abc", "", "user@intranet"])
def test_allow_hosts_entries_must_be_hosts(entry: str) -> None:
    with pytest.raises(ValidationError, match="is not a host"):
        Config.model_validate({"http": {"allow_hosts": [entry]}})
