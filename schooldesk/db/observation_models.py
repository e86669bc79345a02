"""Tables of lesson observation (听课评课): teachers' 职务, rubrics and their versions, observations."""
from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Optional

from sqlalchemy import JSON, CheckConstraint, Date, DateTime, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from schooldesk.db.base import Base

if TYPE_CHECKING:
    from schooldesk.db.models import SchoolClass, Teacher


class TeacherDuty(Base):
    """A 职务 a teacher holds (校长, 教研组长 …) from a date, until a date; it sets their observation quota."""

    __tablename__ = "teacher_duty"
    __table_args__ = (CheckConstraint("end_date IS NULL OR end_date >= start_date", name="dates"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    teacher_id: Mapped[int] = mapped_column(ForeignKey("teacher.id", ondelete="CASCADE"), index=True)
    duty: Mapped[str] = mapped_column(String(10))
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[Optional[date]] = mapped_column(Date)


class Rubric(Base):
    """An observation rubric (听课评价表) of the school; what it says lives in its versions."""

    __tablename__ = "rubric"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(30))
    active: Mapped[bool] = mapped_column(default=True)
    versions: Mapped[list[RubricVersion]] = relationship(
        back_populates="rubric", cascade="all, delete-orphan", order_by="RubricVersion.number"
    )


class RubricVersion(Base):
    """One version of a rubric: items, weights, bands, labels (domain/rubrics.py). A version that scored an
    observation is never changed again; editing the rubric then makes the next version."""

    __tablename__ = "rubric_version"
    __table_args__ = (UniqueConstraint("rubric_id", "number", name="rubric_number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    rubric_id: Mapped[int] = mapped_column(ForeignKey("rubric.id", ondelete="CASCADE"), index=True)
    number: Mapped[int]
    definition: Mapped[dict[str, object]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    rubric: Mapped[Rubric] = relationship(back_populates="versions")


class Observation(Base):
    """听课记录: one observer's record of one lesson, with its scores and what was looked at beside it."""

    __tablename__ = "observation"

    id: Mapped[int] = mapped_column(primary_key=True)
    observer_id: Mapped[int] = mapped_column(ForeignKey("teacher.id", ondelete="RESTRICT"), index=True)
    taught_teacher_id: Mapped[int] = mapped_column(ForeignKey("teacher.id", ondelete="RESTRICT"), index=True)
    class_id: Mapped[Optional[int]] = mapped_column(ForeignKey("school_class.id", ondelete="SET NULL"), index=True)
    subject: Mapped[str] = mapped_column(String(20))
    topic: Mapped[str] = mapped_column(String(100))
    lesson_type: Mapped[str] = mapped_column(String(10))
    kind: Mapped[str] = mapped_column(String(10))
    date: Mapped[date] = mapped_column(Date, index=True)
    period: Mapped[int]
    process_record: Mapped[str] = mapped_column(Text, default="")
    rubric_version_id: Mapped[Optional[int]] = mapped_column(
        ForeignKey("rubric_version.id", ondelete="RESTRICT"), index=True
    )
    highlights: Mapped[str] = mapped_column(Text, default="")
    suggestions: Mapped[str] = mapped_column(Text, default="")
    observer: Mapped[Teacher] = relationship(foreign_keys=[observer_id])
    taught_teacher: Mapped[Teacher] = relationship(foreign_keys=[taught_teacher_id])
    school_class: Mapped[Optional[SchoolClass]] = relationship()
    rubric_version: Mapped[Optional[RubricVersion]] = relationship()
    scores: Mapped[list[ObservationScore]] = relationship(
        cascade="all, delete-orphan", order_by="ObservationScore.position"
    )
    checks: Mapped[list[ObservationCheck]] = relationship(
        cascade="all, delete-orphan", order_by="ObservationCheck.position"
    )


class ObservationScore(Base):
    """What one rubric item was given, as entered (points such as 22.5, or a rating such as 良)."""

    __tablename__ = "observation_score"

    observation_id: Mapped[int] = mapped_column(ForeignKey("observation.id", ondelete="CASCADE"), primary_key=True)
    position: Mapped[int] = mapped_column(primary_key=True)
    value: Mapped[str] = mapped_column(String(10))


class ObservationCheck(Base):
    """一听二看三查阅: one thing looked at beside the lesson (教案, 作业批改, 听课记录 …), rated, with a comment."""

    __tablename__ = "observation_check"

    observation_id: Mapped[int] = mapped_column(ForeignKey("observation.id", ondelete="CASCADE"), primary_key=True)
    item: Mapped[str] = mapped_column(String(20), primary_key=True)
    position: Mapped[int] = mapped_column(default=0)
    rating: Mapped[str] = mapped_column(String(4))
    comment: Mapped[str] = mapped_column(String(200), default="")
