"""Lets Doc objects that carry tradewire records cross process borders (`nlp.pipe(n_process=2)`).

spaCy's worker processes send each Doc back with `Doc.to_bytes()`, which packs `doc.user_data` (where the
`doc._.leaders` / `_.tariffs` / `_.quotes` / `_.percentages` lists and `doc._.published` live) with srsly's
msgpack. msgpack knows neither dataclasses nor datetimes, so this module registers an encoder/decoder pair
for the record dataclasses of `extractors.records` and for `datetime`/`date` in srsly's msgpack registries.
Importing it (the components do) is enough; it is idempotent.
"""

from __future__ import annotations

import dataclasses
from datetime import date, datetime

import srsly

from extractors import records

_TAG = "__tradewire__"
_CLASSES = {cls.__name__: cls for cls in (records.LeaderMention, records.Tariff, records.StatedDate, records.Quote,
                                           records.Percentage)}


def encode(obj, chain=None):
    if dataclasses.is_dataclass(obj) and type(obj).__name__ in _CLASSES:
        return {_TAG: type(obj).__name__, "fields": {f.name: getattr(obj, f.name) for f in dataclasses.fields(obj)}}
    if isinstance(obj, datetime):
        return {_TAG: "datetime", "iso": obj.isoformat()}
    if isinstance(obj, date):
        return {_TAG: "date", "iso": obj.isoformat()}
    return obj if chain is None else chain(obj)


def decode(obj, chain=None):
    if isinstance(obj, dict) and _TAG in obj:
        kind = obj[_TAG]
        if kind == "datetime":
            return datetime.fromisoformat(obj["iso"])
        if kind == "date":
            return date.fromisoformat(obj["iso"])
        if kind in _CLASSES:
            return _CLASSES[kind](**obj["fields"])
    return obj if chain is None else chain(obj)


def register() -> None:
    if "tradewire" not in srsly.msgpack_encoders.get_all():
        srsly.msgpack_encoders.register("tradewire", func=encode)
        srsly.msgpack_decoders.register("tradewire", func=decode)


register()
