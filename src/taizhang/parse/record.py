"""``NamedTuple`` class syntax without importing ``typing``; a string enumeration without ``enum``.

The parser's records are named tuples declared with class syntax. ``typing.NamedTuple`` would do,
but importing ``typing`` costs ≈ 4 ms, a tenth of a whole ``taizhang parse`` run, and the parse
path needs nothing else from it. This base builds the same class (``collections.namedtuple``
with the annotated fields, their defaults, and the methods and docstring of the class body)
and checks no types at run time; type checkers see ``typing.NamedTuple`` itself.

``StrEnum`` is the same bargain for the warning codes: ``enum`` (with ``functools``, which it
imports) costs ≈ 2 ms at start-up. ``class Code(StrEnum): A = "a"`` makes ``Code.A`` a ``str``
equal to ``"a"`` with ``.value`` and ``.name``; ``Code("a")`` looks a member up (ValueError when
there is none) and ``list(Code)`` lists them in order. Type checkers see ``enum.StrEnum``.

``cache`` and ``lru_cache`` are ``functools``'s, built from the C wrapper ``functools`` itself
uses (``_functools._lru_cache_wrapper``) without importing ``functools`` (≈ 1 ms with ``types``);
any other Python takes ``functools``.
"""
from __future__ import annotations

from collections import namedtuple

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (mypy knows the name)
# ``new_record(Cls, (a, b))`` builds ``Cls(a, b)`` without the Python-level ``__new__`` that
# namedtuple generates (≈ 0.3 µs a call; the parser builds a few thousand records a document)
new_record = tuple.__new__

if TYPE_CHECKING:
    from enum import StrEnum as StrEnum
    from functools import cache as cache, lru_cache as lru_cache
    from typing import NamedTuple as NamedTuple
else:
    try:
        from _functools import _lru_cache_wrapper

        def lru_cache(maxsize=128):
            def decorate(function):
                # functools.lru_cache's own call, then what its update_wrapper copies
                wrapper = _lru_cache_wrapper(function, maxsize, False, _cache_info)
                for name in ("__module__", "__name__", "__qualname__", "__doc__"):
                    setattr(wrapper, name, getattr(function, name))
                wrapper.__wrapped__ = function
                return wrapper
            return decorate

        def cache(function):
            return lru_cache(None)(function)

        def _cache_info(hits, misses, maxsize, currsize):
            return {"hits": hits, "misses": misses, "maxsize": maxsize, "currsize": currsize}
    except ImportError:
        from functools import cache, lru_cache

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

    class _CodesMeta(type):
        def __new__(mcls, typename, bases, ns):
            members = {k: v for k, v in ns.items() if not k.startswith("_") and isinstance(v, str)}
            cls = super().__new__(mcls, typename, bases, {k: v for k, v in ns.items() if k not in members})
            cls._members_ = {}
            for name, value in members.items():
                member = str.__new__(cls, value)
                member._name_ = name
                setattr(cls, name, member)
                cls._members_[value] = member
            return cls

        def __call__(cls, value):
            try:
                return cls._members_[value]
            except (KeyError, TypeError):
                raise ValueError(f"{value!r} is not a valid {cls.__qualname__}") from None

        def __iter__(cls):
            return iter(cls._members_.values())

        def __len__(cls):
            return len(cls._members_)

    class StrEnum(str, metaclass=_CodesMeta):
        """Base of a string enumeration: ``class Code(StrEnum): A = "a"``."""

        __slots__ = ("_name_",)

        @property
        def value(self):
            return str.__str__(self)

        @property
        def name(self):
            return self._name_

        def __str__(self):
            return str.__str__(self)

        def __repr__(self):
            return f"<{type(self).__qualname__}.{self._name_}: {str.__str__(self)!r}>"

        def __reduce__(self):  # copies and pickles are the member itself
            return type(self), (str.__str__(self),)
