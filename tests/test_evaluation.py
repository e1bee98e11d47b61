"""`taizhang evaluate` scores as shared/scripts/evaluate.py does; `taizhang export gold` makes a
reviewed document an office's own test case."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
TAIZHANG = Path(sys.executable).with_name("taizhang")
KEYS = ("recall", "precision", "lead F1", "support F1", "leaders F1", "due F1", "rrule F1", "doc fields", "refs F1")


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(TAIZHANG), *args], capture_output=True, text=True, timeout=300)


@pytest.mark.parametrize("gold, docs", [
    pytest.param(SHARED / "gold", SHARED / "seeds", id="seeds"),
    pytest.param(ROOT / "tests" / "corpus10", ROOT / "tests" / "corpus10", id="corpus10"),
])
def test_the_scores_are_the_shared_scorers(gold: Path, docs: Path) -> None:
    shared = subprocess.run([sys.executable, str(SHARED / "scripts" / "evaluate.py"), str(gold), str(docs),
                             "--cmd", f"{TAIZHANG} parse --format json"], capture_output=True, text=True, timeout=300)
    line = shared.stdout.strip().splitlines()[-1]
    expected = {k: float(re.search(re.escape(k) + r" ([\d.]+)", line).group(1)) for k in KEYS}  # type: ignore[union-attr]
    ours = json.loads(_run("evaluate", str(gold), str(docs), "--format", "json").stdout)
    assert {k: round(ours[k], 3) for k in KEYS} == expected


def test_evaluate_reports_in_chinese_and_refuses_what_is_no_gold(tmp_path: Path) -> None:
    done = _run("evaluate", str(SHARED / "gold"), str(SHARED / "seeds"))
    assert done.returncode == 0 and "牵头单位 F1" in done.stdout and "不确定标记" in done.stdout
    missing = _run("evaluate", str(tmp_path / "无"), str(tmp_path))
    assert missing.returncode != 0 and "不存在" in missing.stderr
    (tmp_path / "x.json").write_text("{不是 JSON", encoding="utf-8")
    bad = _run("evaluate", str(tmp_path), str(tmp_path))
    assert bad.returncode == 2 and "不是标注文件" in bad.stderr


def test_a_reviewed_document_becomes_a_test_case(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'l.db'}"
    seed = SHARED / "seeds" / "000_e697be1312979dd4.txt"
    assert _run("ingest", str(seed), "--db", db).returncode == 0
    out = tmp_path / "标注" / "000.json"
    out.parent.mkdir()
    done = _run("export", "gold", "--document", "1", "--db", db, "-o", str(out))
    assert done.returncode == 0, done.stderr
    answer = json.loads(out.read_text(encoding="utf-8"))
    assert answer["source"] == "000.txt" and (out.parent / "000.txt").exists()
    assert answer["tasks"][0]["lead"] == ["市编委办"]
    first = json.loads(_run("evaluate", str(out.parent), str(out.parent), "--format", "json").stdout)
    assert first["recall"] == 1.0 and first["lead F1"] == 1.0
    # a reviewer corrects a lead on the review page: the office's gold now says otherwise
    from taizhang.store import Ledger

    with Ledger(db) as ledger:
        item = ledger.list_items(document=1, include_drafts=True)[0]
        ledger.correct(item.id, "lead", "市政务服务办", actor="test")
    assert _run("export", "gold", "--document", "1", "--db", db, "-o", str(out)).returncode == 0
    second = json.loads(_run("evaluate", str(out.parent), str(out.parent), "--format", "json", "-v").stdout)
    assert second["lead F1"] < 1.0 and any("市政务服务办" in m for m in second["misses"])


def test_export_gold_needs_a_document(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'l.db'}"
    _run("ingest", str(SHARED / "seeds" / "000_e697be1312979dd4.txt"), "--db", db)
    done = _run("export", "gold", "--db", db)
    assert done.returncode != 0 and "--document" in done.stderr
