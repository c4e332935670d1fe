"""Which files `import` and `extract` read: the paths given, with folders expanded to the supported files in them.

A folder stands for every file under it, at any depth, whose type `inputs` reads (`SUFFIXES`), optionally
narrowed by a pattern; files named on the command line are taken whatever their type, so that one of the wrong
type gets its one-line error instead of vanishing. The order is stable: the paths as given, and inside a folder
its files sorted by their path in it (folder by folder, so a run's order does not depend on the file system).
Links to folders are not followed (no loops); a link to a file is a file, and a dangling one is listed, so that
reading it gives its error like any unreadable file.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePath

from extractors.article.inputs import SUFFIXES


@dataclass
class InputFiles:
    files: list[Path] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # folders that could not be listed
    left_out: int = 0  # files in folders of a type `inputs` does not read (or not matching the pattern)


def expand(paths: Sequence[Path], pattern: str | None = None) -> InputFiles:
    """The files of `paths`: a folder's supported files (matching `pattern`, a glob matched from the right of
    each file's path inside the folder: "*.txt", "reuters-*", "2025/*/*.html"); any other path as it is."""
    found = InputFiles()
    seen: set[Path] = set()
    for path in paths:
        listed = _folder_files(path, pattern, found) if path.is_dir() else [path]
        for file in listed:
            if file not in seen:
                seen.add(file)
                found.files.append(file)
    return found


def _folder_files(folder: Path, pattern: str | None, found: InputFiles) -> list[Path]:
    files: list[Path] = []

    def unreadable(exc: OSError) -> None:
        found.errors.append(f"{exc.filename}: cannot list folder ({exc.strerror or exc})")

    for root, folders, names in os.walk(folder, onerror=unreadable):
        folders.sort()
        for name in names:
            file = Path(root, name)
            inside = PurePath(os.path.relpath(file, folder))
            if file.suffix.lower() in SUFFIXES and (pattern is None or inside.match(pattern)):
                files.append(file)
            else:
                found.left_out += 1
    return sorted(files, key=lambda f: PurePath(os.path.relpath(f, folder)).parts)


def count_articles(files: Sequence[Path], at_most: int) -> int:
    """How many articles `files` hold, counted up to `at_most`: one per page or text file, one per non-blank
    line of a .jsonl file (unreadable files count as one: their error is reported when they are read)."""
    total = 0
    for file in files:
        if total >= at_most:
            break
        if file.suffix.lower() != ".jsonl":
            total += 1
            continue
        try:
            with open(file, "rb") as handle:
                for line in handle:
                    if line.strip():
                        total += 1
                        if total >= at_most:
                            break
        except OSError:
            total += 1
    return min(total, at_most)
