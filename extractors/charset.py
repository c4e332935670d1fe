"""Bytes to text the way browsers do it, so accented names and curly quotes survive (no mojibake).

Order: a byte-order mark, the HTTP header's charset, the page's own <meta charset> / http-equiv, then
statistical detection. Bytes that are valid UTF-8 beyond ASCII are read as UTF-8 whatever the label says. A
declared charset that does not decode the bytes is not trusted; latin-1 is read as
windows-1252, its superset, as every browser does (publishers label cp1252 curly quotes as latin-1).
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]+)""", re.IGNORECASE)
_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_BROWSER_ALIASES = {"iso-8859-1": "cp1252", "latin-1": "cp1252", "latin1": "cp1252", "ascii": "cp1252",
                    "us-ascii": "cp1252", "iso8859-1": "cp1252"}


def charset_from_content_type(content_type: str | None) -> str | None:
    match = re.search(r"charset\s*=\s*[\"']?([\w.:-]+)", content_type or "", re.IGNORECASE)
    return match.group(1) if match else None


def _normalise(name: str | None) -> str | None:
    if not name:
        return None
    name = name.strip().lower()
    name = _BROWSER_ALIASES.get(name, name)
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _is_utf8(content: bytes) -> bool:
    try:
        content.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def decode_html(content: bytes, content_type: str | None = None) -> tuple[str, str]:
    """(text, charset used). Never raises: the last resort decodes UTF-8 with replacement characters."""
    for bom, name in _BOMS:
        if content.startswith(bom):
            return content[len(bom):].decode(name, errors="replace"), name
    meta = _META_CHARSET.search(content[:8192])
    declared = [_normalise(charset_from_content_type(content_type)), _normalise(meta.group(1).decode() if meta else None)]
    if any(declared) and not content.isascii() and _is_utf8(content):
        # Valid multi-byte UTF-8 is practically never windows-1252 text by chance: a page labelled latin-1
        # or cp1252 whose bytes are UTF-8 was mislabelled (a common CMS error), so the bytes win.
        return content.decode("utf-8"), "utf-8"
    for name in declared:
        if name is None:
            continue
        try:
            return content.decode(name), name
        except (UnicodeDecodeError, LookupError):
            continue
    try:
        return content.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    best = from_bytes(content[:200_000]).best()
    name = _normalise(best.encoding) if best else None
    if name:
        return content.decode(name, errors="replace"), name
    return content.decode("utf-8", errors="replace"), "utf-8"
