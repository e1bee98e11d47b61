"""The parser's light bases (parse/record.py): NamedTuple, StrEnum and the caches, as typing, enum and
functools would build them, without importing those."""
from __future__ import annotations

import subprocess
import sys

import pytest

from taizhang.parse.model import Deadline, Evidence
from taizhang.parse.record import NamedTuple


class Point(NamedTuple):
    """A point on the page."""

    x: int
    y: int = 0
    label: str = "原点"

    def shifted(self, dx: int) -> "Point":
        return self._replace(x=self.x + dx)

    @property
    def twice(self) -> int:
        return 2 * self.x


def test_fields_defaults_and_methods() -> None:
    p = Point(3)
    assert p == (3, 0, "原点") and isinstance(p, tuple)
    assert Point._fields == ("x", "y", "label") and Point._field_defaults == {"y": 0, "label": "原点"}
    assert p.shifted(2) == Point(5) and p.twice == 6
    assert Point.__doc__ == "A point on the page." and Point.__module__ == __name__
    assert repr(Point(1, 2, "甲")) == "Point(x=1, y=2, label='甲')"
    assert list(Point.__annotations__) == ["x", "y", "label"]
    with pytest.raises(AttributeError):
        p.x = 4  # type: ignore[misc]


def test_a_field_without_default_after_one_with_is_refused() -> None:
    with pytest.raises(TypeError, match="default"):
        class Bad(NamedTuple):  # noqa: F841
            a: int = 0
            b: int  # type: ignore[misc]


def test_the_parser_records_behave_as_before() -> None:
    d = Deadline("2018年6月底前", "2018-06-30")
    assert d.kind == "date" and d.span == (0, 0) and d._replace(due=None).due is None
    assert Evidence("rule", (1, 2)).span == (1, 2)
    assert d.to_dict()["due"] == "2018-06-30"


def test_the_parse_path_imports_neither_typing_nor_argparse(tmp_path) -> None:  # type: ignore[no-untyped-def]
    f = tmp_path / "a.txt"
    f.write_text("一、推进改革。(市发展改革委)\n", encoding="utf-8")
    probe = ("import sys\nfrom taizhang.cli import main\n"
             f"main(['parse', {str(f)!r}, '--format', 'json'])\n"
             "print('MODULES', ' '.join(sorted(sys.modules)))")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    modules = set(out.split("MODULES", 1)[1].split())
    assert {"typing", "argparse", "gettext", "dataclasses", "inspect"} & modules == set()


def test_str_enum_behaves_like_enum_str_enum() -> None:
    import copy
    import json
    import pickle

    from taizhang.parse.model import WarningCode
    from taizhang.parse.record import StrEnum

    class Color(StrEnum):
        RED = "red"
        DARK_BLUE = "dark_blue"

    assert Color.RED == "red" and Color.RED.value == "red" and Color.RED.name == "RED"
    assert Color("dark_blue") is Color.DARK_BLUE and list(Color) == [Color.RED, Color.DARK_BLUE]
    assert isinstance(Color.RED, Color) and isinstance(Color.RED, str) and len(Color) == 2
    assert f"{Color.RED}" == str(Color.RED) == "red" and json.dumps(Color.RED) == '"red"'
    assert copy.deepcopy(Color.RED) is Color.RED and pickle.loads(pickle.dumps(WarningCode.TRUNCATED)) is WarningCode.TRUNCATED
    assert {Color.RED: 1}["red"] == 1
    for bad in ("blue", None, 3):
        with pytest.raises(ValueError):
            Color(bad)  # type: ignore[arg-type]


def test_lru_cache_caches_and_clears() -> None:
    from taizhang.parse.record import cache, lru_cache

    calls: list[int] = []

    @lru_cache(maxsize=2)
    def double(x: int) -> int:
        """Twice x."""
        calls.append(x)
        return 2 * x

    assert [double(1), double(1), double(2), double(3), double(1)] == [2, 2, 4, 6, 2]
    assert calls == [1, 2, 3, 1] and double.__doc__ == "Twice x." and double.__name__ == "double"
    double.cache_clear()
    double(2)
    assert calls[-1] == 2

    @cache
    def const() -> list[int]:
        return [1]

    assert const() is const()
