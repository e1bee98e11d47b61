"""The ready analyses over a built corpus, checked against the same figures computed here in
Python from the documents parsed one by one (never against stored answers)."""
from __future__ import annotations

import csv
import json
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from taizhang.analysis.chains import number_key
from taizhang.analysis.places import place_of
from taizhang.analysis.rows import is_collective, normalize_unit
from taizhang.corpus import analyses
from taizhang.corpus.query import connect

from .conftest import run_taizhang


@pytest.fixture(scope="module")
def con(local_build: Path) -> Any:
    return connect(local_build)


def _place(doc: Any) -> str:
    return place_of(doc.issuer, doc.doc_number, doc.text).name


def test_adopters_match_the_documents(con: Any, parsed: dict[str, Any]) -> None:
    number = "国发〔2014〕28号"
    first: dict[str, int] = {}
    for doc in parsed.values():
        if doc.issued_on and any(r.doc_number and number_key(r.doc_number) == number for r in doc.references):
            place = _place(doc)
            first[place] = min(first.get(place, 9999), int(doc.issued_on[:4]))
    rows = con.sql(analyses.adoption(con, view="adopters", number="国发[2014]28号")).fetchall()
    assert {(r[1], r[3]) for r in rows} == set(first.items())
    assert len(first) >= 5
    diffusion = con.sql(analyses.adoption(con, number=number)).fetchall()
    per_year = Counter(first.values())
    running = 0
    for _, year, new, total, names in diffusion:
        running += per_year[year]
        assert (new, total) == (per_year[year], running)
        assert len(names.split("、")) == new


def test_missing_links_are_the_numbers_nobody_holds(con: Any, parsed: dict[str, Any]) -> None:
    own = {number_key(d.doc_number) for d in parsed.values() if d.doc_number}
    citing: dict[str, set[str]] = defaultdict(set)
    for source, doc in parsed.items():
        for r in doc.references:
            if r.doc_number and number_key(r.doc_number) not in own:
                citing[number_key(r.doc_number)].add(source)
    rows = con.sql(analyses.chains(con, view="missing")).fetchall()
    assert {r[0]: r[2] for r in rows} == {k: len(v) for k, v in citing.items()}


def test_tree_below_a_national_number(con: Any, parsed: dict[str, Any]) -> None:
    number = "国发〔2016〕62号"
    children = {d.doc_number or d.source for d in parsed.values()
                if any(r.doc_number == number for r in d.references)}
    rows = con.sql(analyses.chains(con, view="tree", root=number)).fetchall()
    assert {r[2] for r in rows if r[0] == 1} == children


def test_unit_load_of_one_place(con: Any, parsed: dict[str, Any]) -> None:
    place = "大连市"
    led: Counter[str] = Counter()
    for doc in parsed.values():
        if _place(doc) != place:
            continue
        for task in doc.tasks:
            units = {normalize_unit(u) for a in task.assignments for u in a.lead}
            led.update(u for u in units if not is_collective(u))
    assert led, "the generated corpus has documents of 大连市"
    rows = con.sql(analyses.load(con, place=place)).fetchall()
    assert {r[1]: r[2] for r in rows if r[2]} == dict(led)


def test_co_responsibility_of_one_place(con: Any, parsed: dict[str, Any]) -> None:
    place = "大连市"
    ties: Counter[tuple[str, str]] = Counter()
    for doc in parsed.values():
        if _place(doc) != place:
            continue
        for task in doc.tasks:
            pairs = set()
            for a in task.assignments:
                names = sorted({normalize_unit(u) for u in (*a.lead, *a.support)} - {""})
                names = [n for n in names if not is_collective(n)]
                pairs.update((x, y) for i, x in enumerate(names) for y in names[i + 1:])
            ties.update(pairs)
    rows = con.sql(analyses.network(con, place=place)).fetchall()
    assert {(r[1], r[2]): r[3] for r in rows} == dict(ties)


def test_copies_of_one_measure_form_one_group_across_places(con: Any, parsed: dict[str, Any]) -> None:
    title = "推行“管委会+平台公司”运营管理模式"
    places = {_place(d) for d in parsed.values() if any(t.title == title for t in d.tasks)}
    rows = con.sql(analyses.duplicates(con)).fetchall()
    holding = [r for r in rows if title in r[4] or r[4] == title]
    assert len(holding) == 1 and holding[0][1] == len(places) >= 3
    assert all(r[1] >= 2 for r in rows)  # every group spans two places or more


