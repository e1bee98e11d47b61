"""``taizhang corpus build`` on a real Dask cluster: a worker killed midway, LocalCluster
equality, equality with the one-document ``taizhang parse``, skips, resume and re-parse."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest

from .conftest import (N_BAD, N_FOLDER, N_TAR, N_ZIP, Cluster, kill9,
                         read_tables, run_taizhang, snapshot, start_taizhang,
                         wait_for_parts)

TOTAL = N_FOLDER + N_ZIP + N_TAR


@pytest.fixture(scope="module")
def scheduler_build(sources: dict[str, Any], cluster: Cluster,
                    tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Built on the scheduler and two workers; worker w1 killed with SIGKILL midway."""
    out = tmp_path_factory.mktemp("built") / "语料"
    proc = start_taizhang("corpus", "build", *sources["names"], "--out", str(out),
                          "--scheduler", cluster.address, "--batch-size", "8")
    wait_for_parts(out, 3, proc)
    kill9(cluster.workers[0])
    stdout, stderr = proc.communicate(timeout=240)
    cluster.add_worker("w3")  # back to two workers for the tests after this one
    cluster.wait_for(2)
    return {"out": out, "code": proc.returncode, "stdout": stdout, "stderr": stderr}


def test_build_survives_a_killed_worker(scheduler_build: dict[str, Any]) -> None:
    assert scheduler_build["code"] == 0, scheduler_build["stderr"]
    assert f"来源中共 {TOTAL + N_BAD} 份文件：新解析 {TOTAL} 份，失败 {N_BAD} 份" in scheduler_build["stdout"]
    out = scheduler_build["out"]
    assert not (out / ".staging").exists()
    manifest = json.loads((out / "corpus.json").read_text("utf-8"))
    assert sorted(p.name for p in (out / "parts").iterdir()) == manifest["parts"]
    assert (manifest["documents"], manifest["failures"]) == (TOTAL, N_BAD)


def test_every_source_has_exactly_one_row(scheduler_build: dict[str, Any], sources: dict[str, Any]) -> None:
    tables = read_tables(scheduler_build["out"])
    doc_sources = [r[1] for r in tables["documents"]]
    assert sorted(doc_sources) == sorted(sources["documents"])  # no twin of a re-run batch
    assert len({r[0] for r in tables["tasks"]}) <= TOTAL
    assert sorted(r[0] for r in tables["texts"]) == sorted(r[0] for r in tables["documents"])


def test_scheduler_build_equals_local_cluster_build(scheduler_build: dict[str, Any],
                                                    local_build: Path) -> None:
    a = read_tables(scheduler_build["out"])
    b = read_tables(local_build)
    for table in a:
        assert a[table] == b[table], table


