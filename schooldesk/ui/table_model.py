"""A read-only table model over a list of frozen rows (the services' dataclasses)."""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

Row = TypeVar("Row")
Index = QModelIndex | QPersistentModelIndex


SORT_ROLE = Qt.ItemDataRole.UserRole


@dataclass(frozen=True)
class Column(Generic[Row]):
    """A column's header, what it shows, and (when text order is wrong, as for 三年级 < 十年级) its sort key."""

    header: str
    value: Callable[[Row], Any]
    sort_key: Callable[[Row], Any] | None = None


class RowTableModel(QAbstractTableModel, Generic[Row]):
    """Shows *rows* through *columns*; rows for which *dimmed* is true are greyed (e.g. inactive)."""

    def __init__(self, columns: Sequence[Column[Row]], dimmed: Callable[[Row], bool] | None = None) -> None:
        super().__init__()
        self._columns = list(columns)
        self._rows: list[Row] = []
        self._dimmed = dimmed

    def set_rows(self, rows: Sequence[Row]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> Row:
        return self._rows[row]

    def rows(self) -> list[Row]:
        return list(self._rows)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            value = self._columns[index.column()].value(row)
            return "" if value is None else str(value)
        if role == SORT_ROLE:
            column = self._columns[index.column()]
            return (column.sort_key or column.value)(row)
        if role == Qt.ItemDataRole.ForegroundRole and self._dimmed and self._dimmed(row):
            return QColor(Qt.GlobalColor.gray)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self._columns[section].header
        return None
