"""A read-only table model over a list of frozen rows (the services' dataclasses), sortable by any column in
the order a clerk expects (``domain.sorting``), directly or through ``RowSortProxy``."""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QColor

from schooldesk.domain.sorting import name_key, sort_key

Row = TypeVar("Row")
Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column(Generic[Row]):
    """A column's header, what it shows, and how it sorts: *sort_key* when the shown text does not say
    (a date shown as 昨天), *names* for people's names (the surname's own reading), else by the value."""

    header: str
    value: Callable[[Row], Any]
    sort_key: Callable[[Row], Any] | None = None
    names: bool = False

    def key(self, row: Row) -> tuple[Any, ...]:
        if self.sort_key is not None:
            custom = self.sort_key(row)
            return custom if isinstance(custom, tuple) else sort_key(custom)
        value = self.value(row)
        return name_key(value) if self.names and isinstance(value, str) else sort_key(value)


class RowTableModel(QAbstractTableModel, Generic[Row]):
    """Shows *rows* through *columns*; rows for which *dimmed* is true are greyed (e.g. inactive)."""

    def __init__(self, columns: Sequence[Column[Row]], dimmed: Callable[[Row], bool] | None = None) -> None:
        super().__init__()
        self._columns = list(columns)
        self._rows: list[Row] = []
        self._service_order: list[Row] = []
        self._dimmed = dimmed
        self._keys: dict[int, list[tuple[Any, ...]]] = {}  # per column, computed on the first sort by it
        self._sorted_by: tuple[int, Qt.SortOrder] = (-1, Qt.SortOrder.AscendingOrder)

    def set_rows(self, rows: Sequence[Row]) -> None:
        self.beginResetModel()
        self._service_order = list(rows)
        self._rows = list(rows)
        self._keys.clear()
        self._apply_sort()
        self.endResetModel()

    def sort_key_at(self, row: int, column: int) -> tuple[Any, ...]:
        """The sort key of one cell (cached per column until the rows change)."""
        keys = self._keys.get(column)
        if keys is None:
            keys = self._keys[column] = [self._columns[column].key(r) for r in self._rows]
        return keys[row]

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:  # noqa: D102 - Qt
        self.layoutAboutToBeChanged.emit()
        self._sorted_by = (column, order)
        self._rows = list(self._service_order)
        self._keys.clear()
        self._apply_sort()
        self.layoutChanged.emit()

    def _apply_sort(self) -> None:
        """Column -1 keeps the service's own order; a refresh keeps the order the clerk chose."""
        column, order = self._sorted_by
        if not 0 <= column < len(self._columns):
            return
        keyed = sorted(zip((self._columns[column].key(r) for r in self._rows), range(len(self._rows))),
                       key=lambda pair: pair[0], reverse=order == Qt.SortOrder.DescendingOrder)
        self._rows = [self._rows[i] for _key, i in keyed]
        self._keys.clear()

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
        if role == Qt.ItemDataRole.ForegroundRole and self._dimmed and self._dimmed(row):
            return QColor(Qt.GlobalColor.gray)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self._columns[section].header
        return None


class RowSortProxy(QSortFilterProxyModel):
    """Sorts a RowTableModel through its keys (Qt cannot compare Python tuples); subclasses filter."""

    def __init__(self, model: RowTableModel[Any], parent: Any = None) -> None:
        super().__init__(parent)
        self.setSourceModel(model)
        self._rows = model

    def lessThan(self, left: Index, right: Index) -> bool:  # noqa: N802 - Qt override
        column = left.column()
        return self._rows.sort_key_at(left.row(), column) < self._rows.sort_key_at(right.row(), column)
