"""Put a wrapping component in the place of one of a loaded pipeline's own (the cached attribute ruler and the
cached lemmatizer wrap spaCy's): same name, same position, the original handed back to be wrapped."""

from __future__ import annotations

from typing import Any

from spacy.language import Language


def swap_pipe(nlp: Language, name: str, factory: str) -> tuple[Any, Any]:
    """Remove component `name` and add one made by `factory` under that name where it was; returns (new, old)."""
    names = nlp.component_names  # disabled ones too (the model's "senter"): add_pipe places by these
    after = names.index(name) + 1
    _, original = nlp.remove_pipe(name)
    new = nlp.add_pipe(factory, name=name, before=names[after] if after < len(names) else None)
    return new, original
