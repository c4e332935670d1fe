"""The tracker's closed vocabulary (config/tariff_measures.toml): product scopes and legal bases, and reading them
off a mention's goods phrase and sentence, English and Spanish alike. Shared here, beside the other lexicons: the
tracker (storage/tracker/) groups mentions by it, and the tariff extractor names the goods of an article's stated
start dates by it (tariffs/stated.py).

Words match whole words, or word beginnings for entries that are a stem ("siderúrg"), with case and accents
folded; a multi-word entry matches its words in order. Scopes are tried in the order the file lists them, so the
more specific comes first ("electric vehicles" before "autos and parts"); a scope made of others ("steel and
aluminium") matches when all of them do.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

from extractors.accents import fold as fold_text
from extractors.config import CONFIG_DIR, ConfigError, load_toml

ALL_GOODS = "all goods"
ALL_COUNTRIES = "all countries"


def fold(text: str | None) -> str:
    """`extractors.accents.fold`, with None read as no text (a stored column may be NULL)."""
    return fold_text(text or "")


def _pattern(words: list[str]) -> re.Pattern | None:
    """One regex for a list of words: each a whole word with an optional plural ending, or, ending in "*", the
    beginning of a word ("siderúrg*" finds "siderúrgicos")."""
    if not words:
        return None
    parts = []
    for word in sorted({fold(w) for w in words}, key=len, reverse=True):
        stem = word.endswith("*")
        body = r"[\s-]+".join(re.escape(part) for part in word.rstrip("*").split())
        parts.append(body + (r"\w*" if stem else r"(?:s|es)?(?!\w)"))
    return re.compile(r"(?<![\w-])(?:" + "|".join(parts) + ")")


@dataclass(frozen=True)
class Scope:
    name: str
    pattern: re.Pattern | None
    all_of: tuple[str, ...] = ()
    phrase: bool = False
    sectoral: bool = False


@dataclass(frozen=True)
class Basis:
    name: str
    legal_basis: str | None
    splits: bool
    pattern: re.Pattern


@dataclass(frozen=True)
class Vocabulary:
    scopes: tuple[Scope, ...]
    bases: tuple[Basis, ...]

    def scope_of(self, products: str | None) -> str | None:
        """The scope a goods phrase names; None when it names none."""
        goods = fold(products)
        return self.most_specific({s.name for s in self.scopes if s.pattern is not None and s.pattern.search(goods)})

    def most_specific(self, names: set[str]) -> str | None:
        """The first scope of the file's order among `names`, a scope made of others counting when all are."""
        for scope in self.scopes:
            if scope.name in names or (scope.all_of and all(part in names for part in scope.all_of)):
                return scope.name
        return None

    def goods_in(self, sentence: str) -> list[tuple[int, int, str]]:
        """(start, end, scope) of every word of the sentence naming goods of a scope other than all goods; where
        two scopes' words overlap, the scope listed first."""
        pattern, names = self._joined_goods
        return [(m.start(), m.end(), names[m.lastgroup]) for m in pattern.finditer(fold(sentence))]

    @cached_property
    def _joined_goods(self) -> tuple[re.Pattern, dict[str, str]]:
        """One regex for all scopes (one scan of a sentence, not one per scope), alternatives in file order."""
        wanted = [s for s in self.scopes if s.pattern is not None and s.name != ALL_GOODS]
        names = {f"s{i}": s.name for i, s in enumerate(wanted)}
        return re.compile("|".join(f"(?P<s{i}>{s.pattern.pattern})" for i, s in enumerate(wanted))), names

    def bases_in(self, sentence: str) -> list[tuple[int, int, Basis]]:
        """(start, end, basis) of every basis the sentence names, in order (offsets into `sentence`: folding
        keeps lengths for the Latin letters the vocabulary uses)."""
        pattern = self._joined_bases
        return [(m.start(), m.end(), self.bases[int(m.lastgroup[1:])]) for m in pattern.finditer(fold(sentence))]

    @cached_property
    def _joined_bases(self) -> re.Pattern:
        return re.compile("|".join(f"(?P<b{i}>{b.pattern.pattern})" for i, b in enumerate(self.bases)))

    def legal_basis(self, programme: str | None) -> str | None:
        return next((b.legal_basis for b in self.bases if b.name == programme), None)


@lru_cache(maxsize=4)
def load_vocabulary(path: Path | None = None) -> Vocabulary:
    data = load_toml(path or CONFIG_DIR / "tariff_measures.toml")
    scopes, bases = [], []
    for entry in data.get("scope", []):
        try:
            scopes.append(Scope(entry["name"], _pattern(entry.get("words", [])), tuple(entry.get("all_of", [])),
                                bool(entry.get("phrase", False)), bool(entry.get("sectoral", False))))
        except KeyError as exc:
            raise ConfigError(f"{path or 'tariff_measures.toml'}: a [[scope]] without {exc}") from None
    for entry in data.get("basis", []):
        pattern = _pattern(entry.get("words", []))
        if pattern is None or "name" not in entry:
            raise ConfigError(f"{path or 'tariff_measures.toml'}: a [[basis]] needs a name and words")
        bases.append(Basis(entry["name"], entry.get("legal_basis") or None, bool(entry.get("splits", False)),
                           pattern))
    if not any(s.name == ALL_GOODS for s in scopes):
        raise ConfigError(f"{path or 'tariff_measures.toml'}: the [[scope]] {ALL_GOODS!r} is missing")
    return Vocabulary(tuple(scopes), tuple(bases))


@lru_cache(maxsize=1)
def country_codes() -> dict[str, str]:
    """{canonical country name: ISO 3166 alpha-2 code} from the knowledge base (config/countries.toml)."""
    data = load_toml(CONFIG_DIR / "countries.toml")
    return {c["name"]: c.get("iso2") or c["name"] for c in data.get("country", [])}
