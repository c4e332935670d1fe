"""Switching a source on or off in its sources file, in place: `tradewire sources enable|disable NAME`.

The file is the user's: its comments, blank lines, key order and spacing stay as they are. tomlkit reads it into
a document that keeps all of that and writes back only the value that changed (`enabled = false` becomes
`enabled = true`, a comment after it kept); a source without the key gets `enabled = …` as its last line. The
file is read with `load_toml` first, so a file that does not parse is reported with its line and column and
left alone.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import tomlkit

from extractors.config import ConfigError, load_toml


def set_enabled(path: Path, name: str, enabled: bool) -> bool:
    """Set `enabled` of the source called `name` in `path`; False when it already had that value (the file is
    then not written)."""
    load_toml(path)  # a clear error (path:line:column) for a file that does not parse
    with open(path, encoding="utf-8", newline="") as handle:  # line endings as they are
        text = handle.read()
    document = tomlkit.parse(text)
    entries = document.get("source", [])
    matching = [entry for entry in entries if entry.get("name") == name]
    if not matching:
        known = ", ".join(str(entry.get("name")) for entry in entries) or "none"
        raise ConfigError(f"{path}: no source named {name!r} (sources: {known})")
    entry = matching[0]
    if bool(entry.get("enabled", True)) == enabled:  # a source without the key is enabled
        return False
    value = tomlkit.item(enabled)
    if "enabled" not in entry:  # a new line ends like the file's lines (tomlkit would end it with "\n")
        value.trivia.trail = "\r\n" if "\r\n" in text else "\n"
    entry["enabled"] = value
    # Written beside and renamed over the file (the link's target, for a link): an interrupted write leaves the
    # old file, never half of one.
    path = Path(os.path.realpath(path))
    scratch = path.with_name(f".{path.name}.tradewire-edit")
    with open(scratch, "w", encoding="utf-8", newline="") as handle:
        handle.write(tomlkit.dumps(document))
    shutil.copymode(path, scratch)
    os.replace(scratch, path)
    return True
