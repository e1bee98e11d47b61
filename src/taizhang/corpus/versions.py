"""Which code made a corpus row: a digest of the readers, of the parser, and of the rows' layout.

A version number alone would not do: the parser changes from one commit to the next while the
package stays 0.1.0. The digest covers every module and data file of the package, so any change
to the rules re-parses what it may affect, and a worker running other code is noticed before it
writes a single row.
"""
from __future__ import annotations

import hashlib
from functools import lru_cache
from importlib import resources
from typing import NamedTuple

# what each version covers (package-relative folders or files of taizhang)
READER_CODE = ("readers",)
PARSER_CODE = ("parse",)
# the rows derived from a Document: layout, place and unit names, near-duplicate bands
ROWS_CODE = ("corpus/rows.py", "corpus/minhash.py", "analysis/places.py", "analysis/rows.py",
             "analysis/chains.py", "analysis/tables.py", "analysis/data")
FORMAT = "taizhang.corpus/1"


class Versions(NamedTuple):
    reader: str
    parser: str
    rows: str


@lru_cache(maxsize=1)
def current() -> Versions:
    """This process's versions (computed once: ≈ 60 files hashed)."""
    from taizhang import __version__

    return Versions(f"{__version__}+{_digest(READER_CODE)}", f"{__version__}+{_digest(PARSER_CODE)}",
                    f"{FORMAT}+{_digest(ROWS_CODE)}")


def _digest(parts: tuple[str, ...]) -> str:
    root = resources.files("taizhang")
    h = hashlib.sha256()
    for part in parts:
        node = root.joinpath(part)
        for name, data in sorted(_files(node, part)):
            h.update(name.encode())
            h.update(data)
    return h.hexdigest()[:12]


def _files(node: object, name: str) -> list[tuple[str, bytes]]:
    if node.is_file():  # type: ignore[attr-defined]
        return [(name, node.read_bytes())] if name.endswith((".py", ".tsv")) else []  # type: ignore[attr-defined]
    out: list[tuple[str, bytes]] = []
    for child in node.iterdir():  # type: ignore[attr-defined]
        if child.name != "__pycache__":
            out.extend(_files(child, f"{name}/{child.name}"))
    return out
