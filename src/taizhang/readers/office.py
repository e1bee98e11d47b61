"""Old Word .doc and WPS .wps → .docx by LibreOffice (headless), then the .docx reader.

Why LibreOffice and not antiword or olefile alone: OA systems still send Word 97 binaries and
Kingsoft WPS files (which store a Word 97 body in the same OLE container), and their tables,
list numbers and fields matter as much as in a .docx. antiword (unmaintained since 2005)
gives plain text without tables or numbering, and olefile only opens the container. LibreOffice
(Debian's ``libreoffice-writer-nogui``) reads both, plus Microsoft Works .wps through libwps, and
its .docx goes through :mod:`taizhang.readers.word`, so a .doc reads exactly as its .docx would.

Each conversion runs in a temporary directory with its own LibreOffice profile (two at once
must not share one: the second would hand its file to the first and exit), in a new process
group that is killed whole when it runs past the time limit.
"""
from __future__ import annotations

import os
import shutil

from taizhang.errors import FileUnreadable
from taizhang.limits import SOFFICE_TIMEOUT

INSTALL = "apt-get install libreoffice-writer-nogui"

# streams of an OLE container that say what it holds (names as olefile lists them)
_OTHER_OLE: tuple[tuple[str, str, str], ...] = (
    ("Workbook", "Excel 表格（.xls）", "台账表格请另存为 .xlsx 后用 taizhang import-sheet 导入"),
    ("Book", "Excel 表格（.xls）", "台账表格请另存为 .xlsx 后用 taizhang import-sheet 导入"),
    ("PowerPoint Document", "PowerPoint 演示文稿（.ppt）", "请提供公文本身（.doc/.docx/.pdf 等）"),
    ("__properties_version1.0", "Outlook 邮件（.msg）", "请在邮件客户端中另存为 .eml，或直接保存附件"),
)


def ole_kind(data: bytes, name: str) -> str:
    """``doc`` or ``wps`` for an OLE container holding a word-processing body; refuse others.

    >>> ole_kind(open("通知.wps", "rb").read(), "通知.wps")   # doctest: +SKIP
    'wps'
    """
    import io

    import olefile

    ext = os.path.splitext(name)[1].lower()
    try:
        with olefile.OleFileIO(io.BytesIO(data)) as ole:
            streams = {"/".join(entry) for entry in ole.listdir(streams=True, storages=True)}
    except (OSError, ValueError, IndexError, AssertionError, EOFError) as err:
        raise FileUnreadable(name, f"这是旧版 Office/WPS 文件，但内容已损坏，无法打开（{type(err).__name__}）",
                             hint="请用 Word/WPS 打开确认，或另存为 .docx 后再试") from None
    if "WordDocument" in streams or "CONTENTS" in streams:  # Word/WPS body; Works' is CONTENTS
        return "wps" if ext in (".wps", ".wpt") else "doc"
    for stream, what, hint in _OTHER_OLE:
        if stream in streams:
            raise FileUnreadable(name, f"这是{what}，不是公文", hint=hint)
    raise FileUnreadable(name, "这是旧版 Office 容器文件，但里面没有 Word/WPS 正文（文件可能已损坏）",
                         hint="请用 Word/WPS 打开确认，或另存为 .docx 后再试")


def read_legacy(data: bytes, source: str, *, timeout: float = SOFFICE_TIMEOUT) -> str:
    """Text of a .doc/.wps: converted to .docx by LibreOffice, then read as a .docx."""
    from taizhang.readers.word import read_docx

    docx = convert_to_docx(data, source, timeout=timeout)
    return read_docx(docx, source)


def convert_to_docx(data: bytes, source: str, *, timeout: float = SOFFICE_TIMEOUT) -> bytes:
    import signal
    import subprocess
    import tempfile

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise FileUnreadable(source, "读取 .doc/.wps 需要 LibreOffice，但本机没有安装",
                             hint=f"请安装：{INSTALL}；或在 Word/WPS 中另存为 .docx 后再试")
    ext = os.path.splitext(source)[1].lower()
    with tempfile.TemporaryDirectory(prefix="taizhang-lo-") as work:
        # an ASCII name: LibreOffice's command line and our own file, whatever the user called it
        src = os.path.join(work, "input" + (ext if ext in (".doc", ".wps", ".wpt", ".dot") else ".doc"))
        with open(src, "wb") as f:
            f.write(data)
        profile = "file://" + os.path.join(work, "profile")
        command = [soffice, f"-env:UserInstallation={profile}", "--headless", "--norestore",
                   "--nolockcheck", "--convert-to", "docx:MS Word 2007 XML", "--outdir", work, src]
        proc = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT, start_new_session=True,
                                env={**os.environ, "HOME": work})
        try:
            out, _ = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)  # soffice starts soffice.bin: end the group
            proc.communicate()
            raise FileUnreadable(source, f"LibreOffice 转换超过 {timeout:g} 秒仍未完成，已停止",
                                 hint="文件可能已损坏或加了密码；请用 Word/WPS 打开后另存为 .docx 再试"
                                 ) from None
        result = os.path.join(work, "input.docx")
        if proc.returncode != 0 or not os.path.exists(result) or os.path.getsize(result) == 0:
            said = out.decode("utf-8", "replace").strip().splitlines()[-1:] if out else []
            raise FileUnreadable(source, "Word/WPS 文件已损坏或加了密码，LibreOffice 无法打开"
                                 + (f"（{said[0][:120]}）" if said else ""),
                                 hint="请用 Word/WPS 打开确认，或另存为 .docx 后再试")
        with open(result, "rb") as f:
            return f.read()
