"""DuckDB over a corpus: one view per table, SQL in, rows out as a table, csv, json, md or xlsx.

    con = connect(Path("语料"))
    con.sql("SELECT place, COUNT(*) FROM documents GROUP BY place")

The views read exactly the parts named in ``corpus.json`` (the last finished build), so a
build running or killed at the same time changes nothing a query sees. Results are streamed
to csv/json files by DuckDB itself; the terminal shows the first rows and says how many
there are; xlsx refuses more rows than a sheet holds, before writing anything.
"""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any, TextIO

from taizhang.corpus import layout
from taizhang.corpus.rows import TABLES, schemas
from taizhang.errors import InputError

XLSX_MAX_ROWS = 1_048_575  # a sheet's rows less the header


def connect(out: Path, *, threads: int | None = None) -> Any:
    """An in-memory DuckDB with a view per corpus table (documents, tasks, units, refs, …)."""
    import duckdb
    import pyarrow as pa

    manifest = layout.read_manifest(out)
    con = duckdb.connect(":memory:")
    if threads:
        con.execute(f"SET threads TO {int(threads)}")
    for table in TABLES:
        files = layout.table_files(out, manifest, table)
        if files:
            listed = ", ".join("'" + f.replace("'", "''") + "'" for f in files)
            con.execute(f"CREATE VIEW {table} AS SELECT * FROM read_parquet([{listed}])")
        else:  # an empty corpus still answers every query, with no rows
            con.register(f"_{table}_empty", pa.Table.from_pylist([], schema=schemas()[table]))
            con.execute(f"CREATE VIEW {table} AS SELECT * FROM _{table}_empty")
    _summary_views(con, out, manifest)
    return con


def _summary_views(con: Any, out: Path, manifest: dict[str, Any]) -> None:
    """Views of the parts' summaries, when every part has this code's (a corpus built before
    them has none until its next build; the analyses then count over ``units``)."""
    from taizhang.corpus import summaries

    parts = manifest.get("parts", [])
    notes = [json.loads((out / layout.PARTS / p / layout.PART_NOTE).read_text("utf-8")) for p in parts]
    if not parts or not all(layout.has_summaries(n) for n in notes):
        return
    for table in summaries.NAMES:
        listed = ", ".join("'" + f.replace("'", "''") + "'" for f in layout.table_files(out, manifest, table))
        con.execute(f"CREATE VIEW {table} AS SELECT * FROM read_parquet([{listed}])")


def has_view(con: Any, name: str) -> bool:
    return bool(con.execute("SELECT count(*) FROM duckdb_views() WHERE view_name = ?", [name]).fetchall()[0][0])


def single_statement(sql: str, *, what: str = "查询") -> str:
    """The SQL, refused unless it is one statement (a ``--where`` cannot smuggle a second)."""
    import duckdb

    try:
        statements = duckdb.extract_statements(sql)
    except duckdb.Error as err:
        raise InputError(f"{what}的 SQL 有语法错误：{_first_line(err)}",
                         hint="请检查 SQL；表名见 taizhang corpus query --help") from None
    if len(statements) != 1:
        raise InputError(f"{what}只能是一条 SQL 语句（收到 {len(statements)} 条）",
                         hint="请去掉多余的分号和语句")
    return sql


def _first_line(err: Exception) -> str:
    return str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__


def emit(con: Any, sql: str, fmt: str, path: Path | None, *, limit: int = 50,
         title: str = "", bom: bool = True) -> int | None:
    """Run ``sql`` once and write its rows; returns how many (None when the terminal table was
    cut at ``limit``). csv/json files are written by DuckDB itself (streaming) under a
    temporary name renamed at the end; without ``path`` csv/json/md stream to stdout, csv with
    a BOM (Excel on Windows reads it right) unless ``bom`` is false."""
    import duckdb

    single_statement(sql)
    try:
        if path is not None and fmt in ("csv", "json"):
            return _copy(con, sql, fmt, path)
        if fmt == "xlsx":
            if path is None:
                raise InputError("xlsx 需要用 --out 指定文件", hint="例如 --out 结果.xlsx")
            return _xlsx(con.sql(sql), path, title)
        if path is not None and fmt == "md":
            return _md_file(con.sql(sql), path)
        if fmt in ("csv", "json", "md"):
            if fmt == "csv" and bom:
                sys.stdout.write("\ufeff")
            return _stream(con.sql(sql), fmt, sys.stdout)
        return _table(con.sql(sql), limit)
    except duckdb.Error as err:
        raise InputError(f"查询出错：{_first_line(err)}",
                         hint="可查询的表：" + "、".join(TABLES) + "；列名见 docs/corpus.md") from None
    except AttributeError:  # con.sql returned None: not a query
        raise InputError("这条 SQL 不返回结果", hint="请用 SELECT 查询（语料库只读）") from None


