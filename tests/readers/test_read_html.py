"""HTML pages: the document and its index block stay, the site around it goes."""
from __future__ import annotations

from pathlib import Path

import pytest

from taizhang.parse.model import WarningCode
from taizhang.readers import read_path

GOV_PAGE = """<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="{charset}">
<title>沈阳市人民政府办公厅关于印发沈阳市开发区改革创新工作方案的通知_沈阳市人民政府</title>
<style>.main {{ width: 1200px; }}</style>
<script>var _hmt = _hmt || []; document.write("统计代码");</script>
</head>
<body>
<div class="top">
  <a href="/">沈阳市人民政府</a> <a href="/en">English</a> <a href="/wza">无障碍</a>
</div>
<nav class="main-nav"><ul><li><a href="/">首页</a></li><li><a href="/zwgk">政务公开</a></li>
  <li><a href="/hdjl">互动交流</a></li></ul></nav>
<div class="breadcrumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk">政务公开</a> &gt; 政府文件</div>
<div class="main">
  <table class="xxgk-index">
    <tr><td>索 引 号：</td><td>11210100001321463F/2018-00078</td>
        <td>主题分类：</td><td>综合政务</td></tr>
    <tr><td>发文机关：</td><td>沈阳市人民政府办公厅</td><td>成文日期：</td><td>2018年05月31日</td></tr>
    <tr><td>标　　题：</td><td colspan="3">沈阳市人民政府办公厅关于印发沈阳市开发区改革创新工作方案的通知</td></tr>
    <tr><td>发文字号：</td><td>沈政办发〔2018〕78号</td><td>发布日期：</td><td>2018年06月04日</td></tr>
  </table>
  <div class="article">
    <h1>沈阳市人民政府办公厅关于印发沈阳市开发区改革创新工作方案的通知</h1>
    <div class="font-size">【字体：<a>大</a> <a>中</a> <a>小</a>】</div>
    <div class="article-content" id="zoom">
      <p>各区、县(市)人民政府，市政府各部门、各直属单位：</p>
      <p>　　经市政府同意，现将《沈阳市开发区改革创新工作方案》印发给你们，
         请认真贯彻落实。</p>
      <p style="text-align:right">沈阳市人民政府办公厅<br>2018年5月31日</p>
      <p>　　一、推行“管委会+平台公司”运营管理模式。<span>2018年6月底前，各开发区要成立平台公司。</span>(市发展改革委牵头)</p>
      <table border="1">
        <tr><th>序号</th><th>任务</th><th>牵头单位</th><th>责任单位</th><th>完成时限</th></tr>
        <tr><td>1</td><td>推进开发区体制机制创新</td><td>市发展改革委</td>
            <td><p>市财政局</p><p>各区县(市)政府</p></td><td>2018年底前</td></tr>
      </table>
    </div>
    <div class="share">分享到：<a>微信</a> <a>微博</a></div>
    <div class="print-close"><a>【打印本页】</a> <a>【关闭窗口】</a></div>
  </div>
  <div class="related-docs"><h3>相关文件</h3><ul><li><a>沈阳市另一份通知</a></li></ul></div>
</div>
<footer>
  <p><a href="/wzdt">网站地图</a> | <a href="/lxwm">联系我们</a></p>
  <p>版权所有：沈阳市人民政府办公厅 辽ICP备05000000号</p>
  <p>扫描二维码，在手机上打开当前页</p>
</footer>
</body>
</html>
"""

EXPECTED = [
    "索引号：11210100001321463F/2018-00078",
    "主题分类：综合政务",
    "发文机关：沈阳市人民政府办公厅",
    "成文日期：2018年05月31日",
    "标题：沈阳市人民政府办公厅关于印发沈阳市开发区改革创新工作方案的通知",
    "发文字号：沈政办发〔2018〕78号",
    "发布日期：2018年06月04日",
    "沈阳市人民政府办公厅关于印发沈阳市开发区改革创新工作方案的通知",
    "各区、县(市)人民政府，市政府各部门、各直属单位：",
    "经市政府同意，现将《沈阳市开发区改革创新工作方案》印发给你们，请认真贯彻落实。",
    "沈阳市人民政府办公厅",
    "2018年5月31日",
    "一、推行“管委会+平台公司”运营管理模式。2018年6月底前，各开发区要成立平台公司。(市发展改革委牵头)",
    "序号 | 任务 | 牵头单位 | 责任单位 | 完成时限",
    "1 | 推进开发区体制机制创新 | 市发展改革委 | 市财政局、各区县(市)政府 | 2018年底前",
]


@pytest.mark.parametrize(("name", "charset", "codec"), [
    pytest.param("page.html", "utf-8", "utf-8", id="utf8_html"),
    pytest.param("page.htm", "gb2312", "gbk", id="gb2312_declared_gbk_bytes"),
    pytest.param("saved_page.txt", "utf-8", "utf-8", id="html_sniffed_in_txt"),
])
def test_gov_page_keeps_document_drops_chrome(tmp_path: Path, name: str, charset: str,
                                              codec: str) -> None:
    path = tmp_path / name
    path.write_bytes(GOV_PAGE.format(charset=charset).encode(codec))
    read = read_path(path)
    assert read.format == "html"
    assert read.text.split("\n") == EXPECTED
    # the page declared its charset: that is not a guess
    assert [w.code for w in read.warnings] == [WarningCode.BOILERPLATE_REMOVED]


@pytest.mark.parametrize("chrome", ["网站地图", "版权所有", "扫描二维码", "当前位置", "政务公开",
                                    "分享到", "打印本页", "相关文件", "统计代码", "字体", "无障碍"])
