"""The docs stay honest: every warning code and every parse data file is documented."""
from __future__ import annotations

from pathlib import Path

from taizhang.parse.model import WarningCode

ROOT = Path(__file__).resolve().parents[1]
PARSE_DOC = (ROOT / "docs" / "parse.md").read_text(encoding="utf-8")


def test_every_warning_code_is_documented() -> None:
    missing = [c.value for c in WarningCode if f"`{c.value}`" not in PARSE_DOC]
    assert not missing


def test_every_parse_data_file_is_documented() -> None:
    files = sorted(p.name for p in (ROOT / "src" / "taizhang" / "parse" / "data").glob("*.tsv"))
    assert files
    assert [f for f in files if f"`{f}`" not in PARSE_DOC] == []


def test_readme_names_both_commands() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "bash scripts/quickstart.sh" in readme and "bash scripts/test.sh" in readme
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "scripts/test.sh" in ci


def test_every_projects_subcommand_is_documented() -> None:
    from taizhang.cli.projects_cmd import projects

    doc = (ROOT / "docs" / "projects.md").read_text(encoding="utf-8")
    missing = [name for name in projects.commands if f"`{name}`" not in doc]
    assert missing == []
