"""Regular expressions compiled once per installation instead of once per process.

Python's ``re`` parses and compiles every pattern in pure Python, and a class such as
``[\u4e00-\u9fff]`` alone makes it walk 21,000 code points: the parser's ~100 patterns cost about
25 ms at every start, more than parsing a whole document. ``re`` turns a pattern into a program
(a list of ints) that ``_sre`` runs; this module keeps those programs in a file beside the
byte code, like a .pyc, and hands them straight to ``_sre`` at the next start.

The file is trusted only for the exact interpreter and ``_sre`` version that wrote it, and any
problem (no file, another Python, a pattern not in it, a private API that moved) falls back to
``re.compile`` — the cache can make a start slower to miss, never a result different. Reading the
file is the only I/O here; writing it is for the install step and the CLI
(``taizhang.cli.precompile``).
"""
from __future__ import annotations

import marshal
import os
import sys

from taizhang.parse.record import TYPE_CHECKING

if TYPE_CHECKING:
    import re
    from collections.abc import Callable, Iterator
    from typing import Any, AnyStr

try:
    import _sre  # type: ignore[import-not-found]  # CPython's regex engine; it has no stubs
except ImportError:  # another Python implementation: no cache, plain re.compile
    _sre = None

# bump when the file layout changes
_FORMAT = 1
_KEY = (_FORMAT, sys.version, getattr(_sre, "MAGIC", None), getattr(_sre, "CODESIZE", None))
PATH = os.path.join(os.path.dirname(os.path.abspath(__file__)), "__pycache__",
                    f"patterns.{sys.implementation.cache_tag}.marshal")

# (pattern, flags) → (flags, code, groups, groupindex, indexgroup), the arguments of _sre.compile
_Entry = tuple[int, list[int], int, dict[str, int], tuple[str | None, ...]]
_programs: dict[tuple[str | bytes, int], _Entry] = {}
_used: dict[tuple[str | bytes, int], re.Pattern[Any]] = {}  # every pattern asked for in this process
missed = 0  # patterns compiled the slow way in this process


def load(path: str = PATH) -> bool:
    """Read the cached programs; False (and an empty cache) when the file is absent or foreign."""
    _programs.clear()
    try:
        with open(path, "rb") as f:
            key, programs = marshal.loads(f.read())
    except (OSError, ValueError, EOFError, TypeError):
        return False
    if key != _KEY or not isinstance(programs, dict):
        return False
    _programs.update(programs)
    return True


def compile(pattern: AnyStr, flags: int = 0) -> re.Pattern[AnyStr]:  # noqa: A001 - mirrors re.compile
    """``re.compile``, from the cached program when there is one."""
    global missed
    key = (pattern, int(flags))  # RegexFlag members are not marshallable
    known = _used.get(key)
    if known is not None:
        return known
    entry = _programs.get(key)
    compiled: re.Pattern[AnyStr] | None = None
    if entry is not None and _sre is not None:
        try:
            compiled = _sre.compile(pattern, *entry)
        except Exception:  # a program this _sre refuses: compile it the normal way
            compiled = None
    if compiled is None:
        import re  # only now: with the cache, a run never imports re (nor enum, which re needs)

        missed += 1
        compiled = re.compile(pattern, flags)
    _used[key] = compiled
    return compiled


# re's flags and re.escape, so the parser need not import re for them
I, M, S = 2, 8, 16  # re.IGNORECASE, re.MULTILINE, re.DOTALL
_SPECIAL = {i: "\\" + chr(i) for i in b"()[]{}?*+-|^$\\.&~# \t\n\r\v\f"}


def escape(text: str) -> str:
    """``re.escape``."""
    return text.translate(_SPECIAL)


# the module-level functions of re, for patterns written where they are used
def search(pattern: str, string: str, flags: int = 0) -> re.Match[str] | None:
    return compile(pattern, flags).search(string)


def match(pattern: str, string: str, flags: int = 0) -> re.Match[str] | None:
    return compile(pattern, flags).match(string)


def fullmatch(pattern: str, string: str, flags: int = 0) -> re.Match[str] | None:
    return compile(pattern, flags).fullmatch(string)


def findall(pattern: str, string: str, flags: int = 0) -> list[Any]:
    return compile(pattern, flags).findall(string)


def finditer(pattern: str, string: str, flags: int = 0) -> Iterator[re.Match[str]]:
    return compile(pattern, flags).finditer(string)


def split(pattern: str, string: str, maxsplit: int = 0, flags: int = 0) -> list[Any]:
    return compile(pattern, flags).split(string, maxsplit)


def sub(pattern: str, repl: str | Callable[[re.Match[str]], str], string: str, count: int = 0,
        flags: int = 0) -> str:
    return compile(pattern, flags).sub(repl, string, count)


def _program(pattern: str | bytes, flags: int) -> _Entry:
    """What re._compiler.compile hands to _sre.compile (CPython 3.11+ internals)."""
    from re import _compiler, _parser  # type: ignore[attr-defined]

    p = _parser.parse(pattern, flags)
    code = _compiler._code(p, flags)
    groupindex = dict(p.state.groupdict)
    indexgroup: list[str | None] = [None] * p.state.groups
    for name, i in groupindex.items():
        indexgroup[i] = name
    return (int(flags | p.state.flags), [int(op) for op in code], p.state.groups - 1, groupindex, tuple(indexgroup))


def stale() -> bool:
    """Whether this process compiled a pattern the cache does not hold."""
    return missed > 0


def snapshot() -> tuple[bytes, int] | None:
    """The cache file's bytes for every pattern used in this process, and how many it holds.

    Each program is checked against what ``re.compile`` made of the pattern before it is kept.
    None when this Python cannot have a cache. Writing the bytes is the caller's business
    (``taizhang.cli.precompile``): this package does no I/O beyond reading its data.
    """
    if _sre is None:
        return None
    programs: dict[tuple[str | bytes, int], _Entry] = {}
    try:
        for (pattern, flags), compiled in _used.items():
            entry = _program(pattern, flags)
            again = _sre.compile(pattern, *entry)
            if (again.flags, again.groups, again.groupindex) == (
                    compiled.flags, compiled.groups, compiled.groupindex):
                programs[(pattern, flags)] = entry
        return marshal.dumps((_KEY, programs)), len(programs)
    except Exception:  # the private compiler API moved: no cache, the slow path keeps working
        return None


load()
