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
- :func:`load` and :func:`network` — unit load and co-responsibility ties per place.
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
        return f"""
            WITH RECURSIVE chain(depth, parent, doc_id, number, trail) AS (
                SELECT 1, r.number_key, d.doc_id, d.number_key, [r.number_key]
                FROM refs r JOIN documents d USING (doc_id)
                WHERE r.number_key = {lit(number_key(root))}
                UNION ALL
                SELECT c.depth + 1, r.number_key, d.doc_id, d.number_key, list_append(c.trail, c.number)
                FROM chain c JOIN refs r ON r.number_key = c.number
                JOIN documents d ON d.doc_id = r.doc_id
                WHERE c.number IS NOT NULL AND c.depth < {int(depth)}
                  AND NOT list_contains(c.trail, d.number_key))
            SELECT DISTINCT c.depth AS 层级, c.parent AS 上级文号,
                   coalesce(d.doc_number, d.name) AS 文件, d.place AS 地区, d.place_level AS 层次,
                   d.year AS 年份, d.title AS 标题
            FROM chain c JOIN documents d USING (doc_id)
            ORDER BY 层级, 上级文号, 年份, 地区, 文件"""
    raise InputError(f"未知的视图“{view}”", hint="可选：" + "、".join(CHAIN_VIEWS))


def duplicates(con: Any, *, min_places: int = 2, place: str | None = None) -> str:
    """Groups of near-duplicate tasks found in at least ``min_places`` places."""
    import numpy as np
    import pyarrow as pa
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    where = f"WHERE place = {lit(place)}" if place else ""
    con.execute(f"""CREATE OR REPLACE TEMP TABLE _t AS
        SELECT (row_number() OVER (ORDER BY doc_id, seq) - 1)::BIGINT AS t, doc_id, key, title, place, bands
        FROM tasks {where}""")
    # bucket = one band key; only keys two or more tasks share can link anything
    links = con.execute("""
        WITH tb AS (SELECT t, unnest(bands) AS b FROM _t),
        shared AS (SELECT b, (row_number() OVER () - 1)::BIGINT AS id FROM tb GROUP BY b HAVING count(*) > 1)
        SELECT tb.t, shared.id FROM tb JOIN shared USING (b)""").fetchnumpy()
    n = int(con.execute("SELECT count(*) FROM _t").fetchall()[0][0])
    tasks, buckets = links["t"].astype(np.int64), links["id"].astype(np.int64)
    size = n + (int(buckets.max()) + 1 if len(buckets) else 0)
    graph = coo_matrix((np.ones(len(tasks), dtype=np.int8), (tasks, buckets + n)), shape=(size, size))
    _, labels = connected_components(graph, directed=False)
    con.register("_groups_arrow", pa.table({"t": np.arange(n, dtype=np.int64),
                                            "grp": labels[:n].astype(np.int64)}))
    return f"""
        WITH g AS (SELECT _t.*, grp FROM _t JOIN _groups_arrow USING (t)),
        sized AS (SELECT grp, count(*) AS tasks, count(DISTINCT place) AS places,
                         count(DISTINCT doc_id) AS docs FROM g GROUP BY grp
                  HAVING count(DISTINCT place) >= {int(min_places)})
        SELECT dense_rank() OVER (ORDER BY s.places DESC, s.tasks DESC, s.grp) AS 组,
               s.places AS 地区数, s.docs AS 文件数, s.tasks AS 任务数,
               any_value(g.title ORDER BY g.doc_id, g.key) AS 示例任务,
               string_agg(DISTINCT g.place, '、' ORDER BY g.place) AS 地区
        FROM sized s JOIN g USING (grp)
        GROUP BY s.grp, s.places, s.docs, s.tasks ORDER BY 组"""


def load(con: Any, *, place: str | None = None, include_collectives: bool = False) -> str:
    conds = ["unit IS NOT NULL"]
    if place:
        conds.append(f"place = {lit(place)}")
    if not include_collectives:
        conds.append("NOT collective")
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
