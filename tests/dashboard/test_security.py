"""Off localhost the dashboard needs a login against a scrypt hash from the environment."""

from __future__ import annotations

import base64
from datetime import date

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from pulso.cli import context
from pulso.cli.app import main
from pulso.dashboard import create_app
from pulso.dashboard.security import check_hash_format, is_loopback, make_hash, verify_password
from pulso.dashboard.served import FACTORY, LOGIN_ENV, app_from_environment
from settings import load_settings

PASSWORD = "clave-larga-de-prueba"


def basic(user: str, password: str) -> dict[str, str]:
    token = base64.b64encode(f"{user}:{password}".encode()).decode()
    return {"Authorization": f"Basic {token}"}


def test_hash_round_trip_and_wrong_password() -> None:
    encoded = make_hash(PASSWORD)
    check_hash_format(encoded)
    assert encoded.startswith("scrypt:16384:8:1:") and "$" not in encoded
    assert verify_password(PASSWORD, encoded)
    assert not verify_password(PASSWORD + "x", encoded)
    assert make_hash(PASSWORD) != encoded  # salted


@pytest.mark.parametrize(
    "bad",
    ["", "plaintext", "scrypt:a:b:c:d:e", "bcrypt:1:2:3:AA==:AA==", "scrypt:16384:8:1:!!:AA=="],
)
def test_malformed_hashes_are_refused(bad: str) -> None:
    with pytest.raises(ValueError, match="PULSO_DASHBOARD_PASSWORD_HASH"):
        check_hash_format(bad)
    assert not verify_password(PASSWORD, bad)


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("localhost", True),
        ("::1", True),
        ("127.0.0.2", True),
        ("0.0.0.0", False),
        ("192.168.1.10", False),
        ("::", False),
        ("dashboard.cali.gov.co", False),
    ],
)
def test_loopback_addresses(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


@pytest.fixture
def guarded(seeded: Engine, monkeypatch: pytest.MonkeyPatch) -> TestClient:
    monkeypatch.setenv("PULSO_DASHBOARD_PASSWORD_HASH", make_hash(PASSWORD))
    app = create_app(load_settings(), seeded, require_login=True, today=lambda: date(2026, 11, 21))
    return TestClient(app)


def test_login_required_for_pages_and_api(guarded: TestClient) -> None:
    for url in ("/growth", "/api/growth", "/openapi.json", "/static/pulso.css"):
        response = guarded.get(url)
        assert response.status_code == 401
        assert response.headers["www-authenticate"].startswith("Basic")
        assert response.headers["x-frame-options"] == "DENY"
    assert guarded.get("/growth", headers=basic("pulso", "otra")).status_code == 401
    assert guarded.get("/growth", headers=basic("admin", PASSWORD)).status_code == 401
    assert guarded.get("/growth", headers={"Authorization": "Basic !!!"}).status_code == 401
    assert guarded.get("/growth", headers=basic("pulso", PASSWORD)).status_code == 200
    assert guarded.get("/api/growth", headers=basic("pulso", PASSWORD)).status_code == 200


def test_no_hash_no_app_off_localhost(seeded: Engine) -> None:
    with pytest.raises(ValueError, match="PULSO_DASHBOARD_PASSWORD_HASH"):
        create_app(load_settings(), seeded, require_login=True)


def test_cli_refuses_a_public_address_without_a_hash(capsys: pytest.CaptureFixture[str]) -> None:
    context.reset()
    assert main(["dashboard", "--host", "0.0.0.0"]) == 2
    assert "requires a login" in capsys.readouterr().err


def test_cli_refuses_a_malformed_hash(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PULSO_DASHBOARD_PASSWORD_HASH", "hunter2")
    context.reset()
    assert main(["dashboard", "--host", "0.0.0.0"]) == 2
    err = capsys.readouterr().err
    assert "scrypt:16384" in err and "hunter2" not in err


def test_cli_says_at_start_that_a_login_is_required(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    started: dict[str, object] = {}

    def fake_run(app: object, **options: object) -> None:
        started.update(options, app=app)

    monkeypatch.setattr("uvicorn.run", fake_run)
    monkeypatch.setenv("PULSO_DASHBOARD_PASSWORD_HASH", make_hash(PASSWORD))
    monkeypatch.setenv(LOGIN_ENV, "")  # restored after the test: the command sets it
    context.reset()
    assert main(["dashboard", "--host", "0.0.0.0", "--port", "8080", "--workers", "1"]) == 0
    assert (
        "http://0.0.0.0:8080/ (read-only; login required (user: pulso))" in capsys.readouterr().err
    )
    assert started["host"] == "0.0.0.0" and started["port"] == 8080
    client = TestClient(started["app"])  # type: ignore[arg-type]
    assert client.get("/growth").status_code == 401
    context.reset()
    assert main(["dashboard", "--workers", "1"]) == 0
    assert "127.0.0.1:8000/ (read-only; localhost only, no login)" in capsys.readouterr().err
    assert TestClient(started["app"]).get("/growth").status_code == 200  # type: ignore[arg-type]


def test_workers_build_the_app_the_command_checked(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    started: dict[str, object] = {}

    def serve(factory: str, workers: int, host: str, port: int) -> int:
        started.update(app=factory, workers=workers, host=host, port=port)
        return 0

    monkeypatch.setattr("pulso.dashboard.workers.serve", serve)
    monkeypatch.setenv("PULSO_DASHBOARD_PASSWORD_HASH", make_hash(PASSWORD))
    monkeypatch.setenv(LOGIN_ENV, "")
    context.reset()
    assert main(["dashboard", "--host", "0.0.0.0", "--workers", "2"]) == 0
    assert (started["app"], started["workers"], started["host"]) == (FACTORY, 2, "0.0.0.0")
    assert TestClient(app_from_environment()).get("/growth").status_code == 401
    context.reset()
    assert main(["dashboard", "--workers", "3"]) == 0
    assert started["workers"] == 3
    assert TestClient(app_from_environment()).get("/growth").status_code == 200
    capsys.readouterr()


def test_hash_password_command_prints_a_usable_hash() -> None:
    from typer.testing import CliRunner

    from pulso.cli.app import app

    result = CliRunner().invoke(
        app, ["dashboard", "--hash-password"], input=f"{PASSWORD}\n{PASSWORD}\n"
    )
    assert result.exit_code == 0
    encoded = result.output.strip().splitlines()[-1]
    assert verify_password(PASSWORD, encoded) and PASSWORD not in encoded
