"""Unit names and jurisdictions: which body a short name means depends on who issued the text.

``jurisdiction_of("沈阳市人民政府办公厅") == "沈阳市"``; ``canonical_name("市发改委") ==
"市发展改革委"``. Abbreviation rules are a table: one row per common long/short form.
"""
from __future__ import annotations

import re
import unicodedata

from taizhang.errors import InputError

# issuer suffixes that name an organ of the place rather than the place itself, longest first
_ORGAN_SUFFIXES = ("人民政府办公厅", "人民政府办公室", "人民政府", "政府办公厅", "政府办公室",
                   "政府", "委员会", "委办公厅", "委")

# a place name ending in a level word; 自治区/自治州 before the one-character words
_PLACE = re.compile(r"^(?:中共)?(?P<place>[\u4e00-\u9fff]{1,12}?(?:自治区|自治州|特别行政区|省|市|"
                    r"自治县|县|区|旗|盟))")

# (long or variant form, the form the ledger keeps); applied inside names, in order
ABBREVIATIONS: tuple[tuple[str, str], ...] = (
    ("发展和改革委员会", "发展改革委"),  # 沈阳市发展和改革委员会 → 沈阳市发展改革委
    ("发改委", "发展改革委"),            # 市发改委 → 市发展改革委
    ("经济和信息化委员会", "经济和信息化委"),
    ("经信委", "经济和信息化委"),
    ("人力资源和社会保障局", "人力资源社会保障局"),
    ("人社局", "人力资源社会保障局"),
)


def normalize(name: str) -> str:
    """NFKC (full-width brackets become ASCII) and no inner spaces: ``（`` equals ``(``."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", name))


def canonical_name(name: str) -> str:
    """The form under which a unit is registered: ``市发改委`` → ``市发展改革委``."""
    text = normalize(name)
    for long, short in ABBREVIATIONS:
        if long in text:
            return text.replace(long, short)
    return text


def jurisdiction_of(issuer: str | None) -> str | None:
    """The place whose units a document's short names refer to.

    ``沈阳市人民政府办公厅`` → ``沈阳市``; ``吉林省人民政府`` → ``吉林省``; ``中共沈阳市委`` →
    ``沈阳市``; None when the issuer names no place (国务院办公厅 is national: ``全国``).
    """
    if not issuer:
        return None
    text = normalize(issuer)
    if text.startswith(("国务院", "中共中央", "国家")):
        return "全国"
    for suffix in _ORGAN_SUFFIXES:
        if text.endswith(suffix) and len(text) > len(suffix):
            text = text[: -len(suffix)]
            break
    match = _PLACE.match(text)
    return match.group("place") if match else None


def document_jurisdiction(issuer: str | None, doc_number: str | None = None,
                          text: str = "") -> str | None:
    """The place a document's units belong to, as far as the document itself says: the one
    function behind the analyses of files given on the command line and the first steps of
    ``taizhang ingest`` (:func:`taizhang.ledger.jurisdiction.infer_jurisdiction`, which reads
    the text too), so the two cannot place a document differently: the issuer decides, else
    the 机关代字 of the 发文字号 (``辽政办发〔2021〕1号`` → 辽宁省), else the place the text
    names again and again (推进沈阳经济区建设…沈阳… → 沈阳市).
    """
    from taizhang.ledger.jurisdiction import infer_jurisdiction  # it imports this module

    return infer_jurisdiction(issuer=issuer, doc_number=doc_number, text=text).place
# what a unit name a person types may hold: Chinese characters, Latin letters and digits
# (科技局 2 科), brackets (县(市)), 、 between collective parts, the middle dot of 兵团 names
_NAME_CHARS = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fffA-Za-z0-9()（）、·・\-—]")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
MAX_UNIT_NAME = 60
MAX_PLACE = 30


def check_unit_name(name: str) -> str:
    """A unit name as a reviewer typed it (normalised), or InputError saying what is wrong.

    ``check_unit_name(" 市财政局 ") == "市财政局"``; ``<img src=x>局`` and ``=1+2局`` (markup,
    a spreadsheet formula) are refused: such a name would become a unit of the ledger.
    """
    text = normalize(name)
    if not text:
        raise InputError("单位名称是空的", hint="请填写单位名称，多个单位用顿号分开")
    if len(text) > MAX_UNIT_NAME:
        raise InputError(f"单位名称“{text[:20]}…”太长（{len(text)} 个字）",
                         hint=f"单位名称不超过 {MAX_UNIT_NAME} 个字；多个单位请用顿号分开")
    bad = sorted({ch for ch in text if not _NAME_CHARS.match(ch)})
    if bad or text[0] in "-—" or not _HAN.search(text) or len(text) < 2:
        shown = "、".join(f"“{ch}”" for ch in bad[:5])
        what = f"含有不允许的字符 {shown}" if bad else "不像单位名称"
        raise InputError(f"单位名称“{_printable(text)}”{what}",
                         hint="单位名称应为汉字（可含字母、数字、括号、顿号），如“市发展改革委”")
    return text


def check_place(name: str) -> str:
    """A jurisdiction (所属地区) as typed: 2–30 Chinese characters, like 沈阳市 or 新疆生产建设兵团."""
    text = normalize(name)
    if not 2 <= len(text) <= MAX_PLACE or not all(_HAN.match(ch) or ch in "·・" for ch in text):
        raise InputError(f"所属地区“{_printable(text)}”不是地名",
                         hint=f"请填写 2 至 {MAX_PLACE} 个汉字的地名，如“沈阳市”，或留空")
    return text


def _printable(text: str) -> str:
    clean = "".join(ch for ch in text if ch.isprintable())
    return clean if len(clean) <= 30 else clean[:29] + "…"
