"""Which posts and news items belong to a campaign: pure matching, one rule for every caller.

A post belongs to a campaign when its text carries one of the campaign's hashtags as a whole
tag (`#Cali` is not in `#CaliEsMiCasa`) or one of its terms; a news item when its title or
stored text has one of its terms. Both match case- and accent-insensitively (ñ stays distinct),
terms on word boundaries, with the news matcher's rule (collectors/news/matching.py), so a
campaign finds in the press exactly what a configured news term would.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from collectors.news.matching import Matcher
from collectors.news.normalize import fold, nfc, unhide
from reports.spikes import DayMention, Group
from settings.model import CampaignConfig

CAMPAIGN_PREFIX = "campaign:"


def _tag_pattern(tag: str) -> re.Pattern[str]:
    # A whole tag: not preceded by a word character or '#', not followed by one.
    return re.compile(r"(?<![\w#])#" + re.escape(fold(tag.lstrip("#"))) + r"(?!\w)")


@dataclass(frozen=True, slots=True)
class CampaignRule:
    """A campaign's compiled hashtags and terms, and its dates (`end` None: still running)."""

    name: str
    start: date
    end: date | None
    tags: tuple[re.Pattern[str], ...]
    terms: Matcher | None

    @classmethod
    def of(cls, campaign: CampaignConfig) -> CampaignRule:
        return cls(
            name=campaign.name,
            start=campaign.from_,
            end=campaign.to,
            tags=tuple(_tag_pattern(tag) for tag in campaign.hashtags),
            terms=Matcher(campaign.terms) if campaign.terms else None,
        )

    def post_matches(self, text: str | None) -> bool:
        """An own post's text carries a hashtag (whole tag) or a term."""
        if not text:
            return False
        folded = fold(unhide(nfc(text)))
        if any(tag.search(folded) for tag in self.tags):
            return True
        return self.terms is not None and self.terms.match(None, text) is not None

    def news_matches(self, title: str | None, text: str | None) -> bool:
        """A news item's title or stored text has one of the terms (hashtags: in the text)."""
        if self.terms is not None and self.terms.match(title, text) is not None:
            return True
        if not self.tags:
            return False
        folded = fold(unhide(nfc(f"{title or ''}\n{text or ''}")))
        return any(tag.search(folded) for tag in self.tags)

    def window(self, start: date, end: date) -> tuple[date, date] | None:
        """The days of [start, end] the campaign ran, or None when none."""
        first = max(start, self.start)
        last = min(end, self.end) if self.end is not None else end
        return (first, last) if first <= last else None

    def runs_on(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


def rules(campaigns: Iterable[CampaignConfig]) -> list[CampaignRule]:
    return [CampaignRule.of(c) for c in campaigns]


def campaign_groups(campaigns: Iterable[CampaignConfig], day: date) -> dict[str, Group]:
    """Spike groups "campaign:<name>" for the campaigns running on `day`: a mention belongs
    when its title or text has the campaign's terms (counted on every day of the window, so
    the campaign's usual level is measured as for any term)."""
    groups: dict[str, Group] = {}
    for rule in rules(campaigns):
        if rule.runs_on(day):
            groups[CAMPAIGN_PREFIX + rule.name] = _belongs(rule)
    return groups


def _belongs(rule: CampaignRule) -> Group:
    def belongs(mention: DayMention) -> bool:
        return rule.news_matches(mention.title, mention.text)

    return belongs
