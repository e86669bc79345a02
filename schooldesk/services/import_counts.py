"""What every import of a spreadsheet reports: rows read, what was added, changed and left, and the problems by
row — the pupils' roster and the list of teachers alike (each adds its own)."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from schooldesk.domain.errors import SchoolDeskError
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

    def as_dict(self, translate: Callable[[SchoolDeskError], str]) -> dict[str, object]:
        """The keys every import's --json has (fixed by the import-students interface), messages translated."""
        def problem(p: Problem) -> dict[str, object]:
            return {"row": p.row, "column": p.column, "code": p.code, "message": translate(p.error)}

        return {"rows_read": self.rows_read, "new": self.new, "updated": self.updated, "unchanged": self.unchanged,
                "errors": [problem(p) for p in self.errors], "warnings": [problem(p) for p in self.warnings],
                "dry_run": self.dry_run, "sheet": self.sheet}