def _copy(con: Any, sql: str, fmt: str, path: Path) -> int:
    tmp = path.with_name(f".{path.name}.part")
    options = "FORMAT CSV, HEADER true" if fmt == "csv" else "FORMAT JSON, ARRAY true"
    try:
        written = con.execute(f"COPY ({sql}) TO '{_quote(str(tmp))}' ({options})").fetchall()
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    os.replace(tmp, path)
    return int(written[0][0]) if written else 0


def _quote(s: str) -> str:
    return s.replace("'", "''")


def _batches(rel: Any) -> Any:
    return rel.fetch_record_batch(10_000)


def _stream(rel: Any, fmt: str, out: TextIO) -> int:
    import csv

    columns = list(rel.columns)
    writer = csv.writer(out)
    if fmt == "csv":
        writer.writerow(columns)
    elif fmt == "md":
        out.write(_md_row(columns) + _md_row(["---"] * len(columns)))
    n = 0
    for batch in _batches(rel):
        for row in batch.to_pylist():
            n += 1
            if fmt == "csv":
                writer.writerow([_plain(row[c]) for c in columns])
            elif fmt == "md":
                out.write(_md_row([_plain(row[c]) for c in columns]))
            else:
                out.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")
    return n


def _md_row(cells: list[Any]) -> str:
    return "| " + " | ".join(str(c).replace("|", "\\|").replace("\n", " ") for c in cells) + " |\n"


def _md_file(rel: Any, path: Path) -> int:
    tmp = path.with_name(f".{path.name}.part")
    try:
        with open(tmp, "w", encoding="utf-8") as out:
            n = _stream(rel, "md", out)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    os.replace(tmp, path)
    return n


def _plain(v: Any) -> Any:
    if isinstance(v, list):
        return "、".join(str(x) for x in v)
    return "" if v is None else v


def _table(rel: Any, limit: int) -> int | None:
    from taizhang.cli.ledger_table import table  # the terminal tables every command prints

    rows = rel.limit(limit + 1).fetchall()
    more = len(rows) > limit
    rows = rows[:limit]
    columns = list(rel.columns)
    cells = [[str(_plain(v)) for v in row] for row in rows]
    widths = [(name, min(max([_width(name)] + [_width(r[i]) for r in cells]), 40))
              for i, name in enumerate(columns)]
    footer = (f"只显示前 {limit} 行（--limit 可调，或用 --format csv/json/md、--out 文件.xlsx 输出全部）"
              if more else f"共 {len(rows)} 行")
    table(widths, cells, footer)
    return None if more else len(rows)


def _width(s: str) -> int:
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


def _xlsx(rel: Any, path: Path, title: str) -> int:
    import xlsxwriter

    tmp = path.with_name(f".{path.name}.part")
    wb = xlsxwriter.Workbook(str(tmp), {"constant_memory": True, "strings_to_urls": False})
    try:
        ws = wb.add_worksheet((title or "结果")[:31])
        bold = wb.add_format({"bold": True})
        columns = list(rel.columns)
        for j, name in enumerate(columns):
            ws.write(0, j, name, bold)
        r = 0
        for batch in _batches(rel):
            for row in batch.to_pylist():
                r += 1
                if r > XLSX_MAX_ROWS:
                    raise InputError(f"结果超过 xlsx 一张表的上限 {XLSX_MAX_ROWS} 行",
                                     hint="请缩小查询范围，或改用 --format csv / json")
                for j, name in enumerate(columns):
                    v = _plain(row[name])
                    ws.write(r, j, v if isinstance(v, (int, float, str)) else str(v))
        ws.freeze_panes(1, 0)
        wb.close()
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    os.replace(tmp, path)
    return r
