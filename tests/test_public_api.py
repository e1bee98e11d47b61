"""The public surface is small, sorted and complete (httpx's test_exported_members)."""
from __future__ import annotations

import importlib

import taizhang

# taizhang.parse is both the function (public API) and the subpackage that defines it
PARSE_PACKAGE = importlib.import_module("taizhang.parse")


def test_all_is_sorted_and_exported() -> None:
    for module in (taizhang, PARSE_PACKAGE):
        assert module.__all__ == sorted(module.__all__)
        for name in module.__all__:
            assert hasattr(module, name), name


def test_parse_returns_the_contract() -> None:
    doc = taizhang.parse("一、推进简政放权。由张三同志负责，市编委办牵头，市财政局配合。\n", source="x.txt")
    d = doc.to_dict()
    assert d["schema"] == "taizhang.document/1"
    (task,) = d["tasks"]
    (a,) = task["assignments"]
    assert (a["lead"], a["support"], a["leaders"]) == (["市编委办"], ["市财政局"], ["张三"])
