"""Bytes to text the way browsers do it, so accented names and curly quotes survive (no mojibake).

Order: a byte-order mark, then bytes that are valid UTF-8 beyond ASCII (valid multi-byte UTF-8 is practically
never Western single-byte text by chance, so a page labelled latin-1 whose bytes are UTF-8 was mislabelled),
then the HTTP header's charset, then the page's own <meta charset> / http-equiv (or an XML declaration),
then detection. A declared
charset that does not decode the bytes is not trusted (a page labelled utf-8 whose bytes are windows-1252 is a
common CMS error). Latin-1 and ASCII labels are read as windows-1252, their superset, as the WHATWG Encoding
standard (and every browser) does: publishers label cp1252 curly quotes and euro signs as latin-1.

Detection, for undeclared or wrongly declared pages: text that is UTF-8 with a few broken bytes stays UTF-8;
text whose high bytes read as windows-1252 letters inside words and typographic punctuation is windows-1252
(the WHATWG fallback for Western locales); anything else goes to charset_normalizer.

Charset names are returned as the WHATWG names ("utf-8", "windows-1252", "iso-8859-2", "shift_jis").
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([a-zA-Z0-9_.:-]+)""", re.IGNORECASE)
_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
# WHATWG: these labels all mean windows-1252.
_BROWSER_ALIASES = {"iso-8859-1": "cp1252", "latin-1": "cp1252", "latin1": "cp1252", "ascii": "cp1252",
                    "us-ascii": "cp1252", "iso8859-1": "cp1252", "iso_8859-1": "cp1252", "l1": "cp1252",
                    "windows-1252": "cp1252", "x-cp1252": "cp1252", "iso-8859-9": "cp1254",
                    "utf8": "utf-8", "unicode-1-1-utf-8": "utf-8"}
# Non-ASCII characters that real Western text is made of, when decoded as windows-1252.
_WESTERN = set("€‚„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ¡¢£¥§¨©ª«¬®°±²³´µ¶·¸¹º»¼½¾¿") | {
    chr(c) for c in range(0xC0, 0x100) if c not in (0xD7, 0xF7)} | {"\xa0"}
_LETTERS_ONLY = {chr(c) for c in range(0xC0, 0x100) if c not in (0xD7, 0xF7)} | set("ŠŒŽšœžŸ")


def charset_from_content_type(content_type: str | None) -> str | None:
    match = re.search(r"charset\s*=\s*[\"']?([\w.:-]+)", content_type or "", re.IGNORECASE)
    return match.group(1) if match else None


def _normalise(name: str | None) -> str | None:
    """A Python codec name for a declared charset label, or None for an unknown label."""
    if not name:
        return None
    name = name.strip().strip("\"'").lower()
    name = _BROWSER_ALIASES.get(name, name)
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def whatwg_name(codec: str) -> str:
    """The WHATWG name of a Python codec: cp1252 -> windows-1252, iso8859-2 -> iso-8859-2."""
    name = codecs.lookup(codec).name
    match = re.fullmatch(r"cp(125\d)", name)
    if match:
        return f"windows-{match.group(1)}"
    match = re.fullmatch(r"iso8859-(\d+)", name)
    if match:
        return f"iso-8859-{match.group(1)}"
    return {"utf-16-le": "utf-16le", "utf-16-be": "utf-16be", "mbcs": "windows-1252"}.get(name, name)


def _strict(content: bytes, codec: str) -> str | None:
    try:
        return content.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def _mostly_utf8(content: bytes) -> bool:
    """UTF-8 text with a few broken bytes (a truncated character, one pasted cp1252 quote)."""
    text = content.decode("utf-8", errors="replace")
    broken = text.count("\ufffd")
    good = sum(1 for ch in text if ord(ch) > 127 and ch != "\ufffd")
    return good >= 4 and broken * 10 <= good


def _plausible_western(text: str) -> bool:
    """High bytes read as windows-1252 look like Western text: letters inside words, typographic punctuation."""
    high = [i for i, ch in enumerate(text) if ord(ch) > 127]
    if not high:
        return True
    good = 0
    for i in high:
        ch = text[i]
        if ch not in _WESTERN:
            continue
        if ch in _LETTERS_ONLY:
            # an accented letter sits next to another letter ("café", "Núñez"), not between punctuation
            before = text[i - 1] if i else " "
            after = text[i + 1] if i + 1 < len(text) else " "
            if not (before.isalpha() or after.isalpha()):
                continue
        good += 1
    return good >= 0.9 * len(high)


def _detect(content: bytes) -> str:
    """A codec for bytes that are not (declared and valid) UTF-8."""
    if _mostly_utf8(content):
        return "utf-8"
    western = _strict(content, "cp1252")
    if western is not None and _plausible_western(western):
        return "cp1252"
    best = from_bytes(content[:200_000]).best()
    name = _normalise(best.encoding) if best else None
    return name or "cp1252"


def decode_html(content: bytes, content_type: str | None = None) -> tuple[str, str]:
    """(text, charset used, as its WHATWG name). Never raises: undecodable bytes become U+FFFD."""
    for bom, name in _BOMS:
        if content.startswith(bom):
            return content[len(bom):].decode(name, errors="replace"), whatwg_name(name)
    meta = _META_CHARSET.search(content[:8192]) or _XML_ENCODING.search(content[:200])
    declared = [_normalise(charset_from_content_type(content_type)),
                _normalise(meta.group(1).decode("ascii", "replace") if meta else None)]
    declared = [name for name in dict.fromkeys(declared) if name]
    if content.isascii():
        codec = next((n for n in declared if not n.startswith("utf-16")), "utf-8")
        return content.decode(codec, errors="replace"), whatwg_name(codec)
    utf8 = _strict(content, "utf-8")
    if utf8 is not None:
        return utf8, "utf-8"
    for name in declared:
        if name == "utf-8" or name.startswith("utf-16"):
            continue  # the bytes are not UTF-8 (checked above): the label is wrong
        text = _strict(content, name)
        if text is not None:
            return text, whatwg_name(name)
    codec = _detect(content)
    return content.decode(codec, errors="replace"), whatwg_name(codec)
