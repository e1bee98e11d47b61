"""Test corpora made from the five seed documents: other places, other years, other numbers.

    generate(Path("语料"), 300, seed=1)   → 300 files under 语料/<省>/<市>/, deterministic

Each file is a seed with its place names, 机关代字 and years changed: 沈阳's 2018 three-year
plan becomes 大连's 2020 one, 大政办发〔2020〕41号, still citing 国发〔2016〕62号 (years
inside 〔〕 of other documents' numbers are kept, so the places cite the same national
documents and the corpus has chains and a diffusion to find). Some files also change their
numbering: (一) for （一）, 1、 for 1. at a line's start. ``bad`` adds unreadable files.
Nothing here is stored in the repository: tests and benchmarks generate what they use.
"""
from __future__ import annotations

import random
import re
from functools import lru_cache
from pathlib import Path

# (full name, short name, 机关代字) — places the parser's tables know, or that read the same way
PROVINCES = (("辽宁省", "辽宁", "辽"), ("吉林省", "吉林", "吉"), ("黑龙江省", "黑龙江", "黑"))
CITIES = {
    "辽宁省": (("沈阳市", "沈阳", "沈"), ("大连市", "大连", "连"), ("鞍山市", "鞍山", "鞍"),
              ("抚顺市", "抚顺", "抚"), ("本溪市", "本溪", "本"), ("丹东市", "丹东", "丹"),
              ("锦州市", "锦州", "锦"), ("营口市", "营口", "营"), ("阜新市", "阜新", "阜"),
              ("辽阳市", "辽阳", "辽阳"), ("铁岭市", "铁岭", "铁"), ("朝阳市", "朝阳", "朝")),
    "吉林省": (("长春市", "长春", "长"), ("四平市", "四平", "四"), ("通化市", "通化", "通"),
              ("白山市", "白山", "白"), ("松原市", "松原", "松"), ("延吉市", "延吉", "延")),
    "黑龙江省": (("哈尔滨市", "哈尔滨", "哈"), ("齐齐哈尔市", "齐齐哈尔", "齐"),
               ("牡丹江市", "牡丹江", "牡"), ("佳木斯市", "佳木斯", "佳"), ("大庆市", "大庆", "庆")),
}
CITY_SEEDS = ("000", "001", "004")  # 沈阳市 documents
PROVINCE_SEEDS = {"002": ("吉林", "吉"), "003": ("辽宁", "辽")}

# a year, unless it is the year of another document's number: 〔2016〕, [2016], (2016)62号
_YEAR = re.compile(r"(?<![〔\[【\d])(19|20)(\d\d)(?!\d|[)）]\d+号)")
_LINE_NUMBER = re.compile(r"(?m)^(\s*\d{1,2})\.(?=\D)")


def seeds_dir() -> Path:
    """../shared/seeds beside the checkout when there, else the copies packaged with taizhang."""
    shared = Path(__file__).resolve().parents[4] / "shared" / "seeds"
    if shared.is_dir() and any(shared.glob("*.txt")):
        return shared
    from importlib import resources

    return Path(str(resources.files("taizhang").joinpath("samples")))


@lru_cache(maxsize=8)
def _seed(folder: str) -> tuple[tuple[str, str, str | None], ...]:
    """(stem prefix, text, own 发文字号) of each seed; the number read by the parser itself."""
    from taizhang.parse import parse

    out = []
    for f in sorted(Path(folder).glob("*.txt")):
        text = f.read_text("utf-8")
        out.append((f.name[:3], text, parse(text, source=f.name).doc_number))
    return tuple(out)


def variant(text: str, prefix: str, own: str | None, rng: random.Random) -> tuple[str, str, str]:
    """One changed copy of a seed: (text, province, city or "")."""
    province, p_short, p_code = rng.choice(PROVINCES)
    city = ""
    shift = rng.randint(0, 6)  # never before the national documents they cite
    if own:  # the document's own number: new code, shifted year, new serial
        m = re.search(r"〔(\d{4})〕", own)
        year = int(m.group(1)) + shift if m else 2018
        text = text.replace(own, "@@OWN@@")
    if prefix in CITY_SEEDS:
        city, c_short, c_code = rng.choice(CITIES[province])
        text = text.replace("沈阳", c_short)
        text = re.sub(r"沈(?=(?:委|政|委办|政办)发[〔\[])", c_code, text)
        own_code = c_code
    elif prefix in PROVINCE_SEEDS:
        old_short, old_code = PROVINCE_SEEDS[prefix]
        text = text.replace(old_short, p_short)
        text = re.sub(rf"{old_code}(?=(?:政|政办|委|委办)发[〔\[])", p_code, text)
        own_code = p_code
    else:
        own_code = p_code
    text = _YEAR.sub(lambda m: str(int(m.group(1) + m.group(2)) + shift), text)
    if own:
        kind = re.match(r"^\D*?(政办发|政发|委办发|委发)", own)
        serial = rng.randint(1, 160)
        text = text.replace("@@OWN@@", f"{own_code}{kind.group(1) if kind else '政发'}〔{year}〕{serial}号")
    if rng.random() < 0.3:
        text = text.replace("（", "(").replace("）", ")")
    if rng.random() < 0.3:
        text = _LINE_NUMBER.sub(r"\1、", text)
    return text, province, city


def generate(out: Path, n: int, *, seed: int = 0, bad: int = 0, folder: Path | None = None) -> list[Path]:
    """Write ``n`` documents (and ``bad`` unreadable files) under ``out``; returns their paths."""
    rng = random.Random(seed)
    seeds = _seed(str(folder or seeds_dir()))
    paths = []
    for i in range(n):
        prefix, text, own = seeds[i % len(seeds)]
        body, province, city = variant(text, prefix, own, rng)
        where = out / province / (city or "省本级")
        where.mkdir(parents=True, exist_ok=True)
        path = where / f"{i:06d}_{prefix}.txt"
        path.write_text(body, "utf-8")
        paths.append(path)
    for j in range(bad):
        where = out / "无法读取"
        where.mkdir(parents=True, exist_ok=True)
        path = where / (f"bad_{j:03d}" + (".txt", ".docx", ".pdf")[j % 3])
        # an empty file, a Word file that is no zip, a PDF that is no PDF
        path.write_bytes((b"", b"not a docx at all", b"%PDF-1.4 broken\x00\x00")[j % 3])
        paths.append(path)
    return paths
