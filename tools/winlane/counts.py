"""Add up a test run's JUnit reports (the Windows lane writes one per shard): passed, failed, errors, skipped,
with every skip's reason.  python3 tools/winlane/counts.py LABEL REPORT.xml…  prints "LABEL: N passed, N failed,
N skipped"; exits 1 when anything failed, when a report is missing, or when no test ran at all."""
from __future__ import annotations

import sys
import xml.etree.ElementTree as ElementTree
from pathlib import Path


def main(label: str, reports: list[str]) -> int:
    passed = failed = errors = 0
    skipped: list[str] = []
    broken: list[str] = []
    for report in reports:
        path = Path(report)
        if not path.is_file():
            print(f"{label}: no report {path.name} (the run died before it finished)")
            return 1
        for case in ElementTree.parse(path).getroot().iter("testcase"):
            name = f"{case.get('classname', '')}::{case.get('name', '')}"
            if case.find("failure") is not None:
                failed += 1
                broken.append(f"FAILED {name}")
            elif case.find("error") is not None:
                errors += 1
                broken.append(f"ERROR  {name}")
            elif (skip := case.find("skipped")) is not None:
                skipped.append(f"{name}: {skip.get('message', '')}")
            else:
                passed += 1
    for line in broken:
        print(f"{label} {line}")
    for line in skipped:
        print(f"{label} skipped {line}")
    print(f"{label}: {passed} passed, {failed + errors} failed, {len(skipped)} skipped")
    return 1 if failed or errors or passed == 0 else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2:]))
