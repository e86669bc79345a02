"""The header line of a record window (a pupil's profile, a child's visit log): facts as 标签：值, wrapped
between facts, never inside one (学籍号：⏎G9901… is what a clerk saw).

Qt's rich text ignores ``white-space: nowrap`` on a span, and Chinese may break between any two characters,
so each fact is glued with WORD JOINERs (U+2060, which forbid a break and print nothing) and its spaces are
made non-breaking; the line wraps only at the spaces between facts."""
from __future__ import annotations

from collections.abc import Iterable
from html import escape

JOIN = "\u2060"


def unbreakable(text: str) -> str:
    return JOIN.join(text.replace(" ", "\u00a0"))


def facts_html(facts: Iterable[tuple[str, str]]) -> str:
    """Rich text for a QLabel with word wrap: each non-empty fact kept on one line."""
    return "&nbsp;&nbsp; ".join(escape(unbreakable(f"{k}：{v}")) for k, v in facts if v)