@pytest.mark.parametrize(("command", "extra"), [
    pytest.param("adoption", [], id="adoption"),
    pytest.param("chains", ["--view", "edges"], id="chains"),
    pytest.param("duplicates", [], id="duplicates"),
    pytest.param("load", [], id="load"),
    pytest.param("network", ["--place", "大连市"], id="network"),
])
def test_outputs_agree_across_formats(command: str, extra: list[str], local_build: Path,
                                      tmp_path: Path) -> None:
    got = {}
    for fmt in ("csv", "json", "xlsx", "md"):
        out = tmp_path / f"结果.{fmt}"
        done = run_taizhang("corpus", command, str(local_build), *extra, "--out", str(out))
        assert done.returncode == 0, done.stderr
        assert f"已写入 {out}" in done.stderr
        if fmt == "csv":
            got[fmt] = list(csv.reader(out.open(encoding="utf-8")))
        elif fmt == "json":
            data = json.loads(out.read_text("utf-8"))
            got[fmt] = [list(data[0])] + [[str(v) for v in row.values()] for row in data] if data else []
        elif fmt == "md":
            lines = out.read_text("utf-8").splitlines()
            got[fmt] = [[c.strip() for c in line.strip("|").split(" | ")] for line in lines if line != lines[1]]
        else:
            ws = load_workbook(out).active
            got[fmt] = [[("" if c is None else str(c)) for c in row] for row in ws.iter_rows(values_only=True)]
    assert len(got["csv"]) > 1
    assert len(got["csv"]) == len(got["json"]) == len(got["xlsx"]) == len(got["md"])
    assert got["csv"][0] == got["json"][0] == got["xlsx"][0] == got["md"][0]
    assert not list(tmp_path.glob(".*part*"))


@pytest.mark.parametrize(("command", "extra"), [
    pytest.param("adoption", [], id="diffusion"),
    pytest.param("load", ["--place", "大连市"], id="load"),
    pytest.param("network", ["--place", "大连市", "--top", "30"], id="network"),
])
def test_png_charts(command: str, extra: list[str], local_build: Path, tmp_path: Path) -> None:
    png = tmp_path / "图.png"
    done = run_taizhang("corpus", command, str(local_build), *extra, "--png", str(png), "--limit", "3")
    assert done.returncode == 0, done.stderr
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000


def test_measures_of_a_parent_in_the_corpus(tmp_path: Path, parsed: dict[str, Any],
                                            sources: dict[str, Any]) -> None:
    """A province plan and two cities' copies citing it: each measure is taken up by both."""
    parent_source = next(s for s, d in parsed.items() if d.doc_number and d.issuer
                         and d.issuer.endswith("省人民政府办公厅") and len(d.tasks) >= 10)
    parent = parsed[parent_source]
    body = Path(sources["documents"][parent_source]).read_text("utf-8")
    folder = tmp_path / "src"
    folder.mkdir()
    (folder / "parent.txt").write_text(body, "utf-8")
    start = body.index(parent.tasks[0].text[:10])
    for city in ("鞍山市", "本溪市"):
        head = (f"{city}人民政府办公厅关于贯彻落实《{parent.title}》的实施意见\n\n"
                f"为贯彻落实《{parent.title}》（{parent.doc_number}）精神，结合我市实际，提出如下意见。\n\n")
        (folder / f"{city}.txt").write_text(head + body[start:], "utf-8")
    out = tmp_path / "语料"
    assert run_taizhang("corpus", "build", str(folder), "--out", str(out), "--workers", "1").returncode == 0
    done = run_taizhang("corpus", "adoption", str(out), "--number", parent.doc_number, "--measures",
                        "--format", "json")
    assert done.returncode == 0, done.stderr
    rows = {r["序号"]: r for r in map(json.loads, done.stdout.splitlines())}
    assert len(rows) == len(parent.tasks)
    from taizhang.parse import parse

    child = parse((folder / "鞍山市.txt").read_text("utf-8"), source="鞍山市.txt")
    copied = {t.text for t in child.tasks}
    same = [t.key for t in parent.tasks if t.text in copied]  # the parser cut these alike
    assert len(same) >= len(parent.tasks) // 2
    assert all(rows[k]["采纳文件数"] == 2 for k in same)  # an identical task is always found
