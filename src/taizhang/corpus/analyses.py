"""The ready analyses of a corpus, as DuckDB SQL over its views (see :mod:`taizhang.corpus.query`).

Each function prepares what it needs on the connection and returns the SQL of its result, so
the CLI can print it, stream it to csv/json or write xlsx the same way as ``corpus query``.

- :func:`adoption` — which places took up which cited document, and when: per number the
  places with their first year (``adopters``) or the diffusion curve (``diffusion``: new and
  cumulative places per year); :func:`measures` — a parent's tasks and how many of its
  adopters carry a near-duplicate of each.
- :func:`chains` — edges by cited 文号 across the corpus, the missing links (numbers cited
  but not in the corpus, by how many cite them), or the tree below one number.
- :func:`duplicates` — groups of near-duplicate tasks across places: tasks sharing a MinHash
  LSH band key are linked (a join on keys), groups are the connected components (scipy).
- :func:`load` and :func:`network` — unit load and co-responsibility ties per place: the sums
  of the parts' own counts (:mod:`taizhang.corpus.summaries`), or, for a corpus built before
  those, the same counts over ``units``.
"""
from __future__ import annotations

from typing import Any

from taizhang.errors import InputError

ADOPTION_VIEWS = ("adopters", "diffusion")
CHAIN_VIEWS = ("edges", "missing", "tree")


def lit(value: str) -> str:
    """A SQL string literal (the analyses take names and numbers typed by the user)."""
    return "'" + value.replace("'", "''") + "'"


def number_key(number: str) -> str:
    from taizhang.analysis.chains import number_key as key

    return key(number)


def adoption(con: Any, *, view: str = "diffusion", number: str | None = None,
             min_places: int = 2) -> str:
    where = f"AND r.number_key = {lit(number_key(number))}" if number else ""
    con.execute(f"""
        CREATE OR REPLACE TEMP VIEW _adopt AS
        SELECT r.number_key AS number, d.place, any_value(d.place_level) AS level,
               min(d.year) AS first_year,
               arg_min(coalesce(d.doc_number, d.name), d.year) AS first_doc,
               count(DISTINCT d.doc_id) AS docs
        FROM refs r JOIN documents d USING (doc_id)
        WHERE r.number_key IS NOT NULL AND d.place IS NOT NULL AND d.year IS NOT NULL {where}
        GROUP BY r.number_key, d.place""")
    keep = f"number IN (SELECT number FROM _adopt GROUP BY number HAVING count(*) >= {int(min_places)})"
    if view == "adopters":
        return (f"SELECT number AS 被引文号, place AS 地区, level AS 层级, first_year AS 首次年份, "
                f"first_doc AS 首个文件, docs AS 文件数 FROM _adopt WHERE {keep} "
                f"ORDER BY number, first_year, place")
    if view == "diffusion":
        return (f"SELECT number AS 被引文号, first_year AS 年份, count(*) AS 新增地区, "
                f"sum(count(*)) OVER (PARTITION BY number ORDER BY first_year) AS 累计地区, "
                f"string_agg(place, '、' ORDER BY place) AS 新增地区名单 "
                f"FROM _adopt WHERE {keep} GROUP BY number, first_year ORDER BY number, first_year")
    raise InputError(f"未知的视图“{view}”", hint="可选：" + "、".join(ADOPTION_VIEWS))


