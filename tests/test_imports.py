"""The parse core stays light: importing it (and running `taizhang parse`) loads nothing heavy."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HEAVY = ["sqlalchemy", "fastapi", "openpyxl", "xlsxwriter", "docx", "pdfminer", "bs4", "lxml",
         "networkx", "icalendar", "jinja2", "charset_normalizer", "numpy", "matplotlib"]


def _loaded(code: str) -> list[str]:
    mods = _modules(code)
    return [h for h in HEAVY if h in mods]


def test_parse_package_imports_nothing_heavy() -> None:
    assert _loaded("import taizhang.parse") == []


def test_public_package_imports_nothing_heavy() -> None:
    assert _loaded("import taizhang") == []


def test_cli_parse_of_a_text_file_imports_nothing_heavy(tmp_path) -> None:  # type: ignore[no-untyped-def]
    f = tmp_path / "a.txt"
    f.write_text("一、推进改革。(市发展改革委)\n", encoding="utf-8")
    code = f"from taizhang.cli import main\nmain(['parse', {str(f)!r}])"
    # not even click: `taizhang parse` has its own light front
    assert _loaded(code) == []
    assert "click" not in _modules(code)


def _modules(code: str) -> set[str]:
    probe = f"import sys\n{code}\nprint('MODULES', ' '.join(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    return set(out.split("MODULES", 1)[1].split())


def test_cli_parse_of_a_sample_needs_no_stdlib_heavyweights() -> None:
    # re, json, enum, functools, typing, argparse: ≈ 10 ms of a ≈ 30 ms run together. The parser's
    # patterns come precompiled (taizhang.parse.rx; a run that misses one writes it), JSON goes
    # through the C encoder, the records and codes have their own light bases (parse/record.py)
    sample = str(Path(__file__).resolve().parents[1] / "samples" / "001_78cdeab974107ec5.txt")
    code = f"from taizhang.cli import main\nmain(['parse', {sample!r}, '--format', 'json'])"
    _modules(code)  # the first run writes any pattern the cache lacked
    assert {"re", "json", "enum", "functools", "typing", "argparse"} & _modules(code) == set()
