"""Helper for test_crash_safety: saves teachers through the real service in a loop, printing each id
only after its commit returned, until it is killed."""
from __future__ import annotations

import sys
from pathlib import Path

from schooldesk.db.database import open_database
from schooldesk.services.rows import TeacherInput
from schooldesk.services.teachers import add_teacher


def main() -> None:
    db = open_database(Path(sys.argv[1]))
    prefix = sys.argv[2]
    print("ready", flush=True)
    number = 0
    while True:
        number += 1
        row = add_teacher(db, TeacherInput(name=f"{prefix}-{number}", gender="男", subjects="语文、数学" * 3))
        print(row.id, flush=True)


if __name__ == "__main__":
    main()