def test_each_document_equals_taizhang_parse(scheduler_build: dict[str, Any],
                                             sources: dict[str, Any]) -> None:
    """The stored JSON is what `taizhang parse FILE --format json` prints, file by file."""
    from taizhang.corpus.query import connect

    con = connect(scheduler_build["out"])
    stored = dict(con.sql("SELECT source, parse_json FROM documents").fetchall())
    docs = sources["documents"]
    names = sorted(docs)
    done = run_taizhang("parse", *[str(docs[n]) for n in names], "--format", "json")
    assert done.returncode == 0, done.stderr
    printed = json.loads(done.stdout)
    assert len(printed) == len(names) == len(stored)
    for name, one in zip(names, printed):
        assert json.loads(stored[name]) == one, name
    for name in names[:: len(names) // 3]:  # byte for byte, one file at a time
        single = run_taizhang("parse", str(docs[name]), "--format", "json")
        assert stored[name] + "\n" == single.stdout


def test_bad_documents_are_reported_with_their_reason(scheduler_build: dict[str, Any]) -> None:
    rows = read_tables(scheduler_build["out"])["failures"]
    assert len(rows) == N_BAD
    by_name = {r[1]: r for r in rows}
    assert set(by_name) == {"bad_000.txt", "bad_001.docx", "bad_002.pdf"}
    assert all(r[8] == "unreadable" and any("\u4e00" <= c <= "\u9fff" for c in r[9]) for r in rows)
    assert "空" in by_name["bad_000.txt"][9]


def test_second_build_skips_everything(scheduler_build: dict[str, Any], sources: dict[str, Any],
                                       cluster: Cluster) -> None:
    out = scheduler_build["out"]
    before = snapshot(out)
    done = run_taizhang("corpus", "build", *sources["names"], "--out", str(out),
                        "--scheduler", cluster.address)
    assert done.returncode == 0, done.stderr
    assert f"新解析 0 份，失败 0 份，未变化跳过 {TOTAL + N_BAD} 份" in done.stdout
    assert snapshot(out) == before


def test_killed_build_resumes_where_it_stopped(sources: dict[str, Any], cluster: Cluster,
                                               local_build: Path, tmp_path: Path) -> None:
    out = tmp_path / "语料"
    proc = start_taizhang("corpus", "build", *sources["names"], "--out", str(out),
                          "--scheduler", cluster.address, "--batch-size", "8")
    wait_for_parts(out, 4, proc)
    kill9(proc)  # the build itself, not a worker
    assert not (out / "corpus.json").exists()  # nothing a query would take as finished
    refused = run_taizhang("corpus", "query", str(out), "SELECT 1")
    assert refused.returncode == 2 and "不是已完成的语料库" in refused.stderr
    again = run_taizhang("corpus", "build", *sources["names"], "--out", str(out),
                         "--scheduler", cluster.address, "--batch-size", "8")
    assert again.returncode == 0, again.stderr
    parsed = int(again.stdout.split("新解析 ")[1].split(" 份")[0])
    assert parsed < TOTAL  # the parts committed before the kill were not redone
    assert read_tables(out) == read_tables(local_build)


@pytest.fixture()
def small(tmp_path: Path) -> dict[str, Any]:
    from taizhang.corpus.generate import generate

    folder = tmp_path / "src"
    paths = generate(folder, 12, seed=5)
    out = tmp_path / "语料"
    done = run_taizhang("corpus", "build", str(folder), "--out", str(out), "--workers", "1",
                        "--batch-size", "4")
    assert done.returncode == 0, done.stderr
    return {"folder": folder, "paths": paths, "out": out}


def test_changed_touched_and_removed_files(small: dict[str, Any], tmp_path: Path) -> None:
    changed, touched, removed = small["paths"][0], small["paths"][1], small["paths"][2]
    changed.write_text(changed.read_text("utf-8") + "\n（本文件有修改）\n", "utf-8")
    touched.write_text(touched.read_text("utf-8"), "utf-8")  # new mtime, same bytes
    removed.unlink()
    done = run_taizhang("corpus", "build", str(small["folder"]), "--out", str(small["out"]),
                        "--workers", "1", "--batch-size", "4")
    assert done.returncode == 0, done.stderr
    assert "新解析 1 份" in done.stdout and "其中 1 份重新读过，内容相同" in done.stdout
    assert "移除 1 份" in done.stdout
    fresh = tmp_path / "fresh"
    again = run_taizhang("corpus", "build", str(small["folder"]), "--out", str(fresh), "--workers", "1")
    assert again.returncode == 0, again.stderr
    # stamps differ only where files were rewritten: compare everything else
    assert read_tables(small["out"], drop=("stamp",)) == read_tables(fresh, drop=("stamp",))


def test_rows_of_another_parser_version_are_parsed_again(small: dict[str, Any]) -> None:
    """A part written by other parser code (its version column differs) is parsed again."""
    out = small["out"]
    part = sorted((out / "parts").iterdir())[0]
    table = pq.read_table(part / "documents.parquet")
    n = table.num_rows
    old = table.set_column(table.schema.get_field_index("parser_version"), "parser_version",
                           [["0.0.1+older"] * n])
    pq.write_table(old, part / "documents.parquet")
    done = run_taizhang("corpus", "build", str(small["folder"]), "--out", str(out), "--workers", "1",
                        "--batch-size", "4")
    assert done.returncode == 0, done.stderr
    assert f"新解析 {n} 份" in done.stdout
    versions = {r[0] for r in read_tables(out)["documents"]}
    assert len(versions) == 12
    from taizhang.corpus.query import connect

    con = connect(out)
    assert con.sql("SELECT count(DISTINCT parser_version) FROM documents").fetchall() == [(1,)]
    assert not part.exists()  # the stale part is gone once the manifest no longer names it


def test_a_corpus_without_summaries_gets_them_without_parsing(small: dict[str, Any]) -> None:
    """A corpus built before the per-part summaries: the next build rewrites its parts with
    them (rows unchanged, nothing parsed) and load/network read them, with the same answers."""
    from taizhang.corpus import analyses
    from taizhang.corpus.query import connect

    out = small["out"]
    con = connect(out)
    assert analyses._summarised(con)
    answers = [con.sql(analyses.load(con)).fetchall(), con.sql(analyses.network(con)).fetchall()]
    rows = read_tables(out)
    for part in (out / "parts").iterdir():  # as an older build left it
        note = json.loads((part / "_part.json").read_text("utf-8"))
        del note["summaries"]
        (part / "_part.json").write_text(json.dumps(note), "utf-8")
        for name in ("unit_load", "unit_pairs"):
            (part / f"{name}.parquet").unlink()
    con = connect(out)
    assert not analyses._summarised(con)  # counted over units meanwhile, the same answers
    assert [con.sql(analyses.load(con)).fetchall(), con.sql(analyses.network(con)).fetchall()] == answers
    done = run_taizhang("corpus", "build", str(small["folder"]), "--out", str(out), "--workers", "1",
                        "--batch-size", "4")
    assert done.returncode == 0, done.stderr
    assert "新解析 0 份" in done.stdout
    con = connect(out)
    assert analyses._summarised(con)
    assert [con.sql(analyses.load(con)).fetchall(), con.sql(analyses.network(con)).fetchall()] == answers
    assert read_tables(out) == rows
    before = snapshot(out)
    again = run_taizhang("corpus", "build", str(small["folder"]), "--out", str(out), "--workers", "1")
    assert again.returncode == 0, again.stderr
    assert snapshot(out) == before  # summarised parts are left alone
