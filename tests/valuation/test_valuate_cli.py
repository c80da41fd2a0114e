"""The office's free-press story on the command line: rates, a clip log, the valuation."""

from __future__ import annotations

import csv
import io
import json
import os
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from pulso.cli.app import main
from pulso.cli.context import open_database, reset
from storage.db import transaction
from storage.models import Article, Clip, Mention, RateCard
from storage.outlets import ensure_outlet

TARIFAS = (
    "medio;programa;tipo;unidad;tarifa;vigente_desde;vigente_hasta\n"
    "Noticiero 90 Minutos;;tv;minuto;$ 3.900.000;01/01/2020;31/12/2020\n"
)
CLIPS = (
    "medio;programa;fecha;titulo;duracion\n"
    "Noticiero 90 Minutos;Emisión central;13/05/2020;Vacunación;2:48\n"
    "Noticiero 90 Minutos;Emisión central;13/05/2020;Obras;1 minutos 45 segundos\n"
    "Noticiero 90 Minutos;Emisión central;13/05/2020;Seguridad;2 min 46 s\n"
    "Noticiero 90 Minutos;Emisión central;13/05/2020;Movilidad;1:23\n"
    "Noticiero 90 Minutos;Emisión central;13/05/2020;Cultura;1 minuto 9 segundos\n"
    "Blu Radio;;13/05/2020;Entrevista al alcalde;3:00\n"
)
PERIOD = ["--from", "13/05/2020", "--to", "2020-05-13"]


@pytest.fixture(autouse=True)
def _fresh_settings() -> None:
    reset()


@pytest.fixture
def imported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    (tmp_path / "tarifas.csv").write_text(TARIFAS, encoding="utf-8")
    (tmp_path / "clips.csv").write_text(CLIPS, encoding="utf-8")
    assert main(["import", "rates", str(tmp_path / "tarifas.csv")]) == 0
    assert main(["import", "clips", str(tmp_path / "clips.csv")]) == 0
    out = capsys.readouterr().out
    assert "tarifas.csv: 1 rows: 1 added, 0 replaced, 0 unchanged" in out
    assert "clips.csv: 6 rows: 6 added, 0 replaced, 0 unchanged" in out
    return tmp_path


def _json(capsys: pytest.CaptureFixture[str], *args: str) -> dict:
    assert main(["valuate", *PERIOD, "--format", "json", *args]) == 0
    return json.loads(capsys.readouterr().out)


def test_the_2020_newscast_values_at_38_415_000_before_iva(imported: Path, capsys) -> None:
    data = _json(capsys)
    assert {k: data[k] for k in ("from", "to", "currency", "iva_rate")} == {
        "from": "2020-05-13",
        "to": "2020-05-13",
        "currency": "COP",
        "iva_rate": 0.19,
    }
    assert (data["total_before_iva"], data["iva"], data["total_with_iva"]) == (
        38_415_000,
        7_298_850,
        45_713_850,
    )
    assert list(data) == [
        "from",
        "to",
        "currency",
        "iva_rate",
        "total_before_iva",
        "iva",
        "total_with_iva",
        "items",
        "unvalued",
    ]
    assert data["items"][0] == {
        "outlet": "Noticiero 90 Minutos",
        "program": "Emisión central",
        "aired_on": "2020-05-13",
        "title": "Vacunación",
        "seconds": 168,
        "column_cm": None,
        "unit": "minute",
        "rate": 3_900_000,
        "rate_row": "tarifas.csv:2",
        "value_before_iva": 10_920_000,
    }
    assert sum(item["value_before_iva"] for item in data["items"]) == data["total_before_iva"]
    assert all(isinstance(item["value_before_iva"], int) for item in data["items"])


def test_a_clip_whose_outlet_has_no_rate_is_unvalued_with_the_reason(
    imported: Path, capsys
) -> None:
    data = _json(capsys)
    assert data["unvalued"] == [
        {
            "outlet": "Blu Radio",
            "program": None,
            "aired_on": "2020-05-13",
            "title": "Entrevista al alcalde",
            "reason": "no rate card for outlet 'Blu Radio'",
        }
    ]
    assert all(item["outlet"] != "Blu Radio" for item in data["items"])


