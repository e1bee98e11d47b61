"""`taizhang parse` reads its usual command line without argparse; what it reads must be what
argparse would have read, and anything unusual must still reach argparse and its messages."""
from __future__ import annotations

import pytest

from taizhang.cli.parse_cmd import _parser, read_options

USUAL = [
    ["a.txt"],
    ["a.txt", "b.docx"],
    ["a.txt", "--format", "table"],
    ["--format", "csv", "a.txt", "b.txt"],
    ["--format=md", "a.txt"],
    ["a.txt", "--explain", "--encoding", "gbk"],
    ["--encoding=big5", "甲.txt", "--format", "json", "--explain"],
    ["a.txt", "--format", "json", "--format", "table"],  # the last one wins, as in argparse
]


@pytest.mark.parametrize("argv", USUAL, ids=" ".join)
def test_the_usual_line_reads_as_argparse_reads_it(argv: list[str]) -> None:
    quick = read_options(argv)
    full = _parser().parse_args(argv)
    assert quick is not None
    assert (quick.files, quick.fmt, quick.explain, quick.encoding) == (
        full.files, full.fmt, full.explain, full.encoding)


@pytest.mark.parametrize("argv", [
    [], ["--help"], ["-h", "a.txt"], ["a.txt", "--format"], ["a.txt", "--format", "xml"],
    ["a.txt", "--form", "json"], ["--", "-a.txt"], ["a.txt", "--verbose"], ["--explain"],
], ids=lambda a: " ".join(a) or "(nothing)")
def test_anything_else_goes_to_argparse(argv: list[str]) -> None:
    assert read_options(argv) is None
