"""Helpers shared by the extractor tests: a fixed article date and running a pipeline on one text."""

from __future__ import annotations

from datetime import datetime, timezone

PUBLISHED = datetime(2025, 9, 22, tzinfo=timezone.utc)


def run(nlp, text: str, published: datetime | None = PUBLISHED):
    """`nlp` on `text` as the extraction pipeline runs it: the article date set before the components."""
    doc = nlp.make_doc(text)
    doc._.published = published
    return nlp(doc)
