"""The Graph API session shared by Facebook and Instagram: version, token, proof, paging.

facebook-sdk is frozen at Graph 3.1 (design.md, Facts), so this is plain httpx under the one
HTTP policy. The token travels as `access_token` (redacted everywhere); with the app secret
an `appsecret_proof` is added, so a leaked token alone is useless to another server.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Mapping
from typing import Any

import httpx

from collectors.graph.rules import GraphRules
from collectors.graph.setup import DEFAULT_BASE_URL, DEFAULT_VERSION
from collectors.http import HttpPolicy, HttpSession


def appsecret_proof(token: str, app_secret: str) -> str:
    return hmac.new(app_secret.encode(), token.encode(), hashlib.sha256).hexdigest()


class GraphApi:
    """GET against `{base_url}/{version}/...` with the token and the Graph rules."""

    def __init__(
        self,
        policy: HttpPolicy,
        *,
        token: str,
        version: str = DEFAULT_VERSION,
        base_url: str = DEFAULT_BASE_URL,
        app_secret: str | None = None,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        params = {"access_token": token}
        if app_secret:
            params["appsecret_proof"] = appsecret_proof(token, app_secret)
        self.version = version
        self.session = HttpSession(
            policy,
            rules=GraphRules(),
            base_url=base_url.rstrip("/"),
            transport=transport,
            params=params,
            secrets=(token, app_secret),
        )

    def get(self, path: str, params: Mapping[str, Any] | None = None, *, what: str) -> Any:
        return self.session.get_json(
            f"/{self.version}/{path.lstrip('/')}", params=params, what=what
        )

    @property
    def requests_sent(self) -> int:
        return self.session.requests_sent

    def close(self) -> None:
        self.session.close()
