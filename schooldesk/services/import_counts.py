"""What every import of a spreadsheet reports: rows read, what was added, changed and left, and the problems by
row — the pupils' roster and the list of teachers alike (each adds its own)."""
from __future__ import annotations

from dataclasses import dataclass, field

from schooldesk.imports.pupil_rows import Problem


@dataclass
class ImportCounts:
    rows_read: int
    dry_run: bool
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    sheet: str = ""  # the sheet read, named in the preview and the report

    @property
    def skipped(self) -> int:
        """Rows not imported: those with an error."""
        return len({p.row for p in self.errors})
