""".docx → text: paragraphs and tables in document order, tables flattened to `` | `` rows.

python-docx's ``Document.paragraphs`` and ``Document.tables`` are two separate lists, which
would move every 任务分工表 to the end of the text; walking the body XML keeps each table where
it stands. Word's automatic list numbers (一、 （一） 1.) are not part of the paragraph text, so
they are rebuilt from numbering.xml (see :mod:`taizhang.readers.numbering`).
"""
from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

from taizhang.errors import FileUnreadable
from taizhang.readers.numbering import Numbering
from taizhang.readers.rows import join_cell_lines, row_lines

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def read_docx(data: bytes, source: str) -> str:
    import docx  # python-docx, only when a .docx is read
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
        numbering = Numbering.from_document(document)
        lines = list(_body_lines(document.element.body, document, numbering))
    except (PackageNotFoundError, KeyError, ValueError, AttributeError) as err:
        raise FileUnreadable(source, f"Word 文档已损坏，无法打开（{type(err).__name__}）",
                             hint="请用 Word/WPS 打开后另存为 .docx 再试") from None
    except Exception as err:  # lxml.etree.XMLSyntaxError and zip errors inside python-docx
        if type(err).__module__.startswith(("lxml", "zipfile", "docx")):
            raise FileUnreadable(source, f"Word 文档已损坏，无法打开（{type(err).__name__}）",
                                 hint="请用 Word/WPS 打开后另存为 .docx 再试") from None
        raise
    return "\n".join(line for line in lines if line.strip())


def _body_lines(body: Any, document: Any, numbering: Numbering) -> Iterator[str]:
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for child in body.iterchildren():
        if child.tag == f"{_W}p":
            paragraph = Paragraph(child, document)
            text = numbering.label(child) + paragraph.text
            yield from (part.strip() for part in text.split("\n"))
        elif child.tag == f"{_W}tbl":
            yield from _table_lines(Table(child, document), numbering)
        elif child.tag == f"{_W}sdt":  # content controls wrap ordinary paragraphs and tables
            content = child.find(f"{_W}sdtContent")
            if content is not None:
                yield from _body_lines(content, document, numbering)


def _table_lines(table: Any, numbering: Numbering) -> Iterator[str]:
    for row in table.rows:
        cells: list[str] = []
        seen: list[Any] = []  # lxml hands out one proxy per live element, so `is` is identity
        for cell in row.cells:
            # a horizontally merged cell comes back once per grid column: keep it once
            if any(cell._tc is tc for tc in seen):
                continue
            seen.append(cell._tc)
            cells.append(_cell_text(cell, numbering))
        yield from row_lines(cells)


def _cell_text(cell: Any, numbering: Numbering) -> str:
    parts: list[str] = []
    for child in cell._tc.iterchildren():
        if child.tag == f"{_W}p":
            from docx.text.paragraph import Paragraph

            parts.extend(
                (numbering.label(child) + Paragraph(child, cell).text).split("\n"))
        elif child.tag == f"{_W}tbl":  # a table inside a cell: its rows become cell text
            from docx.table import Table

            parts.extend(_table_lines(Table(child, cell), numbering))
    return join_cell_lines(parts)
