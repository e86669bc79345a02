"""Tables of the 适龄儿童摸底: the children of the school's villages as the 户籍 list gives them, and each
verification of where a child is (去向), kept as history."""
from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Optional

from sqlalchemy import Date, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from schooldesk.db.base import Base

if TYPE_CHECKING:
    from schooldesk.db.models import DropoutCase, Pupil


class CatchmentChild(Base):
    """A child of the villages from the 户籍 list. *id_number* is kept as the list wrote it (normalised) even when
    wrong, *id_valid* says whether it passed the check; *match* says how the child was tied to a pupil on roll
    (id, name_birth — a match the office confirms —, confirmed, or '' for none)."""

    __tablename__ = "catchment_child"

    id: Mapped[int] = mapped_column(primary_key=True)
    village: Mapped[str] = mapped_column(String(60), default="")
    name: Mapped[str] = mapped_column(String(30))
    name_keys: Mapped[str] = mapped_column(String(200), default="")
    gender: Mapped[str] = mapped_column(String(2), default="")
    birth_date: Mapped[Optional[date]] = mapped_column(Date)
    id_number: Mapped[str] = mapped_column(String(30), default="", index=True)
    id_valid: Mapped[bool] = mapped_column(default=False)
    householder: Mapped[str] = mapped_column(String(30), default="")
    relation: Mapped[str] = mapped_column(String(10), default="")
    phone: Mapped[str] = mapped_column(String(30), default="")
    disability: Mapped[str] = mapped_column(String(20), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    pupil_id: Mapped[Optional[int]] = mapped_column(ForeignKey("pupil.id", ondelete="SET NULL"), index=True)
    match: Mapped[str] = mapped_column(String(12), default="")
    listed_on: Mapped[date] = mapped_column(Date)  # the import that last listed the child
    pupil: Mapped[Optional[Pupil]] = relationship()
    findings: Mapped[list[CatchmentFinding]] = relationship(
        back_populates="child", cascade="all, delete-orphan", order_by="(CatchmentFinding.verified_on, CatchmentFinding.id)")


class CatchmentFinding(Base):
    """One verification of a child's 去向: the latest on or before a day is the child's 去向 on that day, so a past
    semester's report is not rewritten by what was found later."""

    __tablename__ = "catchment_finding"

    id: Mapped[int] = mapped_column(primary_key=True)
    child_id: Mapped[int] = mapped_column(ForeignKey("catchment_child.id", ondelete="CASCADE"), index=True)
    destination: Mapped[str] = mapped_column(String(20))
    school: Mapped[str] = mapped_column(String(100), default="")  # 就读学校
    grade: Mapped[str] = mapped_column(String(20), default="")
    way: Mapped[str] = mapped_column(String(10), default="")  # 核实方式
    verifier: Mapped[str] = mapped_column(String(60), default="")
    verified_on: Mapped[date] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text, default="")
    dropout_case_id: Mapped[Optional[int]] = mapped_column(ForeignKey("dropout_case.id", ondelete="SET NULL"), index=True)
    child: Mapped[CatchmentChild] = relationship(back_populates="findings")
    dropout_case: Mapped[Optional[DropoutCase]] = relationship()
