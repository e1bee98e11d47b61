"""Fixtures shared across packages: what the parser produces on the seeds and the corpora."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
DOC_SUFFIXES = (".txt", ".docx", ".pdf", ".html", ".htm")


def corpus_files() -> list[Path]:
    """The seeds and every document of tests/corpus*, in a stable order."""
    assert SEEDS.is_dir(), "shared/ must sit beside the project"
    files = sorted(SEEDS.glob("*.txt"))
    for folder in sorted(ROOT.glob("tests/corpus*")):
        files += sorted(f for f in folder.iterdir() if f.suffix.lower() in DOC_SUFFIXES)
    return files


@pytest.fixture(scope="session")
def corpus_documents() -> list:
    from taizhang.parse import parse
    from taizhang.readers import read_path

    docs = []
    for f in corpus_files():
        read = read_path(f)
        docs.append(parse(read.text, source=read.source))
    return docs


@pytest.fixture(scope="session")
def corpus_rules(corpus_documents: list) -> set[str]:
    """Every rule name the parser gives as evidence on those documents."""
    rules = set()
    for doc in corpus_documents:
        rules |= {ev.rule for _, ev in doc.evidence}
        for t in doc.tasks:
            for a in t.assignments:
                rules |= {ev.rule for _, ev in a.evidence}
                rules |= {d.rule for d in a.deadlines}
    return {r for r in rules if r}


@pytest.fixture(scope="session")
def corpus_rrules(corpus_documents: list) -> set[str]:
    return {d.rrule for doc in corpus_documents for t in doc.tasks for d in t.deadlines if d.rrule}
