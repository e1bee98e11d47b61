"""Per-part summaries of the unit tables, made when a part is written, summed by the queries.

Unit load and co-responsibility count tasks per unit and per pair of units, and a task lies
in exactly one part; so each part can count its own tasks once, when it is written, and the
queries add the parts' counts up instead of joining millions of ``units`` rows each time
(at 10⁵ documents the ``units`` self-join alone takes longer than the 5 s a query may take).

- ``unit_load``: per place, unit (and whether it is a collective name): tasks it leads,
  tasks it only supports, documents, led tasks with a dated or a recurring deadline.
- ``unit_pairs``: per place and pair of units named in one assignment (a < b): tasks where
  they are both lead, lead and support, both support — each task counted once, with its
  closest tie, as :func:`taizhang.corpus.analyses.network` counted it over ``units``.

Counts per unit or pair are additive over tasks, and whether a unit is a collective depends
on its name alone, so ``--place`` and ``--include-collectives`` filter the summed rows
exactly. The SQL below is the one the analyses ran over the whole corpus before, run over
one part's Arrow tables by an in-memory DuckDB. A part carries the digest of this module in
its note; a build rewrites parts whose summaries are missing or were made by other code.
"""
from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path
from typing import Any

NAMES = ("unit_load", "unit_pairs")

_LOAD = """
    WITH per_task AS (
        SELECT place, unit, collective, doc_id, task_key, bool_or(role = 'lead') AS led
        FROM units WHERE unit IS NOT NULL GROUP BY ALL),
    dues AS (SELECT doc_id, task_key, count(*) FILTER (WHERE due IS NOT NULL) AS dated,
                    count(*) FILTER (WHERE rrule IS NOT NULL) AS recurring
             FROM deadlines GROUP BY ALL)
    SELECT p.place, p.unit, p.collective,
           count(*) FILTER (WHERE p.led) AS led, count(*) FILTER (WHERE NOT p.led) AS supported,
           count(DISTINCT p.doc_id) AS docs,
           count(*) FILTER (WHERE p.led AND d.dated > 0) AS led_dated,
           count(*) FILTER (WHERE p.led AND d.recurring > 0) AS led_recurring
    FROM per_task p LEFT JOIN dues d USING (doc_id, task_key)
    GROUP BY p.place, p.unit, p.collective"""

_PAIRS = """
    WITH u AS (SELECT doc_id, task_key, assignment, role, unit, collective, place
               FROM units WHERE unit IS NOT NULL),
    ties AS (
        SELECT a.place, a.unit AS a, b.unit AS b, a.collective AS a_collective,
               b.collective AS b_collective, a.doc_id, a.task_key,
               min(CASE WHEN a.role = 'lead' AND b.role = 'lead' THEN 1
                        WHEN a.role = 'support' AND b.role = 'support' THEN 3 ELSE 2 END) AS tie
        FROM u a JOIN u b ON a.doc_id = b.doc_id AND a.task_key = b.task_key
             AND a.assignment = b.assignment AND a.unit < b.unit
        GROUP BY ALL)
    SELECT place, a, b, a_collective, b_collective, count(*) AS tasks,
           count(*) FILTER (WHERE tie = 1) AS lead_lead, count(*) FILTER (WHERE tie = 2) AS lead_support,
           count(*) FILTER (WHERE tie = 3) AS support_support
    FROM ties GROUP BY ALL"""


@lru_cache(maxsize=1)
def version() -> str:
    """Digest of this module: summaries made by other code are made again."""
    return hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:12]


def schemas() -> dict[str, Any]:
    import pyarrow as pa

    s, n, b = pa.string(), pa.int64(), pa.bool_()
    return {
        "unit_load": pa.schema([("place", s), ("unit", s), ("collective", b), ("led", n),
                                ("supported", n), ("docs", n), ("led_dated", n), ("led_recurring", n)]),
        "unit_pairs": pa.schema([("place", s), ("a", s), ("b", s), ("a_collective", b),
                                 ("b_collective", b), ("tasks", n), ("lead_lead", n),
                                 ("lead_support", n), ("support_support", n)]),
    }


def of(tables: dict[str, Any]) -> dict[str, Any]:
    """The summaries of one part, from its ``units`` and ``deadlines`` Arrow tables."""
    import duckdb

    con = duckdb.connect(":memory:")
    try:
        con.execute("SET threads TO 1")  # a worker runs one batch per core already
        con.register("units", tables["units"])
        con.register("deadlines", tables["deadlines"])
        out = {}
        for name, sql in (("unit_load", _LOAD), ("unit_pairs", _PAIRS)):
            out[name] = con.sql(sql).to_arrow_table().cast(schemas()[name])
        return out
    finally:
        con.close()
