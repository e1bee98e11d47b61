"""One output convention for every command that lists something: ``--format table|json|csv|md``.

* ``table`` (default): columns for the terminal (or the command's own text view: a tree, a
  matrix), a last line saying how many;
* ``json``: the domain objects' ``to_dict`` for programs;
* ``csv``: the table's columns and rows, UTF-8 with a BOM so Excel on Windows opens it without
  garbling (``--no-bom`` for a pipe into another program);
* ``md``: the same rows as a Markdown table, for notes and wikis.

Commands build a :class:`Listing` and hand it to :func:`emit`; the exit codes are those of
:mod:`taizhang.errors` (docs/cli.md has the table).
"""
from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

import click

FORMATS = ("table", "json", "csv", "md")
BOM = "\ufeff"

F = TypeVar("F", bound=Callable[..., Any])


def output_options(func: F) -> F:
    """``--format`` and ``--no-bom`` (and ``--json``, the old spelling, kept hidden)."""
    func = click.option("--json", "as_json", is_flag=True, hidden=True,
                        help="同 --format json（旧写法）")(func)
    func = click.option("--no-bom", "no_bom", is_flag=True,
                        help="csv 不加 BOM（交给其他程序处理时用）")(func)
    func = click.option("--format", "fmt", type=click.Choice(FORMATS), default="table",
                        show_default=True,
                        help="输出格式：table（终端表格）、json、csv（带 BOM，Excel 可直接打开）、md")(func)
    return func


def chosen(fmt: str, as_json: bool = False) -> str:
    return "json" if as_json else fmt


@dataclass
class Listing:
    """What a command shows: columns (header, width in terminal columns), rows of text, a
    footer line for the table, and the JSON payload. ``text`` replaces the table when the
    command has its own terminal view (a tree, a matrix)."""

    columns: Sequence[tuple[str, int]]
    rows: Sequence[Sequence[Any]]
    payload: Any
    footer: str = ""
    text: Callable[[], str] | None = None
    more: list["Listing"] = field(default_factory=list)  # further tables (csv, md)
    title: str = ""  # the md heading of this table


def emit(listing: Listing, fmt: str, *, no_bom: bool = False) -> None:
    out = sys.stdout
    if fmt == "json":
        out.write(json.dumps(listing.payload, ensure_ascii=False, indent=2, default=str) + "\n")
    elif fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\r\n")
        for i, part in enumerate([listing, *listing.more]):
            if i:
                buf.write("\r\n")  # tables one after another, a blank line between
            writer.writerow([h for h, _ in part.columns])
            writer.writerows([_cell(v) for v in row] for row in part.rows)
        out.write(buf.getvalue() if no_bom else BOM + buf.getvalue())
    elif fmt == "md":
        for part in [listing, *listing.more]:
            out.write(markdown(part))
    elif listing.text is not None:
        out.write(listing.text())
    else:
        from taizhang.cli.ledger_table import table

        table(listing.columns, [[_cell(v) for v in row] for row in listing.rows], listing.footer)


def markdown(listing: Listing) -> str:
    lines = [f"## {listing.title}", ""] if listing.title else []
    lines += ["| " + " | ".join(h for h, _ in listing.columns) + " |",
              "|" + "---|" * len(listing.columns)]
    lines += ["| " + " | ".join(_md(_cell(v)) for v in row) + " |" for row in listing.rows]
    if listing.footer:
        lines += ["", listing.footer]
    return "\n".join(lines) + "\n\n"


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.3f}".rstrip("0").rstrip(".")
    if isinstance(value, (list, tuple)):
        return "、".join(map(str, value))
    return str(value)


def _md(text: str) -> str:
    # a pipe or a newline would break the row
    return text.replace("|", "\\|").replace("\r", " ").replace("\n", "<br>")


def write_text(text: str, *, bom: bool) -> None:
    """Text for stdout (``export csv -o -``): with the BOM when asked."""
    sys.stdout.write(BOM + text if bom else text)
