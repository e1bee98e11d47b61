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


PRIVATE = ("_sre", "_functools", "_json", "_collections", "marshal", "_compiler", "_parser")


def test_no_private_interpreter_modules_in_the_sources() -> None:
    """The code uses re, json, functools as any Python programmer does: no CPython internals."""
    src = Path(__file__).resolve().parents[1] / "src" / "taizhang"
    found = []
    for path in src.rglob("*.py"):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            words = line.replace(",", " ").split()
            if words[:1] in (["import"], ["from"]) and any(w.split(".")[0] in PRIVATE for w in words[1:2] + words[3:]):
                found.append(f"{path.relative_to(src)}:{n}: {line.strip()}")
            if "os._exit" in line or "tuple.__new__" in line:
                found.append(f"{path.relative_to(src)}:{n}: {line.strip()}")
    assert found == []
