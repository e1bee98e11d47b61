"""Refused rows → one SheetError: the first named by row and column, every other one listed.

The same shape as :func:`taizhang.exports.progress_import.raise_problems`, for problems found
against the register (unknown zone, a stage moved back) as well as in the cells: a department
fixes its sheet once, and nothing of it was written meanwhile.
"""
from __future__ import annotations

from collections.abc import Sequence

from taizhang.errors import SheetError
from taizhang.projects.model import RowProblem

SHOWN = 30  # problems listed in full; the rest are counted


def describe(p: RowProblem) -> str:
    where = "".join([f"第{p.row}行" if p.row else "", f"“{p.column}”列" if p.column else ""])
    return f"{where}：{p.message}" if where else p.message


def refusal(problems: Sequence[RowProblem], source: str, *, partial_hint: bool = True) -> SheetError:
    """The error for a refused import; ``problems`` must not be empty."""
    first = problems[0]
    message = first.message
    if len(problems) > 1:
        rest = "\n".join(f"  {describe(p)}" for p in problems[1:SHOWN + 1])
        more = f"\n  ……另有{len(problems) - SHOWN - 1}处" if len(problems) > SHOWN + 1 else ""
        message += f"\n另有{len(problems) - 1}处问题：\n{rest}{more}"
    hint = f"{source} 未导入任何内容；改正后请重新导入"
    if partial_hint:
        hint += "（或加 --partial 先导入无误的行）"
    err = SheetError(message, row=first.row, column=first.column, hint=hint)
    err.problems = list(problems)  # type: ignore[attr-defined]
    return err
