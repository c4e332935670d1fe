"""The third-person forms of Spanish "haber" that make a compound tense with a participle ("ha impuesto",
"habían dicho", "hubiera aplicado"), each with whether it is plural — shared by the tariff verbs, the verbs of
saying and the speaker search, which all step over the auxiliary to reach the verb."""

from __future__ import annotations

HABER_PLURAL: dict[str, bool] = {
    "ha": False, "han": True, "había": False, "habían": True, "habría": False, "habrían": True, "habrá": False,
    "habrán": True, "haya": False, "hayan": True, "hubiera": False, "hubieran": True, "hubo": False,
}
