"""``NamedTuple`` class syntax without importing ``typing``.

The parser's records are named tuples declared with class syntax. ``typing.NamedTuple`` would do,
but importing ``typing`` costs ≈ 4 ms, a tenth of a whole ``taizhang parse`` run, and the parse
path needs nothing else from it. This base builds the same class (``collections.namedtuple``
with the annotated fields, their defaults, and the methods and docstring of the class body)
and checks no types at run time; type checkers see ``typing.NamedTuple`` itself.
"""
from __future__ import annotations

from collections import namedtuple

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (mypy knows the name)
if TYPE_CHECKING:
    from typing import NamedTuple as NamedTuple
else:
    _OWN = frozenset({"__module__", "__annotations__", "__qualname__"})

    class _RecordMeta(type):
        def __new__(mcls, typename, bases, ns):
            if not bases:  # NamedTuple itself
                return super().__new__(mcls, typename, bases, ns)
            annotations = ns.get("__annotations__", {})
            fields = list(annotations)
            defaults = [ns[f] for f in fields if f in ns]
            if any(f not in ns for f in fields[len(fields) - len(defaults):]):
                raise TypeError(f"{typename}: a field without a default follows one with a default")
            cls = namedtuple(typename, fields, defaults=defaults, module=ns["__module__"])
            cls.__annotations__ = dict(annotations)
            cls.__qualname__ = ns.get("__qualname__", typename)
            for key, value in ns.items():  # methods, properties, the docstring
                if key not in _OWN and key not in annotations:
                    setattr(cls, key, value)
            return cls

    class NamedTuple(metaclass=_RecordMeta):
        """Base of a record class: ``class Span(NamedTuple): start: int; end: int = 0``."""