def test_no_chrome_left(tmp_path: Path, chrome: str) -> None:
    path = tmp_path / "page.html"
    path.write_text(GOV_PAGE.format(charset="utf-8"), encoding="utf-8")
    assert chrome not in read_path(path).text


def test_undeclared_gbk_page_is_detected(tmp_path: Path) -> None:
    page = GOV_PAGE.replace('<meta charset="{charset}">', "")
    path = tmp_path / "page.html"
    path.write_bytes(page.format().encode("gbk"))
    read = read_path(path)
    assert read.text.split("\n") == EXPECTED
    assert [w.code for w in read.warnings] == [WarningCode.ENCODING_GUESSED,
                                               WarningCode.BOILERPLATE_REMOVED]


def test_layout_tables_are_not_flattened(tmp_path: Path) -> None:
    """Old sites put the whole page in tables; those cells are blocks, not " | " rows."""
    body = "<p>一、加强组织领导。</p>" * 3
    page = (f"<html><body><table><tr><td class='sidebar'>栏目导航</td><td>"
            f"<table><tr><td>{body}</td></tr></table></td></tr></table></body></html>")
    path = tmp_path / "old.html"
    path.write_text(page, encoding="utf-8")
    assert read_path(path).text == "\n".join(["一、加强组织领导。"] * 3)


def test_misleading_class_does_not_drop_the_article(tmp_path: Path) -> None:
    body = "".join(f"<p>{i}、各区县政府要认真做好开发区改革创新相关工作。</p>" for i in "一二三四")
    page = f"<html><body><div class='page comment-enabled'>{body}</div><div>页脚</div></body></html>"
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    assert read_path(path).text.startswith("一、各区县政府")


def test_page_with_only_chrome(tmp_path: Path) -> None:
    from taizhang.errors import FileUnreadable

    path = tmp_path / "nav.html"
    path.write_text("<html><body><nav>首页 政务公开</nav><footer>版权所有</footer></body></html>",
                    encoding="utf-8")
    with pytest.raises(FileUnreadable, match="没有可读的文字"):
        read_path(path)


def test_index_block_as_list_inside_header_is_kept(tmp_path: Path) -> None:
    """Newer sites put the index block in <header><ul><li>; it holds the header fields: keep it."""
    page = """<html><body><header class="doc-head"><ul>
      <li><b>索 引 号 ：</b><span>000014349/2019-00012</span></li>
      <li><b>发文机关：</b><span>吉林省人民政府办公厅</span></li>
      <li><b>发文字号：</b><span>吉政办发〔2019〕3号</span></li>
      <li><b>成文日期：</b><span>2019年01月15日</span></li></ul></header>
      <header class="site"><a>首页</a><a>政务公开</a></header>
      <div id="content"><p>一、加强组织领导。</p></div></body></html>"""
    path = tmp_path / "jl.html"
    path.write_text(page, encoding="utf-8")
    assert read_path(path).text.split("\n") == [
        "索引号：000014349/2019-00012", "发文机关：吉林省人民政府办公厅",
        "发文字号：吉政办发〔2019〕3号", "成文日期：2019年01月15日", "一、加强组织领导。"]


def test_big5_page_with_meta_charset(tmp_path: Path) -> None:
    from .conftest import TRADITIONAL

    body = "".join(f"<p>{line}</p>" for line in TRADITIONAL.strip().split("\n"))
    page = f'<html><head><meta http-equiv="Content-Type" content="text/html; charset=big5"></head><body>{body}</body></html>'
    path = tmp_path / "tw.htm"
    path.write_bytes(page.encode("big5"))
    read = read_path(path)
    assert read.text == TRADITIONAL.strip()
    assert read.encoding == "big5"
    assert read.warnings == ()


def test_the_page_title_is_kept_apart_from_the_text(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(GOV_PAGE.format(charset="utf-8"), encoding="utf-8")
    read = read_path(path)
    assert read.page_title == "沈阳市人民政府办公厅关于印发沈阳市开发区改革创新工作方案的通知_沈阳市人民政府"
    assert "_沈阳市人民政府" not in read.text  # the <head> is not part of the document
    assert read.original is None and read.pages == ()  # nothing to show as a page picture


def test_a_page_without_title_has_none(tmp_path: Path) -> None:
    path = tmp_path / "bare.html"
    path.write_text("<html><body><p>一、加强组织领导。</p><p>二、强化督促检查。</p></body></html>",
                    encoding="utf-8")
    assert read_path(path).page_title is None


def test_a_cell_spanning_columns_stands_in_each_of_them(tmp_path: Path) -> None:
    """A grouped header (责任分工 over 牵头单位 | 配合单位) keeps the columns below in place; a row of
    one cell across the table (一、教育医疗类) stays one cell."""
    page = ("<html><body><table>"
            "<tr><th rowspan='2'>序号</th><th rowspan='2'>工作任务</th><th colspan='2'>责任分工</th>"
            "<th rowspan='2'>完成时限</th></tr>"
            "<tr><th>牵头单位</th><th>配合单位</th></tr>"
            "<tr><td colspan='5'>一、教育医疗类</td></tr>"
            "<tr><td>1</td><td>推进明厨亮灶工程</td><td>市市场监管局</td><td>市商务局</td><td>10月底前</td></tr>"
            "</table></body></html>")
    path = tmp_path / "grouped.html"
    path.write_text(page, encoding="utf-8")
    assert read_path(path).text.splitlines() == [
        "序号 | 工作任务 | 责任分工 | 责任分工 | 完成时限",
        "序号 | 工作任务 | 牵头单位 | 配合单位 | 完成时限",
        "一、教育医疗类",
        "1 | 推进明厨亮灶工程 | 市市场监管局 | 市商务局 | 10月底前"]
