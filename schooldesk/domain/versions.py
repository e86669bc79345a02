"""Rules kept with history: each version holds from its ``effective_from`` until a later one, and a record is judged
by the version in force on its date."""
from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Protocol, TypeVar


class Versioned(Protocol):
    @property
    def effective_from(self) -> date: ...


V = TypeVar("V", bound=Versioned)


def in_force(day: date, versions: Iterable[V], default: V) -> V:
    """The version with the latest ``effective_from`` on or before *day*; *default* before the first."""
    chosen = default
    for version in sorted(versions, key=lambda v: v.effective_from):
        if version.effective_from <= day:
            chosen = version
    return chosen
