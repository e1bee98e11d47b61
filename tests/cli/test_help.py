"""Every command and subcommand, with --help and with a bad option: Chinese only, one output
convention, the documented exit codes; and the message table covers what click and argparse
can say."""
from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import click
import pytest

from taizhang.cli import COMMANDS, group
from taizhang.cli.i18n import MESSAGES
from taizhang.cli.output import FORMATS

from .conftest import ROOT, Run


def _walk() -> Iterator[tuple[list[str], click.Command]]:
    ctx = click.Context(group)
    for name in COMMANDS:
        command = group.get_command(ctx, name)
        assert command is not None, name
        yield [name], command
        if isinstance(command, click.Group):
            for sub in command.list_commands(ctx):
                yield [name, sub], command.get_command(ctx, sub)  # type: ignore[misc]


PATHS = [path for path, _ in _walk()]
IDS = ["-".join(p) for p in PATHS]

# words that may stand in Latin letters: names of formats, products, standards and codes
ALLOWED_WORDS = {
    "taizhang", "json", "table", "csv", "md", "xlsx", "ics", "docx", "pdf", "html", "txt", "tsv",
    "graphml", "gexf", "png", "svg", "JSON", "CSV", "PNG", "SVG", "PDF", "BOM", "RFC", "UTF",
    "PostgreSQL", "SQLite", "Excel", "WPS", "Gephi", "VTODO", "VEVENT", "Ctrl", "C", "TAIZHANG",
    "DB", "SECRET", "api", "gb18030", "createdb", "caizhengju", "admin", "reporter", "leader",
    "cli", "docs", "id", "Markdown", "PPP", "GB", "T", "UUID", "green", "yellow", "red",
}
# the labels click and argparse print in English when untranslated
ENGLISH_LABELS = {"Usage", "usage", "Error", "error", "Options", "options", "Commands",
                  "Arguments", "Try", "Missing", "Invalid", "Aborted"}
TOKEN = re.compile(
    r"\w+(?:\+\w+)?://\S*"          # a URL: sqlite:///x.db, postgresql+psycopg://…
    r"|--?[A-Za-z][\w-]*"           # an option name: --format, -j
    r"|\b[A-Z][A-Z0-9_-]*\b"        # a placeholder or code: FILE, YYYY-MM-DD, NEW_STATUS
    r"|\S*[/\\.]\S*\.\w+"           # a path or file name: docs/cli.md, a.xlsx
    r"|\b\w+_\w+\b"                 # an identifier: boilerplate_removed
)


def english_sentences(text: str, allowed: set[str]) -> list[str]:
    """Runs of Latin-letter words left once option names, placeholders, URLs, file names,
    identifiers and the allowed words are taken out: two words in a row read as a sentence,
    and click's/argparse's own labels count alone."""
    found = []
    for run in re.findall(r"[\x20-\x7e]+", text):
        rest = TOKEN.sub("|", run)
        for piece in rest.split("|"):
            words = [w for w in re.findall(r"[A-Za-z]+", piece) if w not in allowed]
            if len(words) >= 2 or set(words) & ENGLISH_LABELS:
                found.append(piece.strip())
    return found


def _allowed(command: click.Command, path: list[str]) -> set[str]:
    words = set(ALLOWED_WORDS) | set(path) | set(COMMANDS)
    for param in command.params:
        if isinstance(param.type, click.Choice):
            words |= {str(c) for c in param.type.choices}
    if isinstance(command, click.Group):
        words |= set(command.list_commands(click.Context(command)))
    return words


def _required_missing(command: click.Command) -> bool:
    return any(p.required for p in command.params)


@pytest.mark.parametrize("path", PATHS, ids=IDS)
def test_help_and_usage_errors_are_chinese(cli: Run, path: list[str]) -> None:
    command = dict((tuple(p), c) for p, c in _walk())[tuple(path)]
    allowed = _allowed(command, path)
    code, out, err = cli(*path, "--help")
    assert code == 0 and re.search(r"[\u4e00-\u9fff]", out), out + err
    assert english_sentences(out + err, allowed) == [], out
    # parse reads its files before its options: give it one, so the bad option is the error
    code, out, err = cli(*path, "--no-such-option", *([ROOT / "samples"] if path == ["parse"] else []))
    assert code == 2 and "错误：" in err and "--no-such-option" in err, err
    assert english_sentences(out + err, allowed) == [], err
    if _required_missing(command) and path != ["parse"]:
        code, out, err = cli(*path)
        assert code == 2 and "缺少" in err and english_sentences(err, allowed) == [], err