def test_table_is_spanish_with_the_ave_note_and_the_counts(imported: Path, capsys) -> None:
    assert main(["valuate", *PERIOD]) == 0
    out = capsys.readouterr().out
    assert "Total antes de IVA: $38.415.000" in out
    assert "IVA (19 %): $7.298.850" in out
    assert "Total con IVA: $45.713.850" in out
    assert (
        "Base: 5 notas de TV, radio y prensa (9 minutos 51 segundos al aire) y 0 menciones web; 1 sin valorar"
        in out
    )
    assert "no mide su impacto (AMEC, Principios de Barcelona)" in out
    assert "Blu Radio no tiene tarifario cargado" in out
    assert "tarifas.csv:2" in out and "13/05/2020" in out


def test_a_clip_log_with_8_minutos_61_segundos_exits_2_and_stores_nothing(
    tmp_path: Path, capsys
) -> None:
    bad = tmp_path / "informe.csv"
    bad.write_text(
        CLIPS + "Noticiero 90 Minutos;;13/05/2020;Total del informe;8 minutos 61 segundos\n",
        encoding="utf-8",
    )
    assert main(["import", "clips", str(bad)]) == 2
    err = capsys.readouterr().err
    assert (
        f"{bad}:8: duracion: '8 minutos 61 segundos': seconds must be under 60; did you mean 9:01"
        in err
    )
    assert "nothing was imported" in err
    with open_database().connect() as connection:
        assert connection.scalar(select(func.count()).select_from(Clip)) == 0


def test_importing_the_same_log_twice_adds_nothing(imported: Path, capsys) -> None:
    assert main(["import", "clips", str(imported / "clips.csv")]) == 0
    assert "6 rows: 0 added, 0 replaced, 6 unchanged" in capsys.readouterr().out
    assert main(["import", "rates", str(imported / "tarifas.csv")]) == 0
    assert "1 rows: 0 added, 0 replaced, 1 unchanged" in capsys.readouterr().out
    assert _json(capsys)["total_before_iva"] == 38_415_000


def test_changing_a_rates_validity_changes_which_clips_it_values(imported: Path, capsys) -> None:
    corrected = imported / "tarifas_corregidas.csv"
    corrected.write_text(
        TARIFAS.replace("31/12/2020", "30/04/2020")
        + "Noticiero 90 Minutos;;tv;segundo;70.000;01/05/2020;\n",
        encoding="utf-8",
    )
    assert main(["import", "rates", str(corrected)]) == 0
    assert "2 rows: 1 added, 1 replaced, 0 unchanged" in capsys.readouterr().out
    data = _json(capsys)
    assert {item["rate_row"] for item in data["items"]} == {"tarifas_corregidas.csv:3"}
    assert {item["unit"] for item in data["items"]} == {"second"}
    assert data["total_before_iva"] == 591 * 70_000


def test_a_rate_overlapping_a_stored_one_exits_2_naming_both_rows(imported: Path, capsys) -> None:
    overlapping = imported / "tarifas_2020b.csv"
    overlapping.write_text(
        TARIFAS.replace("01/01/2020;31/12/2020", "01/06/2020;"), encoding="utf-8"
    )
    assert main(["import", "rates", str(overlapping)]) == 2
    err = capsys.readouterr().err
    assert (
        f"{overlapping}:2: vigente_desde: period 2020-06-01.. overlaps stored rate #1 from tarifas.csv:2"
        in err
    )
    with open_database().connect() as connection:
        assert connection.scalar(select(func.count()).select_from(RateCard)) == 1


def test_projections_only_when_asked_and_never_in_the_total(imported: Path, capsys) -> None:
    data = _json(capsys, "--broadcasts", "27", "--monitored-share", "70")
    assert data["total_before_iva"] == 38_415_000
    assert data["estimates"] == [
        {
            "kind": "broadcasts",
            "label": "estimate, not measured; not included in total_before_iva",
            "value_before_iva": 38_415_000 * 27,
            "basis_before_iva": 38_415_000,
            "broadcasts_measured": 1,
            "broadcasts": 27,
        },
        {
            "kind": "monitored_share",
            "label": "estimate, not measured; not included in total_before_iva",
            "value_before_iva": 54_878_571,
            "basis_before_iva": 38_415_000,
            "monitored_share_pct": 70,
        },
    ]
    assert main(["valuate", *PERIOD, "--broadcasts", "27"]) == 0
    assert (
        "Estimación (no medida), no incluida en el total: $1.037.205.000" in capsys.readouterr().out
    )


