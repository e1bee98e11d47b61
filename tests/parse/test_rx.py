"""The compiled-pattern cache (parse/rx.py) may make a start faster, never a result different."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from taizhang.cli.precompile import write
from taizhang.parse import parse, rx

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = sorted((ROOT / "samples").glob("*.txt"))


@pytest.fixture(autouse=True)
def _installed_cache_afterwards() -> Iterator[None]:
    yield
    rx.load()


def test_every_cached_program_is_what_re_compiles(tmp_path: Path) -> None:
    for path in SAMPLES:  # the patterns compiled on first use, too
        parse(path.read_text("utf-8"), source=path.name)
    cache = tmp_path / "patterns.marshal"
    assert write(str(cache)) == len(rx._used) > 80
    assert rx.load(str(cache))
    texts = [p.read_text("utf-8") for p in SAMPLES]
    for (pattern, flags), _ in list(rx._used.items()):
        rx._used.pop((pattern, flags))  # force the cached path
        cached, fresh = rx.compile(pattern, flags), re.compile(pattern, flags)
        assert (cached.pattern, cached.flags, cached.groups, dict(cached.groupindex)) == (
            fresh.pattern, fresh.flags, fresh.groups, dict(fresh.groupindex))
        # the readers' byte patterns (a page's first bytes) run on bytes
        for text in [t.encode("utf-8") for t in texts] if isinstance(pattern, bytes) else texts:
            assert [m.span() for m in cached.finditer(text)] == [m.span() for m in fresh.finditer(text)]


@pytest.mark.parametrize("content", [b"", b"not marshal at all", b"\xe3\x00\x00"], ids=["empty", "junk", "cut"])
def test_a_broken_or_foreign_cache_is_ignored(tmp_path: Path, content: bytes) -> None:
    cache = tmp_path / "patterns.marshal"
    cache.write_bytes(content)
    assert not rx.load(str(cache))
    assert rx.compile(r"(\d+)年").search("2018年").group(1) == "2018"


def test_a_cache_from_another_python_is_not_trusted(tmp_path: Path) -> None:
    import marshal

    cache = tmp_path / "patterns.marshal"
    bogus = {(r"(\d+)年", 0): (32, [0, 0, 0], 1, {}, (None, None))}  # a program _sre would refuse
    cache.write_bytes(marshal.dumps(((1, "2.7.18", 1, 4), bogus)))
    assert not rx.load(str(cache))
    cache.write_bytes(marshal.dumps((rx._KEY, bogus)))
    assert rx.load(str(cache))  # right key, broken program: compile() must still be right
    rx._used.pop((r"(\d+)年", 0), None)
    assert rx.compile(r"(\d+)年").search("到2018年").group(1) == "2018"


def test_after_the_install_step_a_fresh_process_compiles_nothing() -> None:
    """What the install scripts do (python -m taizhang.cli.precompile), then a new `parse`."""
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    subprocess.run([sys.executable, "-m", "taizhang.cli.precompile"], env=env, check=True,
                   capture_output=True)
    code = ("import sys; from taizhang.parse import rx, parse;"
            "[parse(open(p, encoding='utf-8').read()) for p in sys.argv[1:]];"
            "print(rx.missed, len(rx._used))")
    out = subprocess.run([sys.executable, "-c", code, *map(str, SAMPLES)], env=env,
                         capture_output=True, text=True, check=True).stdout.split()
    assert out[0] == "0" and int(out[1]) > 80
