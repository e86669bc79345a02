"""Tables of the teacher's file (教师专业成长档案): training, 师德, honours, exchanges; and the visits the
school received (视导, 督导 …) with the 整改 items they asked for."""
from __future__ import annotations

from datetime import date
from typing import Optional

from sqlalchemy import CheckConstraint, Date, Float, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from schooldesk.db.base import Base


class TeacherTraining(Base):
    """培训: one programme a teacher attended, at its level, with its 学时 and certificate number."""

    __tablename__ = "teacher_training"
    __table_args__ = (CheckConstraint("end_date >= start_date", name="dates"), CheckConstraint("hours > 0", name="hours"))

    id: Mapped[int] = mapped_column(primary_key=True)
    teacher_id: Mapped[int] = mapped_column(ForeignKey("teacher.id", ondelete="CASCADE"), index=True)
    programme: Mapped[str] = mapped_column(String(100))
    level: Mapped[str] = mapped_column(String(10))
    start_date: Mapped[date] = mapped_column(Date, index=True)
    end_date: Mapped[date] = mapped_column(Date)
    hours: Mapped[float] = mapped_column(Float)
    organiser: Mapped[str] = mapped_column(String(100), default="")
    certificate: Mapped[str] = mapped_column(String(60), default="")


class TeacherEthics(Base):
    """师德: a signed 承诺书, a yearly 考核等次, a commendation, or a violation and how it was handled.
    Read by the principal and the office only (domain/teacher_growth.sees_ethics)."""

    __tablename__ = "teacher_ethics"

    id: Mapped[int] = mapped_column(primary_key=True)
    teacher_id: Mapped[int] = mapped_column(ForeignKey("teacher.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(10))
    date: Mapped[date] = mapped_column(Date, index=True)
    grade: Mapped[str] = mapped_column(String(10), default="")  # 年度考核 only
    content: Mapped[str] = mapped_column(Text, default="")
    handling: Mapped[str] = mapped_column(Text, default="")  # 违规 only: what was decided


class TeacherHonour(Base):
    """荣誉与竞赛: a title or a prize (师德标兵, 优质课一等奖 …), its level, 等次 and who gave it."""

    __tablename__ = "teacher_honour"

    id: Mapped[int] = mapped_column(primary_key=True)
    teacher_id: Mapped[int] = mapped_column(ForeignKey("teacher.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(100))
    level: Mapped[str] = mapped_column(String(10))
    award: Mapped[str] = mapped_column(String(20), default="")  # 等次: 一等奖, 优秀 …
    date: Mapped[date] = mapped_column(Date, index=True)
    issuer: Mapped[str] = mapped_column(String(100), default="")


class TeacherExchange(Base):
    """交流轮岗, 支教, 跟岗学习: where the teacher went, from when until when (open while it lasts)."""

    __tablename__ = "teacher_exchange"
    __table_args__ = (CheckConstraint("end_date IS NULL OR end_date >= start_date", name="dates"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    teacher_id: Mapped[int] = mapped_column(ForeignKey("teacher.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(10))
    place: Mapped[str] = mapped_column(String(100))
    start_date: Mapped[date] = mapped_column(Date, index=True)
    end_date: Mapped[Optional[date]] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text, default="")


class SchoolVisit(Base):
    """A visit the school received (视导, 督导, 常规检查): who came, what they checked, their 反馈意见."""

    __tablename__ = "school_visit"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(10))
    date: Mapped[date] = mapped_column(Date, index=True)
    visitors: Mapped[str] = mapped_column(String(200))
    checked: Mapped[str] = mapped_column(Text, default="")
    feedback: Mapped[str] = mapped_column(Text, default="")
    actions: Mapped[list[VisitAction]] = relationship(cascade="all, delete-orphan", order_by="VisitAction.position")


class VisitAction(Base):
    """整改: one thing a visit asked the school to put right, by a date; closed with what was done."""

    __tablename__ = "visit_action"
    __table_args__ = (CheckConstraint("closed_on IS NULL OR closing <> ''", name="closing"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    visit_id: Mapped[int] = mapped_column(ForeignKey("school_visit.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    item: Mapped[str] = mapped_column(String(200))
    due_date: Mapped[date] = mapped_column(Date)
    closed_on: Mapped[Optional[date]] = mapped_column(Date)
    closing: Mapped[str] = mapped_column(String(200), default="")
