"""Read the keyword and lookup tables in ``analysis/data/*.tsv``.

Rules live in data files so that a 督查室 can add a keyword or a 机关代字 with a one-line
change; lines starting with ``#`` are comments, columns are tab-separated.
"""
from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path

from taizhang.errors import InputError


def parse_tsv(text: str, *, name: str, columns: int) -> tuple[tuple[str, ...], ...]:
    """Rows of a TSV text; every row padded to ``columns`` cells; comments and blanks dropped."""
    rows: list[tuple[str, ...]] = []
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = [c.strip() for c in line.split("\t")]
        if not cells[0]:
            raise InputError(f"{name} 第{lineno}行：第一列为空",
                             hint="每行第一列须有内容，列之间用制表符分隔")
        rows.append(tuple((cells + [""] * columns)[:columns]))
    return tuple(rows)


@lru_cache(maxsize=None)
def table(name: str, columns: int) -> tuple[tuple[str, ...], ...]:
    """A packaged table by file name (``topics.tsv``); cached, the files never change at run time."""
    text = resources.files("taizhang.analysis").joinpath("data", name).read_text("utf-8")
    return parse_tsv(text, name=name, columns=columns)


def read_user_table(path: str | Path, columns: int) -> tuple[tuple[str, ...], ...]:
    """A table the user hands in (e.g. 考核权重); unreadable → InputError with the path."""
    p = Path(path)
    try:
        text = p.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise InputError(f"无法读取表格文件 {p}：{err}",
                         hint="请提供 UTF-8 编码、制表符分隔的 .tsv 文件") from err
    return parse_tsv(text, name=str(p), columns=columns)
