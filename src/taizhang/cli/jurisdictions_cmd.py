"""``taizhang jurisdictions``: which place each document belongs to, and why; ``--apply`` fixes.

A dry run by default (a listing with the evidence); ``--apply`` moves the documents whose own
issuer, 发文字号 or text names another place than the one stored — their items, units and
reports with them — in one transaction, each move written to the 留痕 (document.jurisdiction).
"""
from __future__ import annotations

import click

from taizhang.cli.ledger_common import OFFICE_ACTOR, chosen, db_option, open_ledger, output_options
from taizhang.cli.output import Listing, emit
from taizhang.wording import display_title


@click.command()
@click.option("--apply", "apply", is_flag=True,
              help="按列出的“应为”更改所属地区（默认只列出，不修改）")
@click.option("--document", default=None, help="只看这一个文件（编号、发文字号或文件名）")
@click.option("--set", "place", default=None, metavar="地区",
              help="与 --document 连用：人工指定这个文件的所属地区（文中看不出地区时），如 沈阳市")
@click.option("--all", "show_all", is_flag=True, help="也列出地区无需更改的文件")
@click.option("--actor", default=OFFICE_ACTOR, show_default=True, help="记入留痕的操作人")
@db_option
@output_options
def jurisdictions(apply: bool, document: str | None, place: str | None, show_all: bool,
                  actor: str, db: str | None, fmt: str, no_bom: bool, as_json: bool) -> int:
    """核对已导入文件的所属地区：按发文机关、发文字号的机关代字和正文地名重新判断，列出理由。

    \b
    默认只列出需要更改或仍“未确定”的文件，不做修改；加 --apply 才更改
    （文件的各版本、任务、牵头和配合单位、进展报送一并移到新地区，写入留痕）。
    例：taizhang jurisdictions
        taizhang jurisdictions --apply
        taizhang jurisdictions --document 5 --set 沈阳市 --apply
    """
    from taizhang.errors import InputError
    from taizhang.store.relocate import UNDECIDED, given

    if place and not document:
        raise InputError("--set 要与 --document 一起用", hint="例：--document 5 --set 沈阳市")
    with open_ledger(db) as ledger:
        found = ledger.review_jurisdictions(document)
        if place:
            found = [given(f, place) for f in found]
        shown = [f for f in found if show_all or document or f.changes
                 or (f.stored == UNDECIDED and f.proposed is None)]
        moved = ledger.relocate(shown, actor=actor) if apply else 0
    changing = [f for f in shown if f.changes]
    columns = [("编号", 5), ("标题", 36), ("现记为", 10), ("应为", 10), ("理由", 50)]
    rows = [[f.document_id, display_title(f.title, f.doc_number), f.stored,
             f.proposed or "无法确定", "；".join(f.evidence)] for f in shown]
    if apply:
        footer = f"已更改 {len(changing)} 个文件的所属地区（{moved} 项任务随之移动），已记入留痕。"
    elif changing:
        footer = (f"{len(changing)} 个文件的所属地区应更改（尚未修改）；"
                  "确认无误后加 --apply 执行。")
    undecided = [f for f in shown if f.proposed is None and f.stored == UNDECIDED]
    if not apply and not changing:
        footer = "没有可自动更改的文件。" if undecided else "所属地区都与文件自身一致，无需更改。"
    if undecided:
        footer += (f"\n{len(undecided)} 个文件仍看不出所属地区：可用 "
                   "taizhang jurisdictions --document 编号 --set 地区 --apply 指定。")
    emit(Listing(columns, rows, [f.to_dict() for f in shown], footer=footer),
         chosen(fmt, as_json), no_bom=no_bom)
    return 0
