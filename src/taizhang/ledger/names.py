"""The closest known names to one that matched nothing: for messages such as
“没有“沈阳”的任务；是不是：沈阳市？”.

Chinese names are short, so a name that contains the given one (沈阳 → 沈阳市) or is contained
in it comes first, when the shorter is at least two characters and half the longer; then
difflib's similarity ratio (市发改局 → 市发展改革委).
"""
from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Iterable

from taizhang.errors import NotFound


def _norm(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip().lower()


def closest(value: str, known: Iterable[str], *, n: int = 3, cutoff: float = 0.5) -> list[str]:
    """Up to ``n`` names from ``known`` that ``value`` probably meant, best first.

    >>> closest("沈阳", ["吉林省", "沈阳市", "辽宁省"])
    ['沈阳市']
    """
    names = list(dict.fromkeys(k for k in known if k))
    want = _norm(value)
    if not want:
        return []
    by_norm = {_norm(k): k for k in names}
    # one inside the other (沈阳 / 沈阳市), when the shorter is a real part of the longer: not
    # a lone character or digit that happens to occur in it
    around = [k for nk, k in by_norm.items() if nk != want and (want in nk or nk in want)
              and 2 <= min(len(nk), len(want)) and 2 * min(len(nk), len(want)) >= max(len(nk), len(want))]
    around.sort(key=lambda k: (abs(len(_norm(k)) - len(want)), k))
    similar = [by_norm[m] for m in difflib.get_close_matches(want, list(by_norm), n=n + 1,
                                                             cutoff=cutoff) if m != want]
    out = list(dict.fromkeys(around + similar))
    return out[:n]


def unknown_message(what: str, value: str, known: Iterable[str], *, listed: int = 12) -> tuple[str, str]:
    """(message, hint) for a value naming nothing: the closest names, then what there is.

    ``unknown_message("地区", "沈阳", ["沈阳市", "吉林省"])`` →
    ``("没有地区“沈阳”", "是不是：沈阳市？已有的地区：沈阳市、吉林省")``.
    """
    names = list(dict.fromkeys(k for k in known if k))
    near = closest(value, names)
    guess = f"是不是：{'、'.join(near)}？" if near else ""
    shown = "、".join(names[:listed]) + ("等" if len(names) > listed else "")
    return f"没有{what}“{value}”", f"{guess}已有的{what}：{shown or '（无）'}"


def document_not_found(ref: int | str, names: Iterable[str | None]) -> NotFound:
    """The one message for a document reference that names none (the store, the fast
    reader): the closest 发文字号 or file names, and where to see them all."""
    near = closest(str(ref), [n for n in names if n])
    guess = f"是不是：{'、'.join(near)}？" if near else ""
    return NotFound(f"没有找到文件“{ref}”", hint=f"{guess}可用文件编号、发文字号或文件名；"
                                             "用 taizhang documents 查看全部文件")
