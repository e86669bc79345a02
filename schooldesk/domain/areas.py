"""户籍所在地 as a place name: the 学籍系统 and many rosters give the 统计用区划代码 ("210921100000"), which
no inspector reads. The national table (``resources/areas.tsv.gz``, down to 乡镇, made by tools/make_areas.py)
turns it into 辽宁省阜新市阜新蒙古族自治县阜新镇; any other text is printed as the roster gave it."""
from __future__ import annotations

import gzip
from collections.abc import Mapping
from functools import cache
from pathlib import Path

CODE_LENGTHS = (6, 9, 12)  # county, 乡镇, 村 (the 村 part is not in the table: the 乡镇 is printed)
LEVELS = ((0, 2), (2, 4), (4, 6), (6, 9))  # 省, 市, 县, 乡镇 digits of the code
NOT_A_PLACE = frozenset({"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"})  # a grouping, not a name


def place_name(text: str, names: Mapping[str, str]) -> str:
    """The place an area code names, as far down as *names* (code → name) knows it; *text* itself when it is not
    a code or its province is unknown."""
    code = text.strip()
    if not (code.isascii() and code.isdigit() and len(code) in CODE_LENGTHS):
        return text
    found = []
    for start, end in LEVELS:
        if end > len(code):
            break
        if set(code[start:end]) == {"0"}:  # no level here: 东莞 has 乡镇 straight under the city
            continue
        name = names.get(code[:end])
        if name is None:
            break
        if name not in NOT_A_PLACE:
            found.append(name)
    return "".join(found) if found else text


def read_area_names(path: Path) -> dict[str, str]:
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        return dict(line.rstrip("\n").split("\t", 1) for line in lines if "\t" in line)


@cache
def area_names() -> Mapping[str, str]:
    """The shipped table, read once when a document first needs it."""
    from schooldesk.config import resources_dir

    path = resources_dir() / "areas.tsv.gz"
    return read_area_names(path) if path.exists() else {}


def household_place(text: str) -> str:
    """户籍所在地 as printed: the place name of a code, else the roster's text."""
    return place_name(text, area_names()) if text.strip().isdigit() else text
