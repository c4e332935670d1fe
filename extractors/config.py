"""Where the project's data files live and how they are read.

In a clone (`make` installs it with `pip install -e .`) the `config/` folder sits beside the packages and is
used in place, so edits to it take effect at once; an installed tradewire (`pip install .`) reads the copy
shipped as the data package `tradewire_config`. Every TOML file goes through `load_toml`, which turns a syntax error into a
message naming the file, line and column, so a user can fix it without reading a traceback.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any



def _config_dir() -> Path:
    beside = Path(__file__).resolve().parent.parent / "config"
    if beside.is_dir():
        return beside
    import tradewire_config  # the installed copy (a namespace package: data only)

    return Path(next(iter(tradewire_config.__path__)))


CONFIG_DIR = _config_dir()


class ConfigError(ValueError):
    """A configuration file that cannot be used; the message says which file, where, and why."""


def load_toml(path: Path) -> dict[str, Any]:
    try:
        with open(path, "rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError:
        raise ConfigError(f"{path}: file not found") from None
    except tomllib.TOMLDecodeError as exc:
        # tomllib ends its message with "(at line L, column C)"; lift that to the front as path:line:column.
        message = str(exc)
        where = re.search(r"\(at line (\d+), column (\d+)\)", message)
        if where:
            reason = message[: where.start()].strip()
            raise ConfigError(f"{path}:{where.group(1)}:{where.group(2)}: {reason}") from None
        raise ConfigError(f"{path}: {message}") from None
