"""`taizhang ingest` as a new user meets it (issue 16): each document's own place with the
evidence, --jurisdiction only where the text names none, 未确定 flagged instead of a refused
batch, a title that is never the file name, progress lines and a summary; and
`taizhang jurisdictions`, which finds and fixes documents stored under the wrong place."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from taizhang.parse import parse
from taizhang.store import Ledger

from .conftest import SAMPLES, Run

EXPECTED = {"000": "沈阳市", "001": "沈阳市", "002": "吉林省", "003": "辽宁省", "004": "沈阳市"}
NO_PLACE = ("一、加强组织领导。各部门要明确责任分工，2019年6月底前建立工作机制。"
            "（牵头单位：市发展改革委；配合单位：市财政局）\n"
            "二、强化督促检查。每季度通报一次进展情况。（牵头单位：市政府督查室）\n")


def _documents(cli: Run, url: str) -> dict[str, dict[str, object]]:
    code, out, err = cli("documents", "--format", "json", "--db", url)
    assert code == 0, err
    return {Path(d["source"]).name[:3]: d for d in json.loads(out)}


@pytest.mark.parametrize("given", [[], ["--jurisdiction", "沈阳市"]], ids=["plain", "given"])
def test_the_samples_go_to_their_own_places(cli: Run, tmp_path: Path, given: list[str]) -> None:
    url = f"sqlite:///{tmp_path / 'fresh.db'}"
    code, out, err = cli("ingest", *sorted(SAMPLES.glob("*.txt")), *given, "--db", url)
    assert code == 0, err
    docs = _documents(cli, url)
    assert {k: d["jurisdiction"] for k, d in docs.items()} == EXPECTED
    assert docs["004"]["jurisdiction_evidence"][0].startswith("正文提到 沈阳 ")
    assert docs["002"]["jurisdiction_evidence"] == ["发文机关 吉林省人民政府 → 吉林省"]
    assert "（沈阳市，推断：正文提到 沈阳" in out
    assert err.splitlines()[-1] == "读入 5、未变化跳过 0、需核对 1、拒绝 0。"
    contradicted = [ln for ln in err.splitlines() if "与指定的地区 沈阳市 不同" in ln]
    assert len(contradicted) == (2 if given else 0)  # 吉政发 and 辽政办发 keep their own
    assert all("已按文件自身记为" in ln for ln in contradicted)
    # Jilin's and Liaoning's units are theirs, not Shenyang's
    code, out, _ = cli("units", "--jurisdiction", "沈阳市", "--format", "json", "--db", url)
    assert not [u["name"] for u in json.loads(out) if u["name"].startswith("省")]


def test_a_text_naming_no_place_is_stored_undecided_and_can_be_set(cli: Run,
                                                                   tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'l.db'}"
    plain = tmp_path / "要点.txt"
    plain.write_text(NO_PLACE, encoding="utf-8")
    code, out, err = cli("ingest", plain, "--db", url)
    assert code == 0, err
    assert "［地区未确定，待核对］" in out and "［无标题，待核对］" in out
    assert "需核对 1" in err and "taizhang jurisdictions" in err and "--jurisdiction" in err
    doc = _documents(cli, url)["要点."]
    assert doc["jurisdiction"] == "未确定" and doc["title"] is None
    assert set(doc["review_flags"]) == {"jurisdiction_undecided", "untitled"}
    code, out, _ = cli("jurisdictions", "--db", url)
    assert code == 0 and "无法确定" in out and "--set" in out
    code, out, err = cli("jurisdictions", "--document", doc["id"], "--set", "沈阳市", "--apply",
                         "--db", url)
    assert code == 0, err
    doc = _documents(cli, url)["要点."]
    assert doc["jurisdiction"] == "沈阳市" and doc["review_flags"] == ["untitled"]
    code, out, _ = cli("tasks", "--jurisdiction", "沈阳市", "--format", "json", "--db", url)
    assert {t["lead"] for t in json.loads(out)} == {"市发展改革委", "市政府督查室"}
    code, out, _ = cli("units", "--jurisdiction", "未确定", "--db", url)
    assert code != 0  # the units moved with the items: no 未确定 place is left


def _old_ledger(url: str) -> int:
    """A ledger as ingest left it before issue 16, with ``--jurisdiction 沈阳市`` placing every
    document: 吉政发〔2016〕41号 (its issuer and number stored) under 沈阳市."""
    doc = parse((SAMPLES / "002_0c7ffc69b25063d5.txt").read_text("utf-8"), source="002.txt")
    shenyang = (SAMPLES / "001_78cdeab974107ec5.txt").read_text("utf-8")
    with Ledger(url) as ledger:
        ledger.ingest(parse(shenyang, source="001.txt"), actor="test")
        # today's ingest places it by its issuer; without issuer and number the given place wins
        stored = ledger.ingest(doc._replace(issuer=None, doc_number=None), actor="test",
                               jurisdiction="沈阳市").document
        assert stored.jurisdiction == "沈阳市"
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE documents SET issuer = :i, doc_number = :n WHERE id = :d"),
                     {"i": doc.issuer, "n": doc.doc_number, "d": stored.id})
    engine.dispose()
    return stored.id


def test_jurisdictions_lists_then_fixes_a_document_stored_under_the_wrong_place(
        cli: Run, tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'old.db'}"
    doc_id = _old_ledger(url)
    before = Path(tmp_path / "old.db").read_bytes()
    code, out, err = cli("jurisdictions", "--db", url)
    assert code == 0, err
    row = next(ln for ln in out.splitlines() if ln.startswith(str(doc_id)))
    assert "沈阳市" in row and "吉林省" in row and "发文机关 吉林省人民政府 → 吉林省" in row
    assert "尚未修改" in out and "--apply" in out
    assert Path(tmp_path / "old.db").read_bytes() == before  # a dry run writes nothing
    code, out, err = cli("jurisdictions", "--apply", "--db", url)
    assert code == 0 and "已更改 1 个文件" in out, err
    docs = _documents(cli, url)
    assert (docs["001"]["jurisdiction"], docs["002"]["jurisdiction"]) == ("沈阳市", "吉林省")
    code, out, _ = cli("units", "--jurisdiction", "沈阳市", "--format", "json", "--db", url)
    assert not [u["name"] for u in json.loads(out) if u["name"].startswith("省")]
    code, out, _ = cli("tasks", "--jurisdiction", "吉林省", "--format", "json", "--db", url)
    assert len(json.loads(out)) > 50
    with Ledger(url) as ledger:
        entry = ledger.audit_log(entity="document", entity_id=doc_id)[-1]
    assert entry.action == "document.jurisdiction"
    assert entry.before == {"jurisdiction": "沈阳市"} and entry.after["jurisdiction"] == "吉林省"
    assert cli("jurisdictions", "--db", url)[1].strip().endswith("无需更改。")


def test_the_title_is_never_the_file_name(cli: Run, tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'l.db'}"
    issued = tmp_path / "印发.txt"
    issued.write_text("各区、县（市）人民政府：\n经市政府同意，现将《沈阳市2019年重点工作分工方案》印发给你们，"
                      "请认真贯彻落实。\n" + NO_PLACE, encoding="utf-8")
    code, out, err = cli("ingest", SAMPLES / "004_d9f934d189bcf9a8.txt", issued, "--db", url)
    assert code == 0, err
    docs = _documents(cli, url)
    assert docs["004"]["title"] is None and "untitled" in docs["004"]["review_flags"]
    assert docs["印发."]["title"] == "沈阳市2019年重点工作分工方案"
    assert "title_inferred" in docs["印发."]["review_flags"]
    code, out, _ = cli("documents", "--db", url)
    assert "（无标题）" in out and "004_d9f934d189bcf9a8.txt" not in out.split("来源文件")[0]


def test_many_files_show_progress_lines_and_a_summary_when_piped(cli: Run,
                                                                  tmp_path: Path) -> None:
    from taizhang.corpus.generate import generate

    files = sorted(str(p) for p in generate(tmp_path / "gen", 12, seed=3))
    url = f"sqlite:///{tmp_path / 'l.db'}"
    code, out, err = cli("ingest", *files, str(tmp_path / "nothing.txt"), "--workers", "1",
                         "--db", url)
    assert code == 2  # one file refused: the others are stored, the exit says so
    lines = [ln for ln in err.splitlines() if ln.startswith("进度：")]
    assert lines[-1].startswith("进度：13/13（100%）") and "份/秒" in lines[-1]
    assert 2 <= len(lines) <= 14 and "\x1b[" not in err  # plain lines, no terminal codes
    summary = next(ln for ln in err.splitlines() if ln.startswith("读入 "))
    assert summary.startswith("读入 12、未变化跳过 0、") and summary.endswith("拒绝 1。")
    code, _, err = cli("ingest", *files, "--db", url)
    assert code == 0 and "读入 0、未变化跳过 12、需核对 0、拒绝 0。" in err


def test_bad_input_stores_nothing(cli: Run, tmp_path: Path) -> None:
    db = tmp_path / "new.db"
    code, out, err = cli("ingest", tmp_path / "nothing.txt", "--db", f"sqlite:///{db}")
    assert code == 2 and "错误：" in err and "拒绝 1" in err and not db.exists()


def test_no_progress_means_none(cli: Run, tmp_path: Path) -> None:
    from taizhang.corpus.generate import generate

    files = sorted(str(p) for p in generate(tmp_path / "gen", 10, seed=4))
    code, _, err = cli("ingest", *files, "--no-progress", "--db", f"sqlite:///{tmp_path / 'l.db'}")
    assert code == 0 and "进度：" not in err and err.splitlines()[-1].startswith("读入 10、")


def test_the_readers_warnings_are_kept_with_the_ingested_document(cli: Run, tmp_path: Path) -> None:
    """What the reader noticed (an encoding guessed, a scanned page OCR'd) stays with the document,
    so its review page shows it as the upload's does."""
    path = tmp_path / "gbk.txt"
    path.write_bytes((SAMPLES / "001_78cdeab974107ec5.txt").read_text(encoding="utf-8").encode("gb18030"))
    url = f"sqlite:///{tmp_path / 'w.db'}"
    code, _, err = cli("ingest", str(path), "--db", url)
    assert code == 0, err
    with create_engine(url).connect() as conn:
        stored = json.loads(conn.execute(text("select parse_json from document_texts")).scalar_one())
    assert "encoding_guessed" in [w["code"] for w in stored["warnings"]]
