"""parse(text) → Document: the pipeline that ties the parse modules together."""
from __future__ import annotations

from taizhang.parse.model import Document


def parse(text: str, *, source: str = "") -> Document:
    """Parse one policy document's text (already decoded) into a :class:`Document`."""
    return Document(source=source, text=text)
