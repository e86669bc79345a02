"""Find pupils by what a clerk types: part of the name, pinyin initials (zsh → 张书涵) or full pinyin."""
from __future__ import annotations

MAX_SURNAME_READINGS = 3


def search_keys(name: str) -> str:
    """Space-separated lower-case keys stored with the pupil: initials and full pinyin.

    A surname with several readings (单 dan/shan, 曾 zeng/ceng) gets a pair of keys per reading,
    because clerks type the surname reading and pypinyin picks the common one.
    """
    from pypinyin import Style, lazy_pinyin, pinyin  # its phrase dictionary loads on the first name, not at start

    rest = lazy_pinyin(name[1:], errors="ignore")
    first = pinyin(name[:1], style=Style.NORMAL, heteronym=True, errors="ignore")
    readings = (first[0] if first else [""])[:MAX_SURNAME_READINGS]
    keys: list[str] = []
    for reading in readings:
        syllables = [reading, *rest]
        keys.append("".join(s[0] for s in syllables if s))
        keys.append("".join(syllables))
    return " ".join(dict.fromkeys(k.lower() for k in keys if k))


def matches(needle: str, name: str, keys: str, *others: str) -> bool:
    """True when *needle* is in the name, starts one of the pinyin keys, or is in one of *others*."""
    if not needle or needle in name:
        return True
    lowered = needle.lower()
    if lowered.isascii() and lowered.isalpha() and any(k.startswith(lowered) for k in keys.split(" ")):
        return True
    return any(lowered in other.lower() for other in others if other)
