"""``taizhang evaluate GOLD DOCS``: score the parser on documents an office has checked by hand.

GOLD holds one ``X.json`` per document in the contract's gold format (CONTRACT.md §4; `taizhang
export gold` writes one from a reviewed document), naming its document in ``source``; DOCS holds
the documents. The scores are the contract's, as shared/scripts/evaluate.py computes them.
"""
from __future__ import annotations

import json
from pathlib import Path

import click

from taizhang.cli.output import Listing, chosen, emit, output_options
from taizhang.errors import InputError, TaizhangError

_NAMES = {"recall": "任务找全（召回）", "precision": "任务找准（精确）", "lead F1": "牵头单位 F1",
          "support F1": "配合单位 F1", "leaders F1": "责任领导 F1", "due F1": "完成时限 F1",
          "rrule F1": "周期规则 F1", "doc fields": "文件信息正确率", "refs F1": "引用文件 F1"}
_FIELDS = {"task": "任务", "lead": "牵头单位", "support": "配合单位"}


@click.command()
@click.argument("gold", type=click.Path(file_okay=False, path_type=Path))
@click.argument("docs", type=click.Path(file_okay=False, path_type=Path))
@click.option("-v", "--verbose", is_flag=True, help="逐项列出与标注不符之处")
@output_options
def evaluate(gold: Path, docs: Path, verbose: bool, fmt: str, no_bom: bool, as_json: bool) -> None:
    """用人工核对过的标注给解析打分（与 shared/scripts/evaluate.py 同一套规则）。

    \b
    GOLD 目录：每份文件一个 X.json（合同的标注格式，可用 taizhang export gold 从核对过的文件导出）
    DOCS 目录：标注里 source 所指的原文件（txt/docx/pdf/html）
    例：taizhang evaluate 标注/ 原文/ -v
    """
    from taizhang.evaluation import Report
    from taizhang.parse import parse
    from taizhang.readers import read_path

    if not gold.is_dir():
        raise InputError(f"标注目录“{gold}”不存在", hint="请给出放 X.json 标注文件的目录")
    if not docs.is_dir():
        raise InputError(f"原文目录“{docs}”不存在", hint="请给出放原文件的目录")
    files = sorted(gold.glob("*.json"))
    if not files:
        raise InputError(f"“{gold}”里没有 .json 标注文件", hint="可用 taizhang export gold 导出核对过的文件")
    report = Report()
    failed: list[str] = []
    for path in files:
        try:
            answer = json.loads(path.read_text(encoding="utf-8"))
            source, tasks = answer["source"], answer["tasks"]
        except (OSError, ValueError, KeyError, TypeError) as err:
            failed.append(f"{path.name}：不是标注文件（{type(err).__name__}）")
            continue
        if not isinstance(tasks, list):
            failed.append(f"{path.name}：tasks 应是列表")
            continue
        try:
            read = read_path(str(docs / source))
        except TaizhangError as err:
            failed.append(f"{path.name}：{err}")
            continue
        report.add(answer, parse(read.text, source=read.source).to_dict(), name=source)
    for line in failed:
        click.echo(f"未能评分：{line}", err=True)
    emit(_listing(report, failed, verbose), chosen(fmt, as_json), no_bom=no_bom)
    if failed:
        raise SystemExit(2)


def _listing(report: object, failed: list[str], verbose: bool) -> Listing:
    """The scores, then how the uncertainty flags fell, then (with -v) each disagreement."""
    from taizhang.cli.ledger_table import cell
    from taizhang.evaluation import Report

    assert isinstance(report, Report)
    summary = report.summary()
    scores = [[label, f"{summary[key]:.3f}"] for key, label in _NAMES.items()]
    flags = []
    for key, label in _FIELDS.items():
        t = report.flags[key]
        flags.append([label, t.wrong, t.wrong_flagged, _share(t.wrong_flagged, t.wrong),
                      t.right, t.right_flagged, _share(t.right_flagged, t.right)])
    payload = {**summary, "flags": {k: vars(v) for k, v in report.flags.items()}, "failed": failed,
               "misses": report.misses if verbose else []}
    missed = f"（漏掉的 {report.missed} 项任务无从标出，不计在内）" if report.missed else ""

    def text() -> str:
        lines = [f"  {line}" for line in report.misses] if verbose else []
        lines.append(f"文件 {summary['documents']} 份，标注任务 {summary['tasks']} 项")
        lines += [f"  {cell(label, 18)}{value}" for label, value in scores]
        lines.append("不确定标记（任务、牵头单位、配合单位）：")
        for label, wrong, wrong_flagged, wrong_share, right, right_flagged, right_share in flags:
            lines.append(f"  {label}：错的标出 {wrong_flagged}/{wrong}（{wrong_share}），"
                         f"对的误标 {right_flagged}/{right}（{right_share}）")
        if missed:
            lines.append(f"  {missed}")
        return "\n".join(lines) + "\n"

    more = [Listing([("字段", 8), ("错的", 6), ("错而标出", 8), ("比例", 6), ("对的", 6), ("对而误标", 8),
                     ("比例", 6)], flags, None, footer=missed, title="不确定标记")]
    if verbose:
        more.append(Listing([("与标注不符", 60)], [[m] for m in report.misses], None, title="与标注不符"))
    return Listing([("指标", 16), ("得分", 6)], scores, payload, text=text, more=more,
                   title=f"评分（文件 {summary['documents']} 份，标注任务 {summary['tasks']} 项）")


def _share(part: int, whole: int) -> str:
    return f"{part / whole:.0%}" if whole else "—"
