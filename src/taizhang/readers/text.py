"""Bytes → str for plain text (and HTML): BOM, strict UTF-8 fast path, then detection.

Order matters for speed and for correctness:
1. a byte-order mark decides (UTF-8-SIG, UTF-16/32 LE/BE);
2. strict UTF-8 — most files are UTF-8, and a GBK/Big5 file of any length almost never passes
   strict UTF-8 by accident; this path never imports charset-normalizer;
3. NUL bytes without a BOM mean UTF-16 (or a binary file): try both byte orders;
4. charset-normalizer for the rest, preferring GB18030 over its subsets GB2312/GBK (a file
   labelled GB2312 often holds a few GBK-only characters such as 镕 or 堃).
A guessed encoding is reported as an ``encoding_guessed`` warning naming it.
"""
from __future__ import annotations

import codecs
import re

from taizhang.errors import DecodeError, FileUnreadable
from taizhang.parse.model import ParseWarning, WarningCode

TRIED = "UTF-8、GB18030、Big5、UTF-16"

# BOMs, longest first: the UTF-32 LE BOM starts with the UTF-16 LE one
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# subsets of GB18030: decode with the superset so GBK-only characters do not fail
_GB_FAMILY = frozenset({"gb2312", "gbk", "cp936", "hz", "gb18030", "euc_cn", "ms936"})

# names people write after --encoding or in <meta charset>, mapped to the codec we use
_ALIASES = {"gb2312": "gb18030", "gbk": "gb18030", "cp936": "gb18030", "x-gbk": "gb18030",
            "big5-hkscs": "big5hkscs", "utf8": "utf-8", "unicode": "utf-16"}

_DISPLAY = {"utf-8": "UTF-8", "gb18030": "GB18030", "big5": "Big5", "big5hkscs": "Big5-HKSCS",
            "utf-16": "UTF-16", "utf-16-le": "UTF-16", "utf-16-be": "UTF-16",
            "utf_16_le": "UTF-16", "utf_16_be": "UTF-16", "utf-32-le": "UTF-32",
            "utf-32-be": "UTF-32"}

_NEWLINES = re.compile(r"\r\n?")
# C0/C1 controls other than tab, newline, carriage return and form feed
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")


def display_name(encoding: str) -> str:
    return _DISPLAY.get(encoding.lower(), encoding.upper())


def canonical(encoding: str) -> str:
    """A user's or a page's encoding name → the codec we decode with; unknown names raise."""
    name = encoding.strip().lower()
    name = _ALIASES.get(name, name)
    try:
        codecs.lookup(name)
    except LookupError:
        raise DecodeError(encoding, "不认识这个编码名称",
                          hint="可用的如 utf-8、gb18030、gbk、big5、utf-16") from None
    return name


def normalize(text: str) -> str:
    """One newline convention for everything downstream; spans count in this text."""
    return _NEWLINES.sub("\n", text.lstrip("\ufeff"))


def decode(data: bytes, *, source: str, encoding: str | None = None,
           declared: str | None = None) -> tuple[str, str, tuple[ParseWarning, ...]]:
    """Decode ``data``; returns (text, encoding used, warnings).

    ``encoding`` is the user's override and must fit; ``declared`` is what the file says about
    itself (an HTML ``<meta charset>``) and is trusted after UTF-8 but before guessing.
    """
    if encoding:
        codec = canonical(encoding)
        try:
            return _checked(data.decode(codec), source), codec, ()
        except UnicodeDecodeError as err:
            raise DecodeError(source, f"按指定的编码 {encoding} 无法解码（第 {err.start} 字节起）",
                              hint="请确认文件编码，或去掉 --encoding 让程序自动识别") from None
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return _checked(data[len(bom):].decode(codec), source), codec, ()
            except UnicodeDecodeError:
                break  # a BOM followed by garbage: fall through to detection
    try:
        return _checked(data.decode("utf-8"), source), "utf-8", ()
    except UnicodeDecodeError:
        pass
    if declared:
        try:
            codec = canonical(declared)
            return _checked(data.decode(codec), source), codec, ()
        except (DecodeError, UnicodeDecodeError):
            pass  # pages often declare gb2312 and are something else
    codec, text = _guess(data, source)
    warning = ParseWarning(WarningCode.ENCODING_GUESSED,
                           f"文件编码为自动识别：{display_name(codec)}（如有乱码，请用 --encoding 指定）")
    return text, codec, (warning,)


def _guess(data: bytes, source: str) -> tuple[str, str]:
    if b"\x00" in data:
        found = _utf16_without_bom(data)
        if found is None:
            raise FileUnreadable(source, "这是二进制文件（含 NUL 字节），不是文本",
                                 hint="请提供 .txt、.docx、.pdf 或 .html 格式的公文")
        return found
    import charset_normalizer  # only for files that are not UTF-8: keeps `taizhang parse` quick

    results = charset_normalizer.from_bytes(data)
    names = [m.encoding for m in results]
    if names and names[0] in _GB_FAMILY:
        names.insert(0, "gb18030")
    for name in names + ["gb18030", "big5"]:
        try:
            text = data.decode(name)
        except (UnicodeDecodeError, LookupError):
            continue
        if _plausible(text):
            return name, _checked(text, source)
    raise DecodeError(source, f"无法识别文件编码（已尝试 {TRIED}）", hint="请用 --encoding 指定")


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """UTF-16 text has its NULs on one side of every ASCII character; pick the side that reads."""
    if len(data) % 2:
        return None
    best: tuple[float, str, str] | None = None
    for codec in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        score = _text_share(text)
        if score > 0.95 and (best is None or score > best[0]):
            best = (score, codec, text)
    return (best[1], best[2]) if best else None


def _text_share(text: str) -> float:
    """Share of characters a Chinese document is made of: CJK, punctuation, ASCII, spaces."""
    text = text[:50000]  # a sample decides; whole 20 MiB files would take seconds
    if not text:
        return 0.0
    good = sum(1 for c in text if c.isprintable() or c in "\n\r\t\f")
    cjk = sum(1 for c in text if "\u4e00" <= c <= "\u9fff" or "\u3000" <= c <= "\u303f"
              or "\uff00" <= c <= "\uffef" or c < "\x80")
    return min(good, cjk) / len(text)


def _plausible(text: str) -> bool:
    return _text_share(text) > 0.9


def _checked(text: str, source: str) -> str:
    """Refuse text that decoded but is really binary: control characters where prose should be."""
    sample = text[:20000]
    if sample and len(_CONTROLS.findall(sample)) / len(sample) > 0.01:
        raise FileUnreadable(source, "内容含大量控制字符，像是二进制文件而不是文本",
                             hint="请提供 .txt、.docx、.pdf 或 .html 格式的公文")
    return normalize(text)