def test_an_impossible_share_exits_2(imported: Path, capsys) -> None:
    assert main(["valuate", *PERIOD, "--monitored-share", "170"]) == 2
    assert "monitored share must be over 0 and at most 100" in capsys.readouterr().err


def test_csv_lists_every_item_and_every_unvalued_clip(imported: Path, capsys) -> None:
    assert main(["valuate", *PERIOD, "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [r["status"] for r in rows] == ["valued"] * 5 + ["unvalued"]
    assert rows[0]["rate_row"] == "tarifas.csv:2" and rows[0]["value_before_iva"] == "10920000"
    assert rows[-1]["reason"] == "no rate card for outlet 'Blu Radio'"


def test_without_dates_the_stored_period_is_valued(imported: Path, capsys) -> None:
    assert main(["valuate", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["from"], data["to"], data["total_before_iva"]) == (
        "2020-05-13",
        "2020-05-13",
        38_415_000,
    )


def test_web_mentions_are_valued_per_item(tmp_path: Path, capsys) -> None:
    rates = tmp_path / "tarifas_web.csv"
    rates.write_text(
        "outlet,medium,unit,price,valid_from\nCali es Cali,web,nota,450.000,2020-01-01\n",
        encoding="utf-8",
    )
    assert main(["import", "rates", str(rates)]) == 0
    capsys.readouterr()
    now = datetime(2020, 5, 14, 1, 0, tzinfo=UTC)
    with transaction(open_database()) as session:
        outlets = [
            ensure_outlet(session, name=name, medium="web")
            for name in ("Cali es Cali", "Valle al Instante")
        ]
        for n, outlet in enumerate(outlets):
            article = Article(
                outlet_id=outlet.id,
                canonical_url=f"https://x/{n}",
                url=f"https://x/{n}",
                title=f"Alcaldía {n}",
                published_day=date(2020, 5, 13),
                fetched_at=now,
            )
            session.add(article)
            session.flush()
            session.add(
                Mention(article_id=article.id, matched_terms=["Alcaldía de Cali"], matched_at=now)
            )
    data = _json(capsys)
    assert [(i["outlet"], i["unit"], i["value_before_iva"]) for i in data["items"]] == [
        ("Cali es Cali", "item", 450_000)
    ]
    assert [u["outlet"] for u in data["unvalued"]] == ["Valle al Instante"]
    assert main(["valuate", *PERIOD]) == 0
    assert (
        "0 notas de TV, radio y prensa (0 segundos al aire) y 1 menciones web"
        in capsys.readouterr().out
    )


def test_the_iva_rate_comes_from_the_config(imported: Path, capsys) -> None:
    config = Path(os.environ["PULSO_CONFIG"])
    config.write_text(
        config.read_text(encoding="utf-8") + "[valuation]\niva_rate = 0.05\n", encoding="utf-8"
    )
    reset()
    data = _json(capsys)
    assert (data["iva_rate"], data["iva"], data["total_with_iva"]) == (0.05, 1_920_750, 40_335_750)
    assert main(["valuate", *PERIOD]) == 0
    assert "IVA (5 %): $1.920.750" in capsys.readouterr().out


def test_replace_moves_a_periods_start_and_revalues_the_clips(imported: Path, capsys) -> None:
    moved = imported / "tarifas_2020_v2.csv"
    moved.write_text(
        TARIFAS.replace("01/01/2020;31/12/2020", "14/05/2020;31/12/2020"), encoding="utf-8"
    )
    assert main(["import", "rates", str(moved)]) == 2  # without --replace it overlaps
    assert "overlaps stored rate #1 from tarifas.csv:2" in capsys.readouterr().err
    assert main(["import", "rates", str(moved), "--replace"]) == 0
    out = capsys.readouterr().out
    assert "1 rows: 1 added, 0 replaced, 0 unchanged" in out
    assert "1 stored rate rows removed (--replace)" in out
    data = _json(capsys)
    assert data["items"] == [] and data["total_before_iva"] == 0
    assert len(data["unvalued"]) == 6
    reasons = {u["outlet"]: u["reason"] for u in data["unvalued"]}
    assert reasons["Noticiero 90 Minutos"].startswith(
        "no rate for 'Noticiero 90 Minutos' in force on 2020-05-13 (rate periods: 2020-05-14..2020-12-31)"
    )


def test_the_table_speaks_the_offices_words_for_units_and_media(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The same display names as the weekly report: "cuña de 30 s", "cm de columna", and
    media as "Radio" and "Prensa" (the CLI had its own "cuña 30 s", "cm-columna", "radio")."""
    (tmp_path / "tarifas.csv").write_text(
        "medio;programa;tipo;unidad;tarifa;vigente_desde;vigente_hasta\n"
        "Caracol Radio;;radio;spot30;950000;01/01/2026;\n"
        "El País;;prensa;cm_columna;185000;01/01/2026;\n",
        encoding="utf-8",
    )
    (tmp_path / "radio.csv").write_text(
        "medio;fecha;titulo;duracion\nCaracol Radio;14/11/2026;Entrevista;4:30\n", encoding="utf-8"
    )
    (tmp_path / "prensa.csv").write_text(
        "medio;fecha;titulo;cm_columna\nEl País;20/11/2026;Plan de movilidad;42\n",
        encoding="utf-8",
    )
    for kind, name in (("rates", "tarifas"), ("clips", "radio"), ("clips", "prensa")):
        assert main(["import", kind, str(tmp_path / f"{name}.csv")]) == 0
    period = ["--from", "2026-11-01", "--to", "2026-11-30"]
    capsys.readouterr()
    assert main(["valuate", *period]) == 0
    table = capsys.readouterr().out
    assert "cuña de 30 s" in table and "cuña 30 s" not in table
    assert "cm de columna" in table and "cm-columna" not in table
    assert "│ Radio " in table and "│ Prensa " in table
    assert main(["valuate", *period, "--format", "csv"]) == 0
    units = [row["unit"] for row in csv.DictReader(io.StringIO(capsys.readouterr().out))]
    assert units == ["spot30", "column_cm"]  # scripts keep the codes


def _held_answers(estimates_asked: dict[str, object]) -> tuple[str, str]:
    """JSON and CSV as `pulso valuate` printed them when it held every item in memory."""
    from decimal import Decimal
    from zoneinfo import ZoneInfo

    from flows.steps.valuation import estimates, value_period
    from pulso.cli.output import _json_default
    from reports.answers import valuation as answer
    from reports.answers.text import csv_text

    valuation = value_period(
        open_database(),
        date(2020, 5, 13),
        date(2020, 5, 13),
        iva_rate=Decimal("0.19"),
        tz=ZoneInfo("America/Bogota"),
    )
    found = estimates(valuation, **estimates_asked)  # type: ignore[arg-type]
    held = json.dumps(
        answer.valuation_json(valuation, found), ensure_ascii=False, indent=2, default=_json_default
    )
    return held + "\n", csv_text(answer.csv_rows(valuation), answer.CSV_COLUMNS)


def test_streamed_json_and_csv_are_byte_identical_to_the_held_valuation(
    imported: Path, capsys
) -> None:
    held_json, held_csv = _held_answers({"broadcasts": 27})
    assert main(["valuate", *PERIOD, "--format", "json", "--broadcasts", "27"]) == 0
    assert capsys.readouterr().out == held_json
    assert main(["valuate", *PERIOD, "--format", "csv", "--broadcasts", "27"]) == 0
    assert capsys.readouterr().out == held_csv
    assert main(["valuate", *PERIOD, "--format", "csv"]) == 0
    assert capsys.readouterr().out == held_csv


def test_a_refused_estimate_prints_no_csv_row(imported: Path, capsys) -> None:
    web_only = ["--from", "2020-05-14", "--to", "2020-05-14", "--format", "csv"]
    assert main(["valuate", *web_only, "--broadcasts", "3"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "no broadcast (TV or radio clip) was valued" in captured.err