def measures(con: Any, number: str) -> str:
    """The parent's tasks (the document numbered ``number``, if the corpus has it) and, for
    each, the places among its adopters whose documents carry a near-duplicate task."""
    key = lit(number_key(number))
    found = con.execute(f"SELECT count(*) FROM documents WHERE number_key = {key}").fetchall()[0][0]
    if not found:
        raise InputError(f"语料库中没有文号为 {number} 的文件，无法逐项比较其措施",
                         hint="不加 --measures 可查看引用它的地区和年份；或把该文件加入语料库后重建")
    return f"""
        WITH parent AS (SELECT min(doc_id) AS doc_id FROM documents WHERE number_key = {key}),
        ptasks AS (SELECT t.seq, t.key, t.title, unnest(t.bands) AS band
                   FROM tasks t WHERE t.doc_id = (SELECT doc_id FROM parent)),
        kids AS (SELECT DISTINCT r.doc_id FROM refs r WHERE r.number_key = {key}
                 AND r.doc_id <> (SELECT doc_id FROM parent)),
        ktasks AS (SELECT t.doc_id, d.place, d.year, unnest(t.bands) AS band
                   FROM tasks t JOIN documents d USING (doc_id)
                   WHERE t.doc_id IN (SELECT doc_id FROM kids))
        SELECT p.key AS 序号, any_value(p.title) AS 措施,
               count(DISTINCT k.place) AS 采纳地区数, count(DISTINCT k.doc_id) AS 采纳文件数,
               min(k.year) AS 最早年份,
               string_agg(DISTINCT k.place, '、' ORDER BY k.place) AS 采纳地区,
               (SELECT count(DISTINCT d.place) FROM kids JOIN documents d USING (doc_id)) AS 下级地区总数
        FROM ptasks p LEFT JOIN ktasks k USING (band)
        GROUP BY p.seq, p.key ORDER BY p.seq"""


def chains(con: Any, *, view: str = "missing", root: str | None = None, depth: int = 6) -> str:
    con.execute("""
        CREATE OR REPLACE TEMP VIEW _numbered AS
        SELECT number_key, min(doc_id) AS doc_id, any_value(title) AS title,
               any_value(place) AS place, count(*) AS copies
        FROM documents WHERE number_key IS NOT NULL GROUP BY number_key""")
    if view == "edges":
        return """
            SELECT coalesce(d.doc_number, d.name) AS 文件, d.place AS 地区, d.year AS 年份,
                   r.relation AS 关系, r.doc_number AS 被引文号,
                   CASE WHEN p.doc_id IS NULL THEN '缺失' ELSE '在库' END AS 上级状态,
                   p.place AS 上级地区, coalesce(p.title, r.title) AS 上级标题
            FROM refs r JOIN documents d USING (doc_id)
            LEFT JOIN _numbered p ON p.number_key = r.number_key
            WHERE r.number_key IS NOT NULL
            ORDER BY r.number_key, d.year, d.place, 文件"""
    if view == "missing":
        return """
            SELECT r.number_key AS 缺失文号, any_value(r.title) AS 标题,
                   count(DISTINCT r.doc_id) AS 引用文件数, count(DISTINCT d.place) AS 引用地区数,
                   count(*) FILTER (WHERE r.relation = 'implements') AS 贯彻次数,
                   min(d.year) AS 最早引用, max(d.year) AS 最近引用
            FROM refs r JOIN documents d USING (doc_id)
            WHERE r.number_key IS NOT NULL AND r.number_key NOT IN (SELECT number_key FROM _numbered)
            GROUP BY r.number_key ORDER BY 引用文件数 DESC, 缺失文号"""
    if view == "tree":
        if not root:
            raise InputError("tree 视图需要 --root 文号", hint="例如 --root 国发〔2016〕62号")
        # the walk goes from number to number: documents that share a number (copies, or a
        # number given twice) have the same children, so they are one step, not one each.
        # What is shown of each document is taken here, once: joining the Parquet view
        # inside the recursive query made DuckDB read it again and again (20× slower)
        con.execute("""
            CREATE OR REPLACE TEMP TABLE _cites AS
            SELECT DISTINCT r.number_key AS parent, d.doc_id, d.number_key AS number,
                   coalesce(d.doc_number, d.name) AS file, d.place, d.place_level, d.year, d.title
            FROM refs r JOIN documents d USING (doc_id) WHERE r.number_key IS NOT NULL""")
        return f"""
            WITH RECURSIVE walk(depth, parent, number, trail) AS (
                SELECT DISTINCT 1, parent, number, [parent] FROM _cites
                WHERE parent = {lit(number_key(root))}
                UNION
                SELECT w.depth + 1, c.parent, c.number, list_append(w.trail, w.number)
                FROM walk w JOIN _cites c ON c.parent = w.number
                WHERE w.number IS NOT NULL AND w.depth < {int(depth)}
                  AND NOT list_contains(w.trail, c.number))
            SELECT DISTINCT w.depth AS 层级, w.parent AS 上级文号, c.file AS 文件, c.place AS 地区,
                   c.place_level AS 层次, c.year AS 年份, c.title AS 标题
            FROM walk w JOIN _cites c ON c.parent = w.parent AND c.number IS NOT DISTINCT FROM w.number
            ORDER BY 层级, 上级文号, 年份, 地区, 文件"""
    raise InputError(f"未知的视图“{view}”", hint="可选：" + "、".join(CHAIN_VIEWS))


