"""What every screen shares: the open database, the chosen semester, and what changed.

A change names what it touched (as Anki's OpChanges do): a support record saved refreshes the views that
show support, not every page; a page hidden behind another refreshes when it is next shown."""
from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from collections.abc import Callable, Iterable

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtWidgets import QWidget

from schooldesk.diagnostics import log
from schooldesk.db.database import BACKUP_DIRNAME, Database, open_database
from schooldesk.services import backups
from schooldesk.services.backups import BackupInfo
from schooldesk.services.access import require_admin
from schooldesk.services.login import SignedIn
from schooldesk.services.rows import SchoolDetails, SemesterRow
from schooldesk.services.school import get_school
from schooldesk.services.semesters import current_semester, list_semesters


# What a change touched.
PUPILS, CARE, SUPPORT, DROPOUT, HOME_TEACHING = "pupils", "care", "support", "dropout", "home_teaching"
TEACHERS, CLASSES, SCHOOL, SEMESTERS, RULES, USERS = "teachers", "classes", "school", "semesters", "rules", "users"
OBSERVATIONS, MENTORSHIP, ACTIVITIES, CATCHMENT = "observations", "mentorship", "activities", "catchment"
TEACHER_FILE, VISITS = "teacher_file", "school_visits"  # training, 师德, honours …; visits received and 整改
EVERYTHING = frozenset({PUPILS, CARE, SUPPORT, DROPOUT, HOME_TEACHING, TEACHERS, CLASSES, SCHOOL, SEMESTERS, RULES,
                        USERS, OBSERVATIONS, MENTORSHIP, ACTIVITIES, CATCHMENT, TEACHER_FILE, VISITS})


class _Watch(QObject):
    """Refreshes one view for the kinds it shows: now when visible, else on its next Show."""

    def __init__(self, view: QWidget, kinds: frozenset[str], refresh: Callable[[], None]) -> None:
        super().__init__(view)
        self.view, self.kinds, self.refresh, self.stale = view, kinds, refresh, False
        view.installEventFilter(self)

    def changed(self, what: frozenset[str]) -> None:
        if not what & self.kinds:
            return
        if self.view.isVisible():
            self.refresh()
        else:
            self.stale = True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.Show and self.stale:
            self.stale = False
            self.refresh()
        return False


class AppState(QObject):
    """Views ``watch`` the kinds of data they show and ``semester_changed``; changes are announced with
    ``notify_changed(kind, …)``."""

    data_changed = Signal(object)  # frozenset of the kinds that changed
    backups_changed = Signal()
    semester_changed = Signal(object)  # SemesterRow
    clock_wrong = Signal()  # once a session: the PC's clock is behind the newest backup
    clock_right_again = Signal(object)  # backups made with the clock set forward were dated now (a SchoolDeskError)
    clock_warned = False

    def __init__(self, db: Database, user: SignedIn | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.user = user
        if user is not None:  # services check it; the audit trail names it. Without a user the database keeps
            db.actor = user.actor  # the rights it was given (none: every service refuses)
        self.school: SchoolDetails | None = None
        self.semesters: list[SemesterRow] = []
        self.semester: SemesterRow | None = None
        self.reload(today=date.today())

    def reload(self, today: date | None = None) -> None:
        """Re-read the school and its terms, keeping the chosen term when it still exists."""
        self.school = get_school(self.db)
        self.semesters = list_semesters(self.db)
        chosen = self.semester.key if self.semester else None
        self.semester = next((s for s in self.semesters if s.key == chosen), None) or current_semester(
            self.semesters, today or date.today()
        )

    def choose_semester(self, semester: SemesterRow) -> None:
        if semester != self.semester:
            self.semester = semester
            self.semester_changed.emit(semester)

    @property
    def keeps_records(self) -> bool:
        """Office staff and administrators (and tests without a sign-in) edit every record; teachers
        only their own (the services enforce it; this only spares them buttons that would refuse)."""
        return self.user is None or self.user.actor.keeps_records

    @property
    def school_year(self) -> int:
        return self.semester.key.school_year if self.semester else date.today().year

    @property
    def backup_dir(self) -> Path:
        return self.db.path.parent / BACKUP_DIRNAME

    def back_up(self, reason: str, folder: Path | None = None, *, password: str = "") -> BackupInfo:
        """A verified backup into the data folder's backups (rotated) or into *folder* (e.g. a USB stick),
        there sealed in an AES-256 zip when a *password* is given."""
        info = backups.back_up(self.db.path, reason=reason, folder=folder, password=password)
        log.info("backup taken (%s): %s bytes, %s photos", reason, info.size, info.photos)
        if info.clock_behind and not self.clock_warned:
            self.clock_warned = True
            self.clock_wrong.emit()
        if info.redated:
            self.clock_right_again.emit(backups.clock_warnings(info)[-1])
        self.backups_changed.emit()
        return info

    def back_up_if_due(self, now: datetime | None = None) -> BackupInfo | None:
        return self.back_up("daily") if backups.daily_backup_due(self.db.path, now or datetime.now()) else None

    def restore(self, backup: Path) -> None:
        """Swap in *backup* (the current state is backed up first) and reopen. Administrators only."""
        require_admin(self.db)
        path, actor = self.db.path, self.db.actor
        self.db.close()
        try:
            backups.restore(path.parent, backup)
            log.info("restored from a backup")
        finally:
            self.db = open_database(path.parent)
            self.db.actor = actor
        self.backups_changed.emit()
        self.notify_changed()

    def notify_changed(self, *changed: str) -> None:
        """Announce what changed (nothing named: everything, e.g. after a restore)."""
        what = frozenset(changed) or EVERYTHING
        if what & {SCHOOL, SEMESTERS}:
            self.reload()
        self.data_changed.emit(what)

    def watch(self, view: QWidget, kinds: Iterable[str], refresh: Callable[[], None]) -> None:
        """Call *refresh* when any of *kinds* changes: at once while *view* is visible, else when it is shown."""
        watch = _Watch(view, frozenset(kinds), refresh)
        self.data_changed.connect(watch.changed)
