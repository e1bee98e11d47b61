"""Shapes the analyses' results for the templates: plain dicts and lists, no HTML.

Templates escape everything they print; the only markup handed over whole is the network SVG,
which ``analysis.drawing.svg`` builds with every name escaped.
"""
from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from taizhang.analysis.chains import RELATION_NAMES, ChainGraph, Node
from taizhang.errors import InputError


def doc_display(d: Any, *, width: int = 0) -> str:
    """A stored document as people call it: 发文字号, else its title, else the file name
    (004 of the seeds has neither number nor title). ``width`` shortens a title."""
    if d.doc_number:
        return str(d.doc_number)
    if d.title:
        return str(d.title) if not width or len(d.title) <= width else str(d.title)[:width - 1] + "…"
    return str(d.source or d.id)


def _node(n: Node) -> dict[str, Any]:
    doc = n.doc
    title = (doc.title if doc else None) or n.title
    name = doc_display(doc) if doc is not None else n.label
    return {"id": n.id, "label": n.label, "name": name,
            "title": title if title and title != name else None, "level": n.place.level,
            "level_name": n.place.level_name, "place": n.place.name, "missing": n.missing,
            # a stored document's node id is the ledger's document id (sources.corpus_from_ledger)
            "doc_id": int(n.id) if doc is not None and n.id.isdigit() else None}


def chain_tree(g: ChainGraph) -> list[dict[str, Any]]:
    """The forest national → province → city as nested dicts (``children``, ``cites``).

    Roots as ``ChainGraph.roots`` orders them; a node reached twice is drawn in full once and
    then as ``again`` (the same rule as the CLI's text tree). A missing document that is only
    cited sideways is listed under its citer, not as a root of its own.
    """
    side_only = ({e.parent for e in g.edges if not e.upward}
                 - {e.parent for e in g.edges if e.upward})
    keep = set(g.nodes) - {n for n in side_only if g.nodes[n].missing and not g.children(n)}
    drawn: set[str] = set()

    def walk(node_id: str, relation: str | None) -> dict[str, Any]:
        out = _node(g.nodes[node_id])
        out["relation"] = RELATION_NAMES.get(relation, relation) if relation else None
        out["again"] = node_id in drawn
        out["children"], out["cites"] = [], []
        if out["again"]:
            return out
        drawn.add(node_id)
        out["cites"] = [_node(g.nodes[e.parent]) for e in g.side_cites(node_id)]
        out["children"] = [walk(e.child, e.relation) for e in g.children(node_id)
                           if e.child in keep]
        return out

    return [walk(root, None) for root in g.roots(keep)]


def missing_parents(g: ChainGraph) -> list[dict[str, Any]]:
    """Known-but-missing documents with the stored ones that cite them (and how)."""
    out = []
    for n in sorted(g.missing(), key=lambda n: (n.rank, n.label)):
        citers = [{"relation": RELATION_NAMES.get(e.relation, e.relation),
                   **_node(g.nodes[e.child])} for e in g.edges if e.parent == n.id]
        out.append({**_node(n), "citers": citers})
    return out


def cell_view(cell: dict[str, Any], match: Any, column: str) -> dict[str, Any]:
    """An adoption cell with the matching task's key and ledger id, for a link."""
    found = match is not None and cell["state"] != "absent"
    return {**cell, "column": column, "item_id": match.item_id if found else None,
            "match_key": match.key if found else None}


def file_bytes(write: Callable[[Path], Any], suffix: str) -> bytes:
    """Run a writer that wants a path (openpyxl, networkx) and return what it wrote."""
    fd, name = tempfile.mkstemp(suffix=suffix)
    os.close(fd)
    path = Path(name)
    try:
        write(path)
        return path.read_bytes()
    finally:
        path.unlink(missing_ok=True)


def parse_weights(form: dict[str, str], metrics: tuple[str, ...],
                  names: dict[str, str]) -> dict[str, float]:
    """The weights form → {metric: weight}; every field must be a finite number."""
    weights: dict[str, float] = {}
    for m in metrics:
        raw = (form.get(m) or "").strip()
        try:
            value = float(raw)
        except ValueError:
            raise InputError(f"“{names[m]}”的权重“{raw}”不是数字",
                             hint="每项填一个数，如 0.6、-5；不想计入的指标填 0") from None
        if value != value or value in (float("inf"), float("-inf")) or abs(value) > 1000:
            raise InputError(f"“{names[m]}”的权重 {raw} 超出范围",
                             hint="请填 -1000 到 1000 之间的数")
        weights[m] = value
    return weights


WEIGHTS_FILE = "analysis/考核权重.tsv"


def weights_path(evidence_dir: Path) -> Path:
    """Where the admin's weights are kept: a TSV in the format ``taizhang load --weights``
    reads, so the CLI can rank with the very same file."""
    return evidence_dir / WEIGHTS_FILE


def load_weights(evidence_dir: Path) -> tuple[dict[str, float], bool]:
    """The saved weights (defaults for metrics not listed), and whether a file was found."""
    from taizhang.analysis.load import default_weights, read_weights

    path = weights_path(evidence_dir)
    if not path.is_file():
        return default_weights(), False
    return read_weights(str(path)), True


def save_weights(evidence_dir: Path, weights: dict[str, float], *, actor: str,
                 when: str) -> Path:
    """Write the file whole and then rename it into place: never half a table."""
    path = weights_path(evidence_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = [f"# 考核权重（网页“负担与考核”页保存）：{actor} {when}",
             "# 指标<TAB>权重；可用于 taizhang load --weights 本文件"]
    lines += [f"{m}\t{w:g}" for m, w in weights.items()]
    tmp = path.with_suffix(".tmp")
    tmp.write_text("\n".join(lines) + "\n", "utf-8")
    os.replace(tmp, path)
    return path