def duplicates(con: Any, *, min_places: int = 2, place: str | None = None) -> str:
    """Groups of near-duplicate tasks found in at least ``min_places`` places.

    The graph's nodes are the distinct signatures (band lists), not the tasks: copies of one
    text, the common case across places, are one node, so the graph stays small however many
    documents repeat a measure. Tasks without any 3-gram (no text) have no keys and no group."""
    import numpy as np
    import pyarrow as pa
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    cond = "len(t.bands) > 0" + (f" AND t.place = {lit(place)}" if place else "")
    # a signature is keyed by the 64-bit hash of its band list: grouping and joining millions
    # of tasks on one integer instead of a list of eight (two lists with one hash: p ≈ n²/2⁶⁴)
    con.execute(f"""CREATE OR REPLACE TEMP TABLE _sig AS
        SELECT (row_number() OVER (ORDER BY bands) - 1)::BIGINT AS s, h, bands
        FROM (SELECT hash(t.bands) AS h, any_value(t.bands) AS bands FROM tasks t WHERE {cond} GROUP BY h)""")
    # bucket = one band key; only keys two or more signatures share can link anything
    links = con.execute("""
        WITH sb AS (SELECT s, unnest(bands) AS b FROM _sig),
        shared AS (SELECT b, (row_number() OVER () - 1)::BIGINT AS id FROM sb GROUP BY b HAVING count(*) > 1)
        SELECT sb.s, shared.id FROM sb JOIN shared USING (b)""").fetchnumpy()
    n = int(con.execute("SELECT count(*) FROM _sig").fetchall()[0][0])
    sigs, buckets = links["s"].astype(np.int64), links["id"].astype(np.int64)
    size = n + (int(buckets.max()) + 1 if len(buckets) else 0)
    graph = coo_matrix((np.ones(len(sigs), dtype=np.int8), (sigs, buckets + n)), shape=(size, size))
    _, labels = connected_components(graph, directed=False)
    con.register("_groups_arrow", pa.table({"s": np.arange(n, dtype=np.int64),
                                            "grp": labels[:n].astype(np.int64)}))
    return f"""
        WITH g AS (SELECT t.doc_id, t.key, t.title, t.place, s.grp
                   FROM tasks t JOIN (_sig JOIN _groups_arrow USING (s)) s ON hash(t.bands) = s.h
                   WHERE {cond}),
        sized AS (SELECT grp, count(*) AS tasks, count(DISTINCT place) AS places,
                         count(DISTINCT doc_id) AS docs,
                         arg_min(title, doc_id || chr(0) || key) AS example,
                         string_agg(DISTINCT place, '、' ORDER BY place) AS names
                  FROM g GROUP BY grp HAVING count(DISTINCT place) >= {int(min_places)})
        SELECT dense_rank() OVER (ORDER BY places DESC, tasks DESC, grp) AS 组,
               places AS 地区数, docs AS 文件数, tasks AS 任务数, example AS 示例任务, names AS 地区
        FROM sized ORDER BY 组"""


def _summarised(con: Any) -> bool:
    from taizhang.corpus.query import has_view

    return has_view(con, "unit_load") and has_view(con, "unit_pairs")


