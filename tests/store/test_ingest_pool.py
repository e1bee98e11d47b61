"""`taizhang ingest` of many files parses them in worker processes: the outcome, the messages
and the stored ledger are exactly those of parsing one file after another."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from taizhang.cli import ingest_pool, main

SAMPLES = sorted((Path(__file__).parents[2] / "samples").glob("*.txt"))


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    capsys.readouterr()
    try:
        code = main(list(args))
    except SystemExit as stop:
        code = stop.code
    out = capsys.readouterr()
    return int(code or 0), out.out, out.err


@pytest.fixture
def files(tmp_path: Path) -> list[str]:
    made = []
    for batch in (1, 2):
        for seed in SAMPLES[:4]:  # seed 004 names no issuer: placed by its text, added below
            text = re.sub(r"〔(\d{4})〕(\d+)号", lambda m: f"〔{m[1]}〕{int(m[2]) + 100 * batch}号",
                          seed.read_text(encoding="utf-8"))
            made.append(tmp_path / f"b{batch}_{seed.name}")
            made[-1].write_text(text + f"\n（第{batch}批）\n", encoding="utf-8")
    made.append(tmp_path / "again.txt")  # the same text as the first: unchanged
    made[-1].write_text(made[0].read_text(encoding="utf-8"), encoding="utf-8")
    made.append(SAMPLES[4])
    made.append(tmp_path / "missing.txt")
    made.append(tmp_path / "image.png")
    made[-1].write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    return [str(f) for f in made]


def test_workers_give_what_one_process_gives(files: list[str], tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    assert len(files) >= ingest_pool.PARALLEL_FROM
    runs = {}
    for workers in ("2", "1"):
        url = f"sqlite:///{tmp_path / f'w{workers}.db'}"
        code, out, err = _run(capsys, "ingest", *files, "--workers", workers, "--db", url)
        # the progress lines tell a rate and the time left, which differ from run to run
        ingested = (code, out, "".join(ln for ln in err.splitlines(keepends=True)
                                       if not ln.startswith("进度：")))
        listed = _run(capsys, "documents", "--all-versions", "--format", "json", "--db", url)
        tasks = _run(capsys, "tasks", "--today", "2019-01-01", "--format", "json", "--db", url)
        docs = [{k: v for k, v in d.items() if k != "ingested_at"} for d in json.loads(listed[1])]
        runs[workers] = (ingested, docs, json.loads(tasks[1]))
    assert runs["2"] == runs["1"]
    (code, out, err), docs, tasks = runs["1"]
    assert code == 2 and out.count("已导入：") + out.count("新版本：") == 9
    assert out.count("未变化：") == 1
    assert err.count("错误：") == 2 and "missing.txt" in err and "image.png" in err
    assert "读入 9、未变化跳过 1、需核对 1、拒绝 2。" in err
    assert len(docs) == 9 and len(tasks) > 100


def test_a_few_files_are_parsed_here(files: list[str]) -> None:
    """Below the threshold no worker starts: the generator yields straight from parse."""
    few = list(ingest_pool.parsed(files[:2], None, workers=4))
    assert [name for name, _, _ in few] == files[:2]
    assert all(doc is not None and problem is None for _, doc, problem in few)