def test_the_group_help_and_version(cli: Run) -> None:
    code, out, _ = cli("--help")
    assert code == 0 and "退出码" in out and english_sentences(out, _allowed(group, [])) == []
    code, out, _ = cli("--version")
    assert code == 0 and out.startswith("taizhang ")


@pytest.mark.parametrize("text, bad", [
    pytest.param("Error: Missing option '--unit'.", True, id="click_error"),
    pytest.param("  -h, --help  Show this message and exit.", True, id="click_help"),
    pytest.param("usage: taizhang parse [-h]", True, id="argparse_usage"),
    pytest.param("Did you mean --format?", True, id="did_you_mean"),
    pytest.param("用法：taizhang tasks [选项]", False, id="chinese_usage"),
    pytest.param("  --db URL  如 postgresql+psycopg://用户@主机/库名", False, id="url"),
    pytest.param("  --format [table|json|csv|md]  输出格式", False, id="choices"),
    pytest.param("提示［boilerplate_removed］：已去除", False, id="code"),
    pytest.param("例：taizhang export xlsx --by unit -o 台账.xlsx", False, id="example"),
])
def test_the_detector_itself(text: str, bad: bool) -> None:
    assert bool(english_sentences(text, ALLOWED_WORDS | {"tasks", "export", "unit", "by"})) is bad


@pytest.mark.parametrize("path", PATHS, ids=IDS)
def test_one_output_convention(path: list[str]) -> None:
    """A command that lists takes --format table|json|csv|md (and --no-bom), never its own
    --json; commands that act print one Chinese line and take no --format."""
    command = dict((tuple(p), c) for p, c in _walk())[tuple(path)]
    options = {o: p for p in command.params for o in getattr(p, "opts", [])}
    if "--format" in options:
        assert tuple(options["--format"].type.choices) == FORMATS  # type: ignore[attr-defined]
        assert options["--format"].default == "table" and "--no-bom" in options
    json_flag = options.get("--json")
    assert json_flag is None or json_flag.hidden  # type: ignore[attr-defined]


@pytest.mark.parametrize("library", ["click", "argparse"])
def test_every_user_facing_message_is_translated(library: str) -> None:
    """Each message the library marks for translation has a row in cli/i18n.MESSAGES, except
    the ones only a programmer sees (a wrong declaration, an internal state)."""
    import argparse

    files = ([Path(argparse.__file__)] if library == "argparse"
             else sorted(Path(click.__file__).parent.glob("*.py")))
    developer_only = re.compile(
        r"declaration|defined twice|parameter declaration|not callable|__call__|dest=|"
        r"conflict|cannot merge|mutually exclusive|invalid option string|subparser|"
        r"'required' is an invalid|Windows error|Editing failed|Bash|shell completion|"
        r"Unknown standard stream|Unknown color|No options defined|argument \"-\" with mode|"
        r"^d$|^Takes|is deprecated|Invalid start character|same flag|unknown parser")
    missing = []
    for f in files:
        for node in ast.walk(ast.parse(f.read_text("utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) \
                    and node.func.id in ("_", "ngettext"):
                for arg in node.args:
                    if isinstance(arg, ast.Constant) and isinstance(arg.value, str) \
                            and not developer_only.search(arg.value) and arg.value not in MESSAGES:
                        missing.append(arg.value)
    assert missing == [], f"add to taizhang/cli/i18n.MESSAGES: {missing}"


def test_the_docs_show_every_command() -> None:
    """docs/cli.md has the exit-code table, the formats, and an example of each command."""
    doc = (ROOT / "docs" / "cli.md").read_text("utf-8")
    for code in range(5):
        assert re.search(rf"^\| *{code} *\|", doc, re.M), f"exit code {code} not in the table"
    assert all(f"`{f}`" in doc for f in FORMATS)
    missing = [" ".join(p) for p in PATHS if f"taizhang {' '.join(p)}" not in doc]
    assert missing == [], f"docs/cli.md has no example of: {missing}"
