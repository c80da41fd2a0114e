"""Post exports (Meta Business Suite, YouTube Studio, X analytics, Pulso's columns): detection,
dates and numbers as people's files write them, every problem named, NULL never 0."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from openpyxl import Workbook

from importers.posts import Defaults, KnownAccount, detect_format, parse_when, read_post_file
from importers.problems import ImportRejected

BOGOTA = ZoneInfo("America/Bogota")
FETCHED = datetime(2026, 11, 27, 12, 0, tzinfo=UTC)
KNOWN = (
    KnownAccount("facebook", "AlcaldiaDeCali", id="123456789012345", name="Alcaldía de Cali"),
    KnownAccount("instagram", "alcaldiadecali"),
    KnownAccount("youtube", "@AlcaldiaDeCali", id="UCxxxxxxxxxxxxxxxxxxxxxx"),
    KnownAccount("twitter", "AlcaldiaDeCali"),
    KnownAccount("twitter", "PeerCity", own=False),
)


def _read(path: Path, text: str, **defaults: object) -> list:  # type: ignore[type-arg]
    path.write_text(text, encoding="utf-8")
    return read_post_file(
        path,
        zone=BOGOTA,
        defaults=Defaults(known=KNOWN, **defaults),  # type: ignore[arg-type]
        fetched_at=FETCHED,
    ).posts


META = (
    "Post ID,Page ID,Page name,Title,Description,Duration (sec),Publish time,Permalink,"
    "Post type,Views,Reach,Reactions,Comments,Shares\n"
    "123456789012345_987654321098765,123456789012345,Alcaldía de Cali,,Vacunación en el "
    "Pascual,,03/15/2021 09:05,https://www.facebook.com/123456789012345/posts/987654321098765,"
    'Photos,"12,400",9100,1432,218,57\n'
    "123456789012345_987654321098766,123456789012345,Alcaldía de Cali,Rendición de cuentas,,"
    "3600,03/02/2021 18:30,https://www.facebook.com/watch/?v=987654321098766,Videos,,,"
    "880,95,\n"
)


def test_meta_business_suite_export(tmp_path: Path) -> None:
    first, second = _read(tmp_path / "meta.csv", META)
    assert first.platform == "facebook"
    assert first.account_handle == "AlcaldiaDeCali"  # found by its page id
    assert first.post_id == "123456789012345_987654321098765"
    # 03/15/2021: a day above 12 in second place: the file writes MM/DD; 09:05 Bogotá.
    assert first.published_at == datetime(2021, 3, 15, 14, 5, tzinfo=UTC)
    assert (first.reactions, first.comments, first.shares, first.views) == (1432, 218, 57, 12400)
    assert first.text == "Vacunación en el Pascual"
    assert second.published_at == datetime(2021, 3, 2, 23, 30, tzinfo=UTC)
    assert second.text == "Rendición de cuentas"  # the title when there is no description
    # Empty cells are unknown: NULL, never 0.
    assert (second.views, second.shares, second.saves) == (None, None, None)
    assert second.reactions == 880


def test_meta_instagram_export_goes_to_instagram(tmp_path: Path) -> None:
    text = (
        "Post ID,Account ID,Account username,Account name,Description,Publish time,Permalink,"
        "Post type,Views,Reach,Likes,Shares,Follows,Comments,Saves\n"
        "18012345678901234,17841400000000000,alcaldiadecali,Alcaldía de Cali,Reel,"
        "2024-06-01 10:00,https://www.instagram.com/reel/AbC123/,IG reel,50000,30000,2210,"
        "40,3,145,88\n"
    )
    (post,) = _read(tmp_path / "ig.csv", text)
    assert (post.platform, post.account_handle) == ("instagram", "alcaldiadecali")
    assert (post.reactions, post.comments, post.saves, post.views) == (2210, 145, 88, 50000)


YOUTUBE = (
    "Content,Video title,Video publish time,Duration,Views,Watch time (hours),Subscribers,"
    "Likes,Comments added,Shares\n"
    "Total,,,,25300,1200.5,80,900,120,60\n"
    'dQw4w9WgXcQ,Consejo de gobierno,"Mar 2, 2021",3605,20300,1000.2,70,800,100,\n'
    'aBcDeFgHiJk,Ciclovía,"Jan 15, 2022",120,5000,200.3,10,100,20,60\n'
)


def test_youtube_studio_export_skips_the_total_row(tmp_path: Path) -> None:
    path = tmp_path / "Table data.csv"
    path.write_text(YOUTUBE, encoding="utf-8")
    parsed = read_post_file(path, zone=BOGOTA, defaults=Defaults(known=KNOWN), fetched_at=FETCHED)
    assert parsed.format == "youtube" and parsed.skipped == 1
    first, second = parsed.posts
    assert first.account_handle == "@AlcaldiaDeCali"  # the one own YouTube account
    assert first.url == "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
    assert first.published_at == datetime(2021, 3, 2, 5, 0, tzinfo=UTC)  # midnight in Bogotá
    assert (first.views, first.reactions, first.comments, first.shares) == (20300, 800, 100, None)
    assert second.shares == 60


def test_x_analytics_exports_old_and_new(tmp_path: Path) -> None:
    old = (
        "Tweet id,Tweet permalink,Tweet text,time,impressions,engagements,engagement rate,"
        "retweets,replies,likes\n"
        "1234567890123456789,https://twitter.com/AlcaldiaDeCali/status/1234567890123456789,"
        "Hola Cali,2020-05-13 14:05 +0000,18450,400,0.02,42,17,310\n"
    )
    (post,) = _read(tmp_path / "tweets.csv", old)
    assert (post.platform, post.account_handle) == ("twitter", "AlcaldiaDeCali")
    assert post.published_at == datetime(2020, 5, 13, 14, 5, tzinfo=UTC)
    assert (post.views, post.shares, post.comments, post.reactions) == (18450, 42, 17, 310)
    assert post.extra == {"quotes": None}
    new = (
        "Post id,Date,Post text,Post Link,Impressions,Likes,Engagements,Bookmarks,Shares,"
        "New follows,Replies,Reposts,Profile visits\n"
        '1976543210987654321,"Mon, Mar 02, 2026",x,https://x.com/AlcaldiaDeCali/status/'
        "1976543210987654321,100,5,9,1,0,0,2,3,1\n"
    )
    with pytest.raises(ImportRejected) as rejected:
        _read(tmp_path / "content.csv", new)
    # An unknown date shape is named, with the column as the file writes it.
    assert [str(p) for p in rejected.value.problems] == [
        f"{tmp_path / 'content.csv'}:2: Date: 'Mon, Mar 02, 2026' is not a publication time "
        "(e.g. 2026-03-02 14:05, 02/03/2026 14:05 or Mar 2, 2026)"
    ]
    (post,) = _read(tmp_path / "content.csv", new.replace('"Mon, Mar 02, 2026"', "2026-03-02"))
    assert (post.reactions, post.shares, post.saves, post.views) == (5, 3, 1, 100)


def test_pulso_columns_in_spanish_with_es_co_numbers_and_dates(tmp_path: Path) -> None:
    text = (
        "plataforma;cuenta;id publicacion;fecha;enlace;texto;reacciones;comentarios;"
        "compartidos;vistas;citas\n"
        "x;@AlcaldiaDeCali;1111;13/05/2020 08:00;;Tapabocas;1.234;56;7;235.343;3\n"
        "fb;AlcaldiaDeCali;2222;01/02/2020;;;;;;;\n"
    )
    first, second = _read(tmp_path / "pulso.csv", text)
    assert first.published_at == datetime(2020, 5, 13, 13, 0, tzinfo=UTC)
    assert (first.reactions, first.views, first.extra["quotes"]) == (1234, 235343, 3)
    assert first.url == "https://x.com/AlcaldiaDeCali/status/1111"
    # 01/02/2020 in an es-CO file is the 1st of February.
    assert second.published_at == datetime(2020, 2, 1, 5, 0, tzinfo=UTC)
    assert (second.reactions, second.comments, second.shares, second.views) == (
        None,
        None,
        None,
        None,
    )


def test_xlsx_with_real_datetimes(tmp_path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["platform", "account", "post_id", "published_at", "reactions", "views"])
    sheet.append(["instagram", "alcaldiadecali", "1801", datetime(2023, 7, 20, 10, 30), 15, None])
    sheet.append(["instagram", "alcaldiadecali", "1802", "=1+1", 3, 4])
    workbook.save(tmp_path / "posts.xlsx")
    with pytest.raises(ImportRejected) as rejected:
        read_post_file(
            tmp_path / "posts.xlsx", zone=BOGOTA, defaults=Defaults(known=KNOWN), fetched_at=FETCHED
        )
    assert [str(p) for p in rejected.value.problems] == [
        f"{tmp_path / 'posts.xlsx'}:3: published_at: formula without a saved value: "
        "open and save the file in Excel"
    ]


def test_xlsx_posts(tmp_path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["plataforma", "cuenta", "id publicacion", "fecha", "reacciones", "vistas"])
    sheet.append(["ig", "alcaldiadecali", "1801", datetime(2023, 7, 20, 10, 30), 15, None])
    sheet.append(["ig", "alcaldiadecali", 1802, "20/07/2023", "1.500", 0])
    workbook.save(tmp_path / "posts.xlsx")
    first, second = read_post_file(
        tmp_path / "posts.xlsx", zone=BOGOTA, defaults=Defaults(known=KNOWN), fetched_at=FETCHED
    ).posts
    assert (first.post_id, first.published_at) == (
        "1801",
        datetime(2023, 7, 20, 15, 30, tzinfo=UTC),
    )
    assert (first.reactions, first.views) == (15, None)  # empty: NULL
    assert (second.post_id, second.reactions, second.views) == ("1802", 1500, 0)  # a real 0


def test_every_problem_is_named_and_nothing_is_returned(tmp_path: Path) -> None:
    text = (
        "platform,account,post_id,published_at,url,reactions,comments,views\n"
        "facebook,AlcaldiaDeCali,1,31/02/2021,,10,1,\n"
        "myspace,AlcaldiaDeCali,2,2021-03-01,,10,1,\n"
        "facebook,AlcaldiaDeCali,,2021-03-01,,10,1,\n"
        "facebook,AlcaldiaDeCali,4,2021-03-01,no es un enlace,-5,uno,1.5\n"
        "facebook,AlcaldiaDeCali,5,,,1,1,1\n"
        "tiktok,,6,2021-03-01,,1,1,1\n"
        "facebook,AlcaldiaDeCali,7,2021-03-01,,1,1,1\n"
        "facebook,AlcaldiaDeCali,7,2021-03-01,,2,1,1\n"
    )
    path = tmp_path / "malo.csv"
    with pytest.raises(ImportRejected) as rejected:
        _read(path, text)
    assert [str(p) for p in rejected.value.problems] == [
        f"{path}:2: published_at: '31/02/2021' is not a real date and time",
        f"{path}:3: platform: unknown platform 'myspace' (expected one of facebook, instagram, "
        "twitter, youtube, tiktok)",
        f"{path}:4: post_id: empty: every post needs the platform's post id",
        f"{path}:5: url: 'no es un enlace' is not a web address (https://...)",
        f"{path}:5: reactions: '-5' is negative; a count cannot be",
        f"{path}:5: comments: 'uno' is not a whole number (e.g. 235343 or 235.343)",
        f"{path}:5: views: '1.5' is not a whole number (e.g. 235343 or 235.343)",
        f"{path}:6: published_at: empty: the publication time is needed to place the post "
        "in a period",
        f"{path}:7: account: no account for this tiktok post: add an account column or use "
        "--account",
        f"{path}:9: post_id: 7 appears in row 8 with other counts",
    ]


def test_unknown_file_and_missing_columns(tmp_path: Path) -> None:
    path = tmp_path / "otro.csv"
    path.write_text("nombre,valor\na,1\n", encoding="utf-8")
    with pytest.raises(ImportRejected) as rejected:
        read_post_file(path, zone=BOGOTA, defaults=Defaults(), fetched_at=FETCHED)
    assert "unknown export" in str(rejected.value.problems[0])
    path.write_text("Post ID,Page ID,Permalink\n1,2,https://facebook.com/1\n", encoding="utf-8")
    with pytest.raises(ImportRejected) as rejected:
        read_post_file(path, zone=BOGOTA, defaults=Defaults(), fetched_at=FETCHED)
    assert [p.column for p in rejected.value.problems] == ["published_at"]
    assert "Publish time" in rejected.value.problems[0].message


def test_platform_option_and_account_option(tmp_path: Path) -> None:
    text = "Post ID,Publish time,Reactions\n99,2022-01-01 10:00,5\n"
    with pytest.raises(ImportRejected) as rejected:
        _read(tmp_path / "sin.csv", text)
    assert "--platform" in rejected.value.problems[0].message
    (post,) = _read(tmp_path / "sin.csv", text, platform="facebook", account="Alcaldía de Cali")
    assert (post.platform, post.account_handle) == ("facebook", "AlcaldiaDeCali")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-03-02T14:05:11.000Z", datetime(2026, 3, 2, 14, 5, 11, tzinfo=UTC)),
        ("2026-03-02T14:05:11+0000", datetime(2026, 3, 2, 14, 5, 11, tzinfo=UTC)),
        ("2026-03-02 09:05", datetime(2026, 3, 2, 14, 5, tzinfo=UTC)),
        ("02/03/2026 2:05 p. m.", datetime(2026, 3, 2, 19, 5, tzinfo=UTC)),
        ("2 de marzo de 2026", datetime(2026, 3, 2, 5, 0, tzinfo=UTC)),
        ("Mar 2, 2026", datetime(2026, 3, 2, 5, 0, tzinfo=UTC)),
    ],
)
def test_publication_times(text: str, expected: datetime) -> None:
    assert parse_when(text, order="dmy", zone=BOGOTA) == expected


def test_detection() -> None:
    def name(header: list[str]) -> str | None:
        found = detect_format(header)
        return found.name if found else None

    assert name(["Tweet id", "Tweet permalink", "time"]) == "x"
    assert name(["Post id", "Date", "Post text", "Post Link", "Impressions"]) == "x"
    assert name(["Content", "Video title", "Video publish time"]) == "youtube"
    assert name(["Post ID", "Page ID", "Publish time"]) == "meta"
    assert name(["plataforma", "cuenta", "id publicacion", "fecha"]) == "pulso"
    assert name(["a", "b"]) is None
