"""Which packages a `pip install .` installs; everything else about the project is in pyproject.toml.

The code packages are found (every folder of `extractors/`, `flows/` and `storage/` holding an `__init__.py`).
`config/` ships as the data package `tradewire_config` with every file under it, so an installed tradewire has
its knowledge base, settings and demo site (extractors/config.py): each of its folders is declared as a package
of data, which is what setuptools needs to install nested data without warning about it. The browse page's
templates and stylesheet ship with `flows.browse`.
"""

from pathlib import Path

from setuptools import find_packages, setup

HERE = Path(__file__).resolve().parent
CODE = find_packages(where=str(HERE), include=["extractors", "extractors.*", "flows", "flows.*", "storage",
                                               "storage.*"])
DATA = sorted("tradewire_config" + "".join("." + part for part in folder.relative_to(HERE / "config").parts)
              for folder in [HERE / "config", *(p for p in (HERE / "config").rglob("*") if p.is_dir())])

# The browse page's templates and stylesheet, beside its code: folders of data declared as packages too.
WEB = ["flows.browse.templates", "flows.browse.static"]

setup(packages=CODE + DATA + WEB, package_dir={"tradewire_config": "config"},
      package_data={name: ["*"] for name in DATA + WEB})
