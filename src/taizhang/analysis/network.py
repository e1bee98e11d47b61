"""The co-responsibility network: units as nodes, shared tasks as weighted edges.

Two units are tied when one task names both: lead with support (they answer together),
support with support (they are put in the same room), lead with lead (co-leads of one
clause). Each task counts once per pair, with the strongest tie it shows, so a long task
with three clauses does not triple its pairs. Networks are per jurisdiction: 沈阳市's
市发展改革委 and 吉林省's 省发展改革委 never meet in one graph.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import networkx as nx

from taizhang.analysis.rows import TaskRow, is_collective
from taizhang.errors import InputError

TIES = ("lead_lead", "lead_support", "support_support")
TIE_NAMES = {"lead_lead": "共同牵头", "lead_support": "牵头—配合", "support_support": "共同配合"}
# a shared lead–support duty binds more than sitting side by side as supporters
DEFAULT_WEIGHTS: Mapping[str, float] = {"lead_lead": 1.0, "lead_support": 1.0,
                                        "support_support": 0.5}


def _ties_of(row: TaskRow, keep: Any) -> dict[tuple[str, str], str]:
    """Pair → strongest tie within one task (order of TIES is strength order)."""
    found: dict[tuple[str, str], str] = {}

    def put(a: str, b: str, tie: str) -> None:
        if a == b or not keep(a) or not keep(b):
            return
        pair = (a, b) if a < b else (b, a)
        old = found.get(pair)
        if old is None or TIES.index(tie) < TIES.index(old):
            found[pair] = tie

    for lead, support in row.pairs:
        support = tuple(s for s in support if s not in lead)
        for i, a in enumerate(lead):
            for b in lead[i + 1:]:
                put(a, b, "lead_lead")
            for b in support:
                put(a, b, "lead_support")
        for i, a in enumerate(support):
            for b in support[i + 1:]:
                put(a, b, "support_support")
    return found


def build_network(rows: Iterable[TaskRow], *, jurisdiction: str | None = None,
                  include_collectives: bool = False,
                  weights: Mapping[str, float] = DEFAULT_WEIGHTS) -> nx.Graph:
    """One jurisdiction's graph (or all rows' when ``jurisdiction`` is None).

    Node attributes: led, supported (task counts); edge attributes: one count per tie kind,
    ``weight`` (weighted sum) and ``tasks`` (refs, ``；``-joined so GraphML can hold it).
    Collectives (各区、县(市)政府) are left out unless asked for: they are not one office.
    """
    keep = (lambda _u: True) if include_collectives else (lambda u: not is_collective(u))
    led: dict[str, int] = defaultdict(int)
    supported: dict[str, int] = defaultdict(int)
    edges: dict[tuple[str, str], dict[str, Any]] = {}
    for row in rows:
        if jurisdiction is not None and row.place != jurisdiction:
            continue
        for u in row.lead:
            if keep(u):
                led[u] += 1
        for u in row.support:
            if keep(u):
                supported[u] += 1
        for pair, tie in _ties_of(row, keep).items():
            e = edges.get(pair)
            if e is None:
                e = edges[pair] = {t: 0 for t in TIES} | {"weight": 0.0, "tasks": []}
            e[tie] += 1
            e["weight"] += weights.get(tie, 0.0)
            e["tasks"].append(row.ref)
    g = nx.Graph(jurisdiction=jurisdiction or "")
    for u in sorted(set(led) | set(supported)):  # sorted: the same graph, layout, file each run
        g.add_node(u, led=led.get(u, 0), supported=supported.get(u, 0))
    for (a, b), e in edges.items():
        g.add_edge(a, b, **{**e, "tasks": "；".join(e["tasks"])})
    return g


def jurisdictions(rows: Iterable[TaskRow]) -> list[str]:
    return sorted({r.place for r in rows if r.place})


@dataclass(frozen=True, slots=True)
class Centrality:
    unit: str
    led: int
    supported: int
    strength: float  # weighted degree
    degree: float  # share of the other units it is tied to
    betweenness: float
    eigenvector: float


def centrality(g: nx.Graph) -> list[Centrality]:
    """Degree, betweenness (distance = 1/weight: strong ties are short) and eigenvector."""
    if g.number_of_nodes() == 0:
        return []
    h = g.copy()
    for _, _, d in h.edges(data=True):
        d["distance"] = 1.0 / d["weight"] if d["weight"] else 1e9
    degree = nx.degree_centrality(h)
    between = nx.betweenness_centrality(h, weight="distance", normalized=True)
    try:
        eigen = nx.eigenvector_centrality_numpy(h, weight="weight") if h.number_of_edges() else \
            {n: 0.0 for n in h}
    except (nx.NetworkXException, ValueError, TypeError):  # disconnected tiny graphs
        eigen = nx.eigenvector_centrality(h, weight="weight", max_iter=2000, tol=1e-6)
    out = [Centrality(u, g.nodes[u]["led"], g.nodes[u]["supported"],
                      float(g.degree(u, weight="weight")), degree[u], between[u],
                      abs(float(eigen[u]))) for u in g]
    return sorted(out, key=lambda c: (-c.strength, -c.eigenvector, c.unit))


@dataclass(frozen=True, slots=True)
class PairRow:
    a: str
    b: str
    weight: float
    counts: dict[str, int]
    tasks: tuple[str, ...]


def busiest_pairs(g: nx.Graph, k: int = 10) -> list[PairRow]:
    rows = [PairRow(min(a, b), max(a, b), float(d["weight"]), {t: int(d[t]) for t in TIES},
                    tuple(x for x in d["tasks"].split("；") if x))
            for a, b, d in g.edges(data=True)]
    rows.sort(key=lambda p: (-p.weight, p.a, p.b))
    return rows[:k]


def export(g: nx.Graph, path: str | Path) -> Path:
    """GraphML or GEXF for Gephi, chosen by the file suffix."""
    p = Path(path)
    if p.suffix.lower() == ".graphml":
        nx.write_graphml(g, p)
    elif p.suffix.lower() == ".gexf":
        nx.write_gexf(g, p)
    else:
        raise InputError(f"不支持的网络文件格式“{p.suffix or p.name}”",
                         hint="请用 .graphml 或 .gexf 结尾的文件名（Gephi 都能打开）")
    return p
