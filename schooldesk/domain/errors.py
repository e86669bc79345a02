"""The one root exception for everything a clerk may be told about."""
from __future__ import annotations

from schooldesk.domain.i18n import QT_TRANSLATE_NOOP, fill

ERRORS = "Errors"  # translation context of every message (lupdate needs it written out as a literal)


class SchoolDeskError(Exception):
    """A known problem with a message for the user.

    *message* is English source text marked with ``QT_TRANSLATE_NOOP("Errors", ...)``, with %1 … %n
    placeholders for *args*; it is translated where it is shown.
    """

    def __init__(self, message: str, *args: object) -> None:
        self.message = message
        self.message_args = tuple(str(a) for a in args)
        super().__init__(fill(message, self.message_args))


class ValidationError(SchoolDeskError):
    """Input that breaks a rule; *field* names the form field to show it next to."""

    def __init__(self, field: str, message: str, *args: object) -> None:
        self.field = field
        super().__init__(message, *args)


class NotFoundError(SchoolDeskError):
    """A record the user asked for does not exist (any more)."""


class StorageError(SchoolDeskError):
    """The environment failed us: database locked, unreadable, disk full, folder not writable."""


class Cancelled(SchoolDeskError):
    """The clerk stopped slow work (an import, an export); its transaction rolled back, nothing was kept."""

    def __init__(self) -> None:
        super().__init__(QT_TRANSLATE_NOOP("Errors", "Stopped; nothing of it was kept."))
