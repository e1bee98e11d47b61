"""Reading files into text: the only place the parser's input touches the disk."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from taizhang.config import MAX_FILE_BYTES
from taizhang.errors import DecodeError, FileUnreadable
from taizhang.parse.model import ParseWarning


@dataclass(frozen=True, slots=True)
class ReadResult:
    text: str
    source: str  # the file name as given
    format: str  # txt | docx | pdf | html
    encoding: str | None = None
    warnings: tuple[ParseWarning, ...] = ()


def read_path(path: str | Path, *, encoding: str | None = None,
              max_bytes: int = MAX_FILE_BYTES) -> ReadResult:
    """Read a document file into text. Raises FileUnreadable / DecodeError with Chinese messages."""
    p = Path(path)
    if not p.exists():
        raise FileUnreadable(str(path), "文件不存在", hint="请检查路径")
    if p.is_dir():
        raise FileUnreadable(str(path), "这是一个目录，不是文件", hint="请指定目录中的文件")
    data = p.read_bytes()
    if len(data) > max_bytes:
        raise FileUnreadable(str(path), f"文件大小 {len(data)} 字节，超过上限 {max_bytes} 字节")
    if not data.strip():
        raise FileUnreadable(str(path), "文件是空的")
    try:
        text = data.decode(encoding or "utf-8-sig")
    except UnicodeDecodeError as err:
        raise DecodeError(str(path), "无法识别文件编码（已尝试 UTF-8）", hint="请用 --encoding 指定") from err
    return ReadResult(text=text, source=p.name, format="txt", encoding=encoding or "utf-8")
