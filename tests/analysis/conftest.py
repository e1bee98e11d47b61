"""Shared fixtures: the five seed documents, parsed by the real parser, as one corpus."""
from __future__ import annotations

from pathlib import Path

import pytest

from taizhang.analysis.rows import Corpus
from taizhang.analysis.similarity import NgramIndex
from taizhang.parse import parse

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


@pytest.fixture(scope="session")
def seed_docs() -> list:
    files = sorted(SAMPLES.glob("*.txt"))
    assert len(files) == 5, f"expected the five seeds in {SAMPLES}"
    return [parse(f.read_text("utf-8"), source=f.name) for f in files]


@pytest.fixture(scope="session")
def corpus(seed_docs: list) -> Corpus:
    return Corpus.from_documents(seed_docs)


@pytest.fixture(scope="session")
def index(corpus: Corpus) -> NgramIndex:
    return NgramIndex(corpus.tasks)
