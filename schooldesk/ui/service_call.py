"""Calling a service from a screen, one way everywhere (Anki's CollectionOp is the anchor): run it, show a
refusal or failure to the clerk in their language, and announce what it changed, so that every open view
showing such records refreshes — the windows beside the main window included."""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Generic, TypeVar

from PySide6.QtWidgets import QWidget

from schooldesk.domain.errors import NotFoundError, SchoolDeskError
from schooldesk.ui.errors import show_error

if TYPE_CHECKING:
    from schooldesk.ui.state import AppState

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Outcome(Generic[T]):
    """What a service call gave: true when it succeeded, with its result in ``value``."""

    ok: bool
    value: T | None = None

    def __bool__(self) -> bool:
        return self.ok


def call_service(parent: QWidget, service: Callable[[], T], *, state: AppState | None = None,
                 changes: Iterable[str] = (), on_gone: Callable[[NotFoundError], None] | None = None) -> Outcome[T]:
    """Run *service*; a SchoolDeskError is shown on *parent* (window-modal, never blocking) and the call
    fails — a record gone since it was shown goes to *on_gone* instead, when given (a window of that record
    closes with a word). On success the *changes* (kinds of records, see ui/state.py) are announced through
    *state*."""
    changed = frozenset(changes)
    if changed and state is None:
        raise ValueError("changes are announced through the AppState")
    try:
        value = service()
    except NotFoundError as gone:
        if on_gone is None:
            show_error(parent, gone)
        else:
            on_gone(gone)
        return Outcome(False)
    except SchoolDeskError as error:
        show_error(parent, error)
        return Outcome(False)
    if changed and state is not None:
        state.notify_changed(*changed)
    return Outcome(True, value)
