"""Fill unfinished entries of translations/schooldesk_zh_CN.ts from tools/zh_CN_terms.py.

Workflow: pyside6-lupdate … -ts translations/schooldesk_zh_CN.ts; add new strings to the table;
run this; commit the .ts. Prints the strings it could not fill and exits 1 if there are any.
"""
from __future__ import annotations

import sys
import xml.etree.ElementTree as ET
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from zh_CN_terms import BY_CONTEXT, ZH  # noqa: E402

TS = Path(__file__).resolve().parent.parent / "translations" / "schooldesk_zh_CN.ts"


def main() -> int:
    tree = ET.parse(TS)
    missing = []
    for context in tree.getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            translation = message.find("translation")
            source = message.findtext("source") or ""
            if translation is not None and (name, source) in BY_CONTEXT:  # a place-specific word always wins
                translation.text = BY_CONTEXT[(name, source)]
                translation.attrib.pop("type", None)
                continue
            if translation is None or translation.get("type") != "unfinished":
                continue
            chinese = BY_CONTEXT.get((name, source)) or ZH.get(source)
            if chinese is None:
                missing.append(f"{name}: {source}")
                continue
            translation.text = chinese
            del translation.attrib["type"]
    ET.indent(tree)
    tree.write(TS, encoding="utf-8", xml_declaration=True)
    for line in missing:
        print("untranslated:", line)
    return 1 if missing else 0


if __name__ == "__main__":
    raise SystemExit(main())
