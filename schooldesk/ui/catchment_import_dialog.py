"""Import the villages' 户籍 list of children: the preview says how many are matched to the register, how many
are to verify, how many are outside compulsory age and which rows have a wrong or blank ID (kept, flagged)."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QWidget

from schooldesk.domain.i18n import fill
from schooldesk.imports.catchment_rows import TEMPLATE_HEADERS, ChildList
from schooldesk.services.catchment_import import CatchmentImportReport, import_catchment, import_catchment_file
from schooldesk.ui.list_import_dialog import ListImportDialog
from schooldesk.ui.state import CATCHMENT, AppState


class CatchmentImportDialog(ListImportDialog):
    file_kind = "catchment"

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(state, self.tr("Import the villages' list of children"), fill(self.tr(
            "Choose the 户籍 list the village committee or the police station gave (.xlsx or .xls), with columns such "
            "as %1. A row whose ID number is wrong or blank is kept and flagged 信息错误待更正."),
            ("、".join(TEMPLATE_HEADERS),)), parent)
        self.setObjectName("CatchmentImportDialog")
        self.restore_window_state()

    def _county(self) -> str:
        return self.state.school.county if self.state.school else ""

    def read_and_preview(self, path: Path) -> tuple[ChildList, CatchmentImportReport]:
        return import_catchment_file(self.state.db, path, self.state.school_year, dry_run=True, county=self._county())

    def import_listing(self, listing: ChildList) -> CatchmentImportReport:
        return import_catchment(self.state.db, listing, self.state.school_year, dry_run=False, county=self._county())

    def summary_text(self, report: CatchmentImportReport) -> str:
        return self.counts_text(report) + "\n" + fill(self.tr(
            "Matched to the register by ID number: %1; by name and birth date (to confirm): %2; not on the register "
            "(to verify): %3; outside compulsory age (kept apart): %4; ID number wrong or blank (flagged): %5."),
            tuple(str(n) for n in (report.matched_by_id, report.matched_by_name_and_birth, report.unmatched,
                                   report.not_of_compulsory_age, report.flagged)))

    def imported(self, report: CatchmentImportReport) -> None:
        self.state.notify_changed(CATCHMENT)

    def import_label(self, count: int) -> str:
        return fill(self.tr("&Import %1 children"), (str(count),))
