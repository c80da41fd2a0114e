"""Every client follows redirects through the one policy: credentials stay with their origin,
and a platform base URL pointing inside the network is refused like any feed link."""

from __future__ import annotations

import pytest

from collectors.errors import Refused
from collectors.graph.api import GraphApi
from collectors.http import HttpPolicy, HttpSession
from tests.news.loopback import Route, Site, serve

TOKEN = "EAAGsecretTOKEN123"


def test_a_token_never_follows_a_redirect_to_another_origin() -> None:
    other = Site(routes={"/landing": Route(b'{"ok": true}', "application/json")})
    with serve(other, address="127.0.0.1", name="127.0.0.1") as target:
        origin = Site(
            routes={
                f"/v25.0/me?access_token={TOKEN}": Route(
                    b"", None, status=307, headers={"Location": f"{target.base}/landing"}
                )
            }
        )
        with serve(origin) as first:
            session = HttpSession(
                HttpPolicy(max_retries=0, allow_hosts=("localhost", "127.0.0.1")),
                base_url=first.base,
                params={"access_token": TOKEN},
                headers={"Authorization": f"Bearer {TOKEN}"},
            )
            assert session.get_json("/v25.0/me") == {"ok": True}
    [(path, headers)] = other.requests
    assert path == "/landing" and TOKEN not in path
    assert "Authorization" not in headers
    [(first_path, first_headers)] = origin.requests
    assert TOKEN in first_path and first_headers["Authorization"] == f"Bearer {TOKEN}"


def test_a_platform_base_url_inside_the_network_is_refused_unless_allowed() -> None:
    answer = Route(b'{"id": "1234"}', "application/json")
    site = Site(routes={f"/v25.0/1234?access_token={TOKEN}": answer})
    with serve(site):
        closed = GraphApi(HttpPolicy(max_retries=0), token=TOKEN, base_url=site.base)
        with pytest.raises(Refused, match="loopback"):
            closed.get("1234", what="page")
        assert site.requests == []
        opened = GraphApi(
            HttpPolicy(max_retries=0, allow_hosts=("localhost",)), token=TOKEN, base_url=site.base
        )
        assert opened.get("1234", what="page") == {"id": "1234"}
