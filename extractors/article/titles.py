"""The headline of a page: its title without " | Site name" decorations, and the site name a title declares."""

from __future__ import annotations

import html as htmllib
import re


def squash(text: str) -> str:
    return re.sub(r"[^0-9a-z]", "", text.casefold())


def host_labels(host: str | None) -> list[str]:
    labels = [l for l in (host or "").lower().split(".") if l]
    labels = labels[:-1] if len(labels) > 1 else labels  # the TLD
    return [squash(l) for l in labels if l not in ("www", "m", "amp", "news", "co", "com", "org", "net")
            and len(l) >= 3]


def is_site_name(text: str, outlet: str | None, host: str | None) -> bool:
    """Whether a title decoration names the site: the outlet's name, or a name the host name is made of.
    Containment ("Tech Lantern Video" for the outlet "Tech Lantern") counts only for short texts: a headline
    may well mention its own publication ("PolitiFact's guide to tariffs")."""
    squashed = squash(text)
    if not squashed:
        return False
    short = len(text.split()) <= 5
    if outlet:
        key = squash(outlet)
        if key and (squashed == key or (short and (squashed in key or (key in squashed and
                                                                           2 * len(key) >= len(squashed))))):
            return True
    for label in host_labels(host):
        if squashed == label or (short and ((len(label) >= 4 and label in squashed and
                                             2 * len(label) >= len(squashed)) or (
                squashed in label and len(squashed) >= 0.6 * len(label)))):
            return True
    return False


_SEPARATORS = ("|", "-", "–", "—", ":", "·", "»", "•", "::")


def clean_title(title: str | None, outlet: str | None = None, *, host: str | None = None,
                headline: str | None = None) -> str | None:
    """The headline without " | Site name" / " - Site" decorations or a "Site: " prefix.

    A decoration is removed when it names the site (the outlet, or a name the host is made of), when the
    rest is `headline` (the page's <h1> or og:title), or, for " | " only, when it is a short section or site
    label (at most four words): " - " and ": " also occur inside headlines ("Review: ..."), so they need
    evidence.
    """
    if not title:
        return None
    title = re.sub(r"\s+", " ", htmllib.unescape(title)).strip()
    if headline and not is_site_name(headline, outlet, host):
        head = re.sub(r"\s+", " ", headline).strip()
        if head and head != title and len(head) >= 10:
            for sep in _SEPARATORS:
                if title.startswith(f"{head} {sep} ") or title.endswith(f" {sep} {head}"):
                    return head
    changed = True
    while changed:
        changed = False
        for sep in _SEPARATORS:
            parts = title.rsplit(f" {sep} ", 1)
            if len(parts) == 2 and len(parts[0]) >= 10:
                rest, tail = parts
                if is_site_name(tail, outlet, host) or (sep == "|" and len(tail.split()) <= 4):
                    title, changed = rest.strip(), True
                    break
            head_parts = re.split(rf"\s*{re.escape(sep)}\s+", title, maxsplit=1) if sep in (":", "|", "-", "–",
                                                                                            "—", "»") else []
            if len(head_parts) == 2 and len(head_parts[1]) >= 10 and is_site_name(head_parts[0], outlet, host):
                title, changed = head_parts[1].strip(), True
                break
    return title or None


def title_decoration(title: str, headlines: list[str | None]) -> str | None:
    """The site name a page declares only in its <title>: "Headline | Site", where the headline is the page's
    own (its <h1> or og:title) — that evidence tells a name from a headline's own " - ". Of "Headline |
    Opinion | Site" the last part is the site; a prefix ("Opinion: Headline") is more often a section than a
    site, and a long decoration is a tagline, so neither is taken."""
    title = re.sub(r"\s+", " ", htmllib.unescape(title)).strip()
    for headline in headlines:
        head = re.sub(r"\s+", " ", headline or "").strip()
        if len(head) < 10 or head == title:
            continue
        for sep in _SEPARATORS:
            if title.startswith(f"{head} {sep} "):
                decoration = re.split("|".join(rf"\s{re.escape(other)}\s" for other in _SEPARATORS),
                                      title.removeprefix(f"{head} {sep} "))[-1].strip()
                if decoration and len(decoration.split()) <= 5:
                    return decoration
    return None


# A headline is a sentence, not a section label ("News", "Betriebliche Altersvorsorge"): an <h1> that no metadata
# title confirms is taken as the headline only from this many words (chosen on web-metadata tune: 4).
HEADLINE_MIN_WORDS = 4


def pick_headline(h1s: list[str], metadata_titles: list[str]) -> str | None:
    """The page's displayed headline among its <h1> texts: the first one a metadata title (JSON-LD headline,
    og:title, twitter:title, <title>) contains — the page says twice that it is the headline, and the metadata
    version often carries a kicker or the site's name; of several, the longest — else the first one long enough
    to be a headline."""
    keys = [_letters(t) for t in metadata_titles if t and t.strip()]
    confirmed = [h1 for h1 in h1s if len(_letters(h1)) >= 4 and any(_letters(h1) in other for other in keys)]
    if confirmed:  # the most complete one: "Zoll" (the site) and "Fachmeldungen" (a section) are confirmed too
        return max(confirmed, key=lambda h1: len(_letters(h1)))
    return next((h1 for h1 in h1s if len(h1.split()) >= HEADLINE_MIN_WORDS), None)


def _letters(text: str) -> str:
    """Letters and digits only, in any script, case folded: what two spellings of one title share."""
    return re.sub(r"[\W_]+", "", text.casefold())
