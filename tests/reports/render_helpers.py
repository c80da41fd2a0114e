"""Reading a rendered report.html back: tables as lists of cell texts, by section."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup, Tag


def soup_of(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")


def table_rows(soup: BeautifulSoup, name: str) -> list[list[str]]:
    table = soup.select_one(f"table.data.{name}")
    assert isinstance(table, Tag), f"no table {name}"
    return [
        [" ".join(td.get_text(" ", strip=True).split()) for td in tr.find_all("td")]
        for tr in table.select("tbody tr")
    ]


def headers(soup: BeautifulSoup, name: str) -> list[str]:
    table = soup.select_one(f"table.data.{name}")
    assert isinstance(table, Tag)
    return [th.get_text(strip=True) for th in table.select("thead th")]
