"""Reuse a derived value while the objects it was derived from are the very same objects.

The preview loads unchanged data files into the same record objects (`loading.LoadCache`), so a
value derived from one record and a few taxonomy entries can be kept until one of them is
replaced. Inputs are compared by identity, never by value: a changed file always gives new
objects, so a stale value cannot survive, and a plain build (all objects new) simply fills the
memo once.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

T = TypeVar("T")


class IdentityMemo(Generic[T]):
    """Values by key, each with the objects it was made from."""

    def __init__(self) -> None:
        self._values: dict[Hashable, tuple[tuple[object, ...], T]] = {}

    def get(self, key: Hashable, inputs: tuple[object, ...], make: Callable[[], T]) -> T:
        """The value made last time for `key` if every input is the same object, else `make()`."""
        known = self._values.get(key)
        if (
            known is not None
            and len(known[0]) == len(inputs)
            and all(a is b for a, b in zip(known[0], inputs, strict=True))
        ):
            return known[1]
        value = make()
        self._values[key] = (inputs, value)
        return value

    def clear(self) -> None:
        self._values.clear()
