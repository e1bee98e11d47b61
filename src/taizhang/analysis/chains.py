"""Policy chains: documents linked by the 发文字号 (or title) they implement or cite.

A reference to a document that is not in the ledger still makes a node, marked missing, so
``taizhang chain`` shows 000 → 国发〔2014〕28号 before anyone has stored the State Council's
text. Levels come from the issuer or the 机关代字 (places.py), so trees read national →
province → city.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from taizhang.analysis.places import LEVELS, Place, place_from_number
from taizhang.analysis.rows import DocInfo

RELATION_NAMES = {"implements": "贯彻", "cites": "引用"}
_BRACKETS = str.maketrans({"[": "〔", "]": "〕", "【": "〔", "】": "〕", "(": "〔", ")": "〕",
                           "（": "〔", "）": "〕", "﹝": "〔", "﹞": "〕"})


def number_key(doc_number: str) -> str:
    """One spelling per 发文字号: ``国发[2014]28号`` and ``国发〔2014〕28号`` are the same."""
    return unicodedata.normalize("NFKC", doc_number).replace(" ", "").translate(_BRACKETS)


def title_key(title: str) -> str:
    return re.sub(r"[《》〈〉<>\s“”\"]", "", unicodedata.normalize("NFKC", title))


@dataclass(frozen=True, slots=True)
class Node:
    id: str
    label: str  # 发文字号, else the title
    place: Place
    doc: DocInfo | None = None  # None: known only from a reference (known-but-missing)
    title: str | None = None

    @property
    def missing(self) -> bool:
        return self.doc is None

    @property
    def rank(self) -> int:
        return LEVELS.index(self.place.level) if self.place.level in LEVELS else len(LEVELS)


@dataclass(frozen=True, slots=True)
class Edge:
    child: str
    parent: str
    relation: str  # implements | cites
    upward: bool = True  # False: a cite of a same- or lower-level document, a side note



@dataclass
class ChainGraph:
    nodes: dict[str, Node] = field(default_factory=dict)
    edges: list[Edge] = field(default_factory=list)

    def parents(self, node_id: str) -> list[Edge]:
        """Tree parents: what it implements, and what it cites from a higher level."""
        return sorted((e for e in self.edges if e.child == node_id and e.upward),
                      key=self._edge_order)

    def side_cites(self, node_id: str) -> list[Edge]:
        return sorted((e for e in self.edges if e.child == node_id and not e.upward),
                      key=self._edge_order)

    def children(self, node_id: str) -> list[Edge]:
        return sorted((e for e in self.edges if e.parent == node_id and e.upward),
                      key=lambda e: (self.nodes[e.child].rank, e.relation != "implements", e.child))

    def _edge_order(self, e: Edge) -> tuple[int, bool, str]:
        return (self.nodes[e.parent].rank, e.relation != "implements", e.parent)

    def ancestors(self, node_id: str) -> set[str]:
        return _reach(node_id, lambda n: [e.parent for e in self.parents(n)])

    def descendants(self, node_id: str) -> set[str]:
        return _reach(node_id, lambda n: [e.child for e in self.children(n)])

    def roots(self, within: Iterable[str] | None = None) -> list[str]:
        ids = set(within) if within is not None else set(self.nodes)
        have_parent = {e.child for e in self.edges if e.parent in ids and e.upward}
        # implemented documents before merely cited ones: the chain is what people follow
        return sorted((n for n in ids if n not in have_parent),
                      key=lambda n: (self.nodes[n].rank,
                                     not any(e.relation == "implements" for e in self.children(n)),
                                     self.nodes[n].label))

    def missing(self) -> list[Node]:
        return [n for n in self.nodes.values() if n.missing]


def _reach(start: str, step: object) -> set[str]:
    seen: set[str] = set()
    todo = [start]
    while todo:
        for nxt in step(todo.pop()):  # type: ignore[operator]
            if nxt not in seen and nxt != start:
                seen.add(nxt)
                todo.append(nxt)
    return seen


def build_chains(docs: Sequence[DocInfo]) -> ChainGraph:
    """Nodes for the documents and everything they reference; edges child → parent."""
    g = ChainGraph()
    by_number: dict[str, str] = {}
    by_title: dict[str, str] = {}
    for d in docs:
        g.nodes[d.id] = Node(d.id, d.label, d.place, d, d.title)
        if d.doc_number:
            by_number[number_key(d.doc_number)] = d.id
        if d.title:
            by_title[title_key(d.title)] = d.id
    seen: set[tuple[str, str]] = set()
    for d in docs:
        for ref in d.references:
            target = _target(g, ref.doc_number, ref.title, by_number, by_title)
            if target is None or target == d.id or (d.id, target) in seen:
                continue
            seen.add((d.id, target))
            upward = ref.relation == "implements" or g.nodes[target].rank < g.nodes[d.id].rank
            g.edges.append(Edge(d.id, target, ref.relation, upward))
    return g


def _target(g: ChainGraph, number: str | None, title: str | None,
            by_number: dict[str, str], by_title: dict[str, str]) -> str | None:
    if number and number_key(number) in by_number:
        return by_number[number_key(number)]
    if title and title_key(title) in by_title:
        return by_title[title_key(title)]
    if not number and not title:
        return None
    node_id = number_key(number) if number else f"《{title_key(title or '')}》"
    if node_id not in g.nodes:
        place = place_from_number(number) or Place("", "", "none")
        g.nodes[node_id] = Node(node_id, number or f"《{title}》", place, None, title)
    return node_id


def describe(node: Node) -> str:
    place = f"{node.place.level_name}·{node.place.name}" if node.place.name else node.place.level_name
    text = f"{node.label} [{place}]"
    if node.doc is not None and node.doc.title and node.doc.title != node.label:
        text += f" 《{node.doc.title}》"
    elif node.title and node.title != node.label:
        text += f" 《{node.title}》"
    return text + ("（未入库）" if node.missing else "")


def render_tree(g: ChainGraph, focus: str | None = None) -> str:
    """Text tree, roots first (national before province before city); ★ marks ``focus``.

    With a focus only its lineage is drawn: every root above it, the path down, and all its
    descendants; a node reached twice is drawn once and then referred to (见上).
    """
    if focus is None:
        keep = set(g.nodes)
    else:
        keep = g.ancestors(focus) | g.descendants(focus) | {focus}
    # side cites are listed under their citing node, not drawn as roots of their own
    side_only = {e.parent for e in g.edges if not e.upward} - {e.parent for e in g.edges if e.upward}
    keep -= {n for n in side_only if g.nodes[n].missing and not g.children(n)}
    lines: list[str] = []
    drawn: set[str] = set()

    def walk(node_id: str, prefix: str, last: bool, relation: str | None) -> None:
        node = g.nodes[node_id]
        mark = " ★" if node_id == focus else ""
        joint = "" if relation is None else ("└── " if last else "├── ")
        rel = "" if relation is None else f"{RELATION_NAMES.get(relation, relation)}："
        again = node_id in drawn
        lines.append(f"{prefix}{joint}{rel}{describe(node)}{mark}{'（见上）' if again else ''}")
        if again:
            return
        drawn.add(node_id)
        kids = [e for e in g.children(node_id) if e.child in keep]
        inner = prefix + ("" if relation is None else ("    " if last else "│   "))
        side = g.side_cites(node_id)
        if side:
            names = "、".join(g.nodes[e.parent].label + ("（未入库）" if g.nodes[e.parent].missing
                                                         else "") for e in side)
            lines.append(f"{inner}{'│   ' if kids else '    '}另引用：{names}")
        for i, e in enumerate(kids):
            walk(e.child, inner, i == len(kids) - 1, e.relation)

    for root in g.roots(keep):
        walk(root, "", True, None)
    return "\n".join(lines) + "\n"


def chain_rows(g: ChainGraph) -> list[dict[str, object]]:
    """One dict per node for a web page: level, place, missing, parents with relation."""
    return [{"id": n.id, "label": n.label, "title": n.title, "level": n.place.level,
             "level_name": n.place.level_name, "place": n.place.name, "missing": n.missing,
             "parents": [{"id": e.parent, "relation": e.relation, "upward": e.upward}
                        for e in g.edges if e.child == n.id]}
            for n in sorted(g.nodes.values(), key=lambda n: (n.rank, n.label))]
