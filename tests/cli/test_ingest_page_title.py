"""`taizhang ingest` of a web page whose body has no title line: named from its <title>, the
site's name cut off, flagged for review; a title line in the body wins over the <title>."""
from __future__ import annotations

import json
from pathlib import Path

from .conftest import Run

BODY = ("<p>各区、县（市）人民政府，市政府各部门：</p>"
        "<p>一、推进开发区体制机制创新。2018年底前完成。（市发展改革委牵头，市财政局配合）</p>"
        "<p>二、建设人才公寓。2019年6月底前完成。（市住房局牵头）</p>")
PAGE = ('<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}</title></head>'
        '<body><div class="nav">首页 政务公开</div><div class="content">{heading}{body}</div></body></html>')


def _ingest(cli: Run, tmp_path: Path, name: str, **parts: str) -> dict[str, object]:
    url = f"sqlite:///{tmp_path / 'l.db'}"
    page = tmp_path / name
    page.write_text(PAGE.format(body=BODY, **parts), encoding="utf-8")
    code, out, err = cli("ingest", page, "--jurisdiction", "沈阳市", "--db", url)
    assert code == 0, err
    code, out, err = cli("documents", "--format", "json", "--db", url)
    docs = {d["source"]: d for d in json.loads(out)}
    return docs[name]


def test_no_title_line_takes_the_page_title_without_the_site(cli: Run, tmp_path: Path) -> None:
    doc = _ingest(cli, tmp_path, "a.html", heading="",
                  title="沈阳市开发区改革创新重点任务分工方案_政策文件_沈阳市人民政府网站")
    assert doc["title"] == "沈阳市开发区改革创新重点任务分工方案"
    assert doc["review_flags"] == ["title_from_page"]


def test_a_title_line_in_the_body_wins(cli: Run, tmp_path: Path) -> None:
    doc = _ingest(cli, tmp_path, "b.html",
                  heading="<h1>沈阳市人民政府办公厅关于开发区改革创新的实施意见</h1>",
                  title="沈阳市开发区改革创新重点任务分工方案_沈阳市人民政府网站")
    assert doc["title"] == "沈阳市人民政府办公厅关于开发区改革创新的实施意见"
    assert "title_from_page" not in (doc["review_flags"] or [])


def test_a_page_title_that_is_only_the_site_leaves_it_untitled(cli: Run, tmp_path: Path) -> None:
    doc = _ingest(cli, tmp_path, "c.html", heading="", title="首页 - 沈阳市人民政府")
    assert doc["title"] is None and doc["review_flags"] == ["untitled"]
