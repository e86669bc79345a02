"""Tables of activity records (活动记录): kinds kept as data, activities, who took part."""
from __future__ import annotations

from datetime import date, time
from typing import TYPE_CHECKING, Optional

from sqlalchemy import JSON, Date, ForeignKey, String, Text, Time
from sqlalchemy.orm import Mapped, mapped_column, relationship

from schooldesk.db.base import Base

if TYPE_CHECKING:
    from schooldesk.db.models import Pupil, Teacher


class ActivityKind(Base):
    """A kind of activity (家访, 主题班会 …): its extra fields and what it is also evidence of, as data."""

    __tablename__ = "activity_kind"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(30), unique=True)
    name: Mapped[str] = mapped_column(String(20))
    position: Mapped[int] = mapped_column(default=0)
    hidden: Mapped[bool] = mapped_column(default=False)
    definition: Mapped[dict[str, object]] = mapped_column(JSON)


class Activity(Base):
    """活动记录: one activity with the common fields, its kind's values, who took part, photos as evidence."""

    __tablename__ = "activity"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind_id: Mapped[int] = mapped_column(ForeignKey("activity_kind.id", ondelete="RESTRICT"), index=True)
    title: Mapped[str] = mapped_column(String(100))
    date: Mapped[date] = mapped_column(Date, index=True)
    start_time: Mapped[Optional[time]] = mapped_column(Time)
    end_time: Mapped[Optional[time]] = mapped_column(Time)
    place: Mapped[str] = mapped_column(String(100), default="")
    organiser_id: Mapped[Optional[int]] = mapped_column(ForeignKey("teacher.id", ondelete="RESTRICT"), index=True)
    outside_people: Mapped[str] = mapped_column(String(200), default="")  # 村干部、网格员 … as written
    content: Mapped[str] = mapped_column(Text, default="")
    outcome: Mapped[str] = mapped_column(Text, default="")
    values: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    kind: Mapped[ActivityKind] = relationship()
    organiser: Mapped[Optional[Teacher]] = relationship()
    teachers: Mapped[list[ActivityTeacher]] = relationship(cascade="all, delete-orphan", order_by="ActivityTeacher.position")
    pupils: Mapped[list[ActivityPupil]] = relationship(cascade="all, delete-orphan")


class ActivityTeacher(Base):
    __tablename__ = "activity_teacher"

    activity_id: Mapped[int] = mapped_column(ForeignKey("activity.id", ondelete="CASCADE"), primary_key=True)
    teacher_id: Mapped[int] = mapped_column(ForeignKey("teacher.id", ondelete="RESTRICT"), primary_key=True)
    position: Mapped[int] = mapped_column(default=0)
    teacher: Mapped[Teacher] = relationship()


class ActivityPupil(Base):
    __tablename__ = "activity_pupil"

    activity_id: Mapped[int] = mapped_column(ForeignKey("activity.id", ondelete="CASCADE"), primary_key=True)
    pupil_id: Mapped[int] = mapped_column(ForeignKey("pupil.id", ondelete="CASCADE"), primary_key=True, index=True)
    pupil: Mapped[Pupil] = relationship()
