from __future__ import annotations

from pathlib import Path

NEWS_FIXTURES = Path(__file__).parent.parent / "fixtures" / "news"
FEEDS = NEWS_FIXTURES / "feeds"
PAGES = NEWS_FIXTURES / "pages"
