"""Tables of teacher pairing (师徒结对): pairs per school year, guidance records, the year-end assessment."""
from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Optional

from sqlalchemy import JSON, CheckConstraint, Date, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from schooldesk.db.base import Base

if TYPE_CHECKING:
    from schooldesk.db.models import Teacher


class MentorshipPair(Base):
    """师徒结对: a mentor and an apprentice for one school year, their plan and where the pairing stands."""

    __tablename__ = "mentorship_pair"
    __table_args__ = (CheckConstraint("mentor_id <> apprentice_id", name="two_people"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    school_year: Mapped[int] = mapped_column(index=True)
    mentor_id: Mapped[int] = mapped_column(ForeignKey("teacher.id", ondelete="RESTRICT"), index=True)
    apprentice_id: Mapped[int] = mapped_column(ForeignKey("teacher.id", ondelete="RESTRICT"), index=True)
    subject: Mapped[str] = mapped_column(String(20))
    pairing_type: Mapped[str] = mapped_column(String(10))
    goals: Mapped[str] = mapped_column(Text, default="")
    content: Mapped[str] = mapped_column(Text, default="")
    measures: Mapped[str] = mapped_column(Text, default="")
    agreement_date: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(10))
    status_date: Mapped[Optional[date]] = mapped_column(Date)
    status_reason: Mapped[str] = mapped_column(String(200), default="")
    carried_from_id: Mapped[Optional[int]] = mapped_column(ForeignKey("mentorship_pair.id", ondelete="SET NULL"))
    mentor: Mapped[Teacher] = relationship(foreign_keys=[mentor_id])
    apprentice: Mapped[Teacher] = relationship(foreign_keys=[apprentice_id])
    records: Mapped[list[GuidanceRecord]] = relationship(
        back_populates="pair", cascade="all, delete-orphan", order_by="GuidanceRecord.date"
    )


class GuidanceRecord(Base):
    """指导记录: one thing the pair did together (a lesson observed, a plan reviewed, a talk …)."""

    __tablename__ = "guidance_record"

    id: Mapped[int] = mapped_column(primary_key=True)
    pair_id: Mapped[int] = mapped_column(ForeignKey("mentorship_pair.id", ondelete="CASCADE"), index=True)
    date: Mapped[date] = mapped_column(Date)
    kind: Mapped[str] = mapped_column(String(20))
    topic: Mapped[str] = mapped_column(String(100))
    content: Mapped[str] = mapped_column(Text, default="")
    advice: Mapped[str] = mapped_column(Text, default="")
    reflection: Mapped[str] = mapped_column(Text, default="")
    pair: Mapped[MentorshipPair] = relationship(back_populates="records")


class MentorshipAssessment(Base):
    """考核: the pair's year-end assessment, scored on the form as it was then (kept with it)."""

    __tablename__ = "mentorship_assessment"

    id: Mapped[int] = mapped_column(primary_key=True)
    pair_id: Mapped[int] = mapped_column(ForeignKey("mentorship_pair.id", ondelete="CASCADE"), unique=True)
    date: Mapped[date] = mapped_column(Date)
    definition: Mapped[dict[str, object]] = mapped_column(JSON)
    scores: Mapped[list[str]] = mapped_column(JSON, default=list)
    comments: Mapped[str] = mapped_column(Text, default="")
