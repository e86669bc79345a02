"""Helper for test_crash_safety: restores a backup over the data folder's database through the real code,
announcing when it starts, so the test can kill it at any moment of the swap."""
from __future__ import annotations

import sys
from pathlib import Path

from schooldesk.db.restore import restore_backup
from schooldesk.db.database import BACKUP_DIRNAME, database_path


def main() -> None:
    backup, data_dir = Path(sys.argv[1]), Path(sys.argv[2])
    print("ready", flush=True)
    restore_backup(backup, database_path(data_dir), data_dir / BACKUP_DIRNAME)
    print("done", flush=True)


if __name__ == "__main__":
    main()
