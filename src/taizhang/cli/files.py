"""Writing the files a command produces for colleagues: whole or not at all, readable as the
user's umask says, CSV with a BOM.

A file is written into a temporary file beside its target and renamed into place, so a failure
leaves nothing half-written. ``tempfile.mkstemp`` makes that temporary file 0600 whatever the
umask (it is meant to be private); left so, an exported 台账 in a shared folder could be opened
by no one but its writer. The finished file gets the mode a plain ``open()`` would have given
it: 0666 less the umask.
"""
from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from taizhang.errors import InputError


def current_umask() -> int:
    """The process umask (read by setting it and putting it back: there is no getter)."""
    mask = os.umask(0)
    os.umask(mask)
    return mask


def atomic_write(name: str | Path, writer: Callable[[Any], None], *, text: bool = False,
                 bom: bool = False) -> Path:
    """Write ``name`` through ``writer`` — given an open text handle when ``text``, else the
    temporary path — then rename it into place with the umask's mode. Returns the path."""
    target = Path(name)
    if target.is_dir():
        raise InputError(f"{name} 是一个目录", hint="请用 -o 指定文件名")
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise InputError(f"目录 {folder} 不存在", hint="请先创建目录，或换一个输出位置")
    try:
        fd, tmp = tempfile.mkstemp(prefix=".taizhang-", suffix=target.suffix, dir=folder)
    except PermissionError:
        raise InputError(f"没有在目录 {folder} 中写文件的权限", hint="请换一个输出位置") from None
    os.close(fd)
    try:
        if text:
            with open(tmp, "w", encoding="utf-8-sig" if bom else "utf-8", newline="") as handle:
                writer(handle)
        else:
            writer(tmp)
        os.chmod(tmp, 0o666 & ~current_umask())
        os.replace(tmp, target)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return target


def write_file(name: str | Path, content: str) -> Path:
    """A whole text file (UTF-8), atomically and with the umask's mode."""
    return atomic_write(name, lambda handle: handle.write(content), text=True)