def load(con: Any, *, place: str | None = None, include_collectives: bool = False) -> str:
    conds = ["unit IS NOT NULL"]
    if place:
        conds.append(f"place = {lit(place)}")
    if not include_collectives:
        conds.append("NOT collective")
    if _summarised(con):  # the parts' own counts, added up (see taizhang.corpus.summaries)
        return f"""
        SELECT place AS 地区, unit AS 单位, sum(led)::BIGINT AS 牵头任务, sum(supported)::BIGINT AS 配合任务,
               sum(docs)::BIGINT AS 文件数, sum(led_dated)::BIGINT AS 牵头且有时限,
               sum(led_recurring)::BIGINT AS 牵头且定期
        FROM unit_load WHERE {' AND '.join(conds)}
        GROUP BY place, unit ORDER BY 牵头任务 DESC, 配合任务 DESC, 地区, 单位"""
    return f"""
        WITH per_task AS (
            SELECT place, unit, doc_id, task_key, bool_or(role = 'lead') AS led
            FROM units WHERE {' AND '.join(conds)} GROUP BY ALL),
        dues AS (SELECT doc_id, task_key, count(*) FILTER (WHERE due IS NOT NULL) AS dated,
                        count(*) FILTER (WHERE rrule IS NOT NULL) AS recurring
                 FROM deadlines GROUP BY ALL)
        SELECT p.place AS 地区, p.unit AS 单位,
               count(*) FILTER (WHERE p.led) AS 牵头任务, count(*) FILTER (WHERE NOT p.led) AS 配合任务,
               count(DISTINCT p.doc_id) AS 文件数,
               count(*) FILTER (WHERE p.led AND d.dated > 0) AS 牵头且有时限,
               count(*) FILTER (WHERE p.led AND d.recurring > 0) AS 牵头且定期
        FROM per_task p LEFT JOIN dues d USING (doc_id, task_key)
        GROUP BY p.place, p.unit ORDER BY 牵头任务 DESC, 配合任务 DESC, 地区, 单位"""


def network(con: Any, *, place: str | None = None, include_collectives: bool = False) -> str:
    """Co-responsibility ties: two units named in one assignment, counted once per task."""
    if _summarised(con):
        where = [f"place = {lit(place)}"] if place else []
        if not include_collectives:
            where.append("NOT a_collective AND NOT b_collective")
        return f"""
        SELECT place AS 地区, a AS 单位甲, b AS 单位乙, sum(tasks)::BIGINT AS 共同任务,
               sum(lead_lead)::BIGINT AS 共同牵头, sum(lead_support)::BIGINT AS 牵头配合,
               sum(support_support)::BIGINT AS 共同配合
        FROM unit_pairs {'WHERE ' + ' AND '.join(where) if where else ''}
        GROUP BY place, a, b ORDER BY 共同任务 DESC, 地区, 单位甲, 单位乙"""
    conds = ["unit IS NOT NULL"]
    if place:
        conds.append(f"place = {lit(place)}")
    if not include_collectives:
        conds.append("NOT collective")
    return f"""
        WITH u AS (SELECT doc_id, task_key, assignment, role, unit, place FROM units
                   WHERE {' AND '.join(conds)}),
        ties AS (
            SELECT a.place, a.unit AS a, b.unit AS b, a.doc_id, a.task_key,
                   min(CASE WHEN a.role = 'lead' AND b.role = 'lead' THEN 1
                            WHEN a.role = 'support' AND b.role = 'support' THEN 3 ELSE 2 END) AS tie
            FROM u a JOIN u b ON a.doc_id = b.doc_id AND a.task_key = b.task_key
                 AND a.assignment = b.assignment AND a.unit < b.unit
            GROUP BY ALL)
        SELECT place AS 地区, a AS 单位甲, b AS 单位乙, count(*) AS 共同任务,
               count(*) FILTER (WHERE tie = 1) AS 共同牵头, count(*) FILTER (WHERE tie = 2) AS 牵头配合,
               count(*) FILTER (WHERE tie = 3) AS 共同配合
        FROM ties GROUP BY ALL ORDER BY 共同任务 DESC, 地区, 单位甲, 单位乙"""
