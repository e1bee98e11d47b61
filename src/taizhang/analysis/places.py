"""Where a document comes from and at which level: national → province → city → county.

The level is read from the issuer (沈阳市人民政府办公厅 → 沈阳市, city) or else from the
机关代字 of the 发文字号 (辽政办发〔2021〕1号 → 辽宁省, province); a document with neither
(a 工作要点 copied without its header) falls back to the place its text names most often.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from taizhang.analysis.tables import table

LEVELS = ("national", "province", "city", "county")
LEVEL_NAMES = {"national": "国家", "province": "省", "city": "市", "county": "县区", "": "未知"}

# 〔2016〕 with any bracket form people type: 〔〕 [] 【】 () （）
_NUMBER = re.compile(r"^(?P<code>[^\d〔\[【(（]+)[〔\[【(（]?(?P<year>\d{4})")


@dataclass(frozen=True, slots=True)
class Place:
    name: str  # 沈阳市; "" when unknown
    level: str  # one of LEVELS, or "" when unknown
    rule: str  # why: issuer | doc_number | text | none

    @property
    def level_name(self) -> str:
        return LEVEL_NAMES.get(self.level, "未知")


def doc_code(doc_number: str) -> str:
    """机关代字 of a 发文字号: ``吉政发〔2016〕41号`` → ``吉政发``."""
    m = _NUMBER.match(doc_number.strip())
    return m.group("code") if m else ""


def place_from_number(doc_number: str | None) -> Place | None:
    """``国发〔2014〕28号`` → 全国/national; longest 代字 prefix in doc_codes.tsv wins."""
    if not doc_number:
        return None
    code = doc_code(doc_number)
    best: tuple[str, str, str] | None = None
    for prefix, place, level, _ in table("doc_codes.tsv", 4):
        if code.startswith(prefix) and (best is None or len(prefix) > len(best[0])):
            best = (prefix, place, level)
    return Place(best[1], best[2], "doc_number") if best else None


def place_from_issuer(issuer: str | None) -> Place | None:
    """``沈阳市人民政府办公厅`` → 沈阳市; ``国务院办公厅`` → 全国; ``吉林省人民政府`` → 吉林省."""
    if not issuer:
        return None
    if any(issuer.startswith(p) for (p,) in table("national_issuers.tsv", 1)):
        return Place("全国", "national", "issuer")
    for name, level, short in table("places.tsv", 3):
        if issuer.startswith(name) or (short and issuer.startswith(short)):
            return Place(name, level, "issuer")
    m = re.match(r"^(.{2,6}?(?:省|自治区|市|自治州|州|县|区))", issuer)
    if m:
        name = m.group(1)
        level = "province" if name.endswith(("省", "自治区")) else (
            "city" if name.endswith(("市", "州")) else "county")
        return Place(name, level, "issuer")
    return None


def place_from_text(text: str) -> Place | None:
    """The known place the opening of the text names most often (short names count: 沈阳)."""
    head = text[:3000]
    best, count = None, 0
    for name, level, short in table("places.tsv", 3):
        if level == "national":
            continue
        n = head.count(short or name)
        if n > count:
            best, count = Place(name, level, "text"), n
    return best


def place_of(issuer: str | None, doc_number: str | None, text: str = "") -> Place:
    """The best evidence first: issuer, then 发文字号, then the text itself."""
    return (place_from_issuer(issuer) or place_from_number(doc_number)
            or place_from_text(text) or Place("", "", "none"))


def level_of(place: str) -> str:
    """The level of a place by name: from places.tsv, else by its last character."""
    for name, level, _ in table("places.tsv", 3):
        if name == place:
            return level
    if place == "全国":
        return "national"
    return "province" if place.endswith(("省", "自治区")) else "city" if place.endswith("市") \
        else "county" if place.endswith(("县", "区")) else ""


def document_place(issuer: str | None, doc_number: str | None, text: str = "") -> Place:
    """Where a document belongs, decided as ``taizhang ingest`` decides it
    (:func:`taizhang.ledger.units.document_jurisdiction`): file mode and ledger mode of the
    analyses cannot put one document in two places. A document that names no issuer (a 工作要点
    copied without its header) is placed by the place its text names again and again, as
    ingest places it; none → no place (ingest stores it as 未确定)."""
    from taizhang.ledger.units import document_jurisdiction

    name = document_jurisdiction(issuer, doc_number, text)
    if not name:
        return Place("", "", "none")
    guess = place_of(issuer, doc_number)
    return Place(name, guess.level if guess.name == name else level_of(name),
                 "issuer" if issuer else "doc_number" if guess.name == name else "text")
