"""SQLAlchemy 2 typed models. Every change here needs an Alembic migration in migrations/versions."""
from __future__ import annotations

from datetime import date, datetime, time
from typing import Optional

from sqlalchemy import (
    JSON, CheckConstraint, Date, DateTime, Float, ForeignKey, String, Text, Time, UniqueConstraint, false,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from schooldesk.db.base import NAMING_CONVENTION, Base  # noqa: F401 - Base is the models' own


class School(Base):
    """The one school this database belongs to."""

    __tablename__ = "school"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    code: Mapped[str] = mapped_column(String(10))
    county: Mapped[str] = mapped_column(String(50), default="")
    township: Mapped[str] = mapped_column(String(50), default="")
    address: Mapped[str] = mapped_column(String(200), default="")
    principal: Mapped[str] = mapped_column(String(30), default="")
    phone: Mapped[str] = mapped_column(String(20), default="")


class Semester(Base):
    """One term of a school year with the dates the school set for it."""

    __tablename__ = "semester"
    __table_args__ = (
        UniqueConstraint("school_year", "term", name="year_term"),
        CheckConstraint("term IN (1, 2)", name="term"),
        CheckConstraint("end_date > start_date", name="dates"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    school_year: Mapped[int]
    term: Mapped[int]
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date] = mapped_column(Date)


class Teacher(Base):
    """A member of staff; deactivated rather than deleted so old records keep their names."""

    __tablename__ = "teacher"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(30))
    gender: Mapped[str] = mapped_column(String(2))
    subjects: Mapped[str] = mapped_column(String(100), default="")
    title: Mapped[str] = mapped_column(String(20), default="")
    phone: Mapped[str] = mapped_column(String(20), default="")
    active: Mapped[bool] = mapped_column(default=True)
    # An observer from outside (督学, 教研员): named like staff on observations, in no staff list or quota.
    outside: Mapped[bool] = mapped_column(default=False, server_default=false())
    organisation: Mapped[str] = mapped_column(String(60), default="", server_default="")  # 单位 and 职务


class SchoolClass(Base):
    """A class (班级) as it is in one school year; next year it is a new row one grade up."""

    __tablename__ = "school_class"
    __table_args__ = (
        UniqueConstraint("school_year", "grade", "number", name="year_grade_number"),
        CheckConstraint("grade BETWEEN 1 AND 9", name="grade"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    school_year: Mapped[int]
    grade: Mapped[int]
    number: Mapped[int]
    name: Mapped[str] = mapped_column(String(30))
    head_teacher_id: Mapped[Optional[int]] = mapped_column(
        ForeignKey("teacher.id", ondelete="SET NULL"), index=True
    )
    head_teacher: Mapped[Optional[Teacher]] = relationship()
    active: Mapped[bool] = mapped_column(default=True)


class User(Base):
    """Someone who may log in; the password is kept only as an argon2id hash."""

    __tablename__ = "app_user"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(50), unique=True)
    password_hash: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(20))
    teacher_id: Mapped[Optional[int]] = mapped_column(ForeignKey("teacher.id", ondelete="SET NULL"))
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    failed_logins: Mapped[int] = mapped_column(default=0, server_default="0")
    locked_until: Mapped[Optional[datetime]] = mapped_column(DateTime)


class Pupil(Base):
    """A pupil as the student-status system (学籍系统) records them; never deleted, only given a status."""

    __tablename__ = "pupil"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(30))
    name_keys: Mapped[str] = mapped_column(String(200), default="")  # pinyin initials and spelling
    gender: Mapped[str] = mapped_column(String(2))
    birth_date: Mapped[Optional[date]] = mapped_column(Date)
    ethnicity: Mapped[str] = mapped_column(String(20), default="")
    id_type: Mapped[str] = mapped_column(String(20), default="")
    id_number: Mapped[Optional[str]] = mapped_column(String(18), unique=True)
    student_number: Mapped[Optional[str]] = mapped_column(String(30), unique=True)
    status: Mapped[str] = mapped_column(String(10))
    status_date: Mapped[Optional[date]] = mapped_column(Date)  # when *status* takes (or took) effect
    household_registration: Mapped[str] = mapped_column(String(200), default="")
    address: Mapped[str] = mapped_column(String(200), default="")
    boarding: Mapped[str] = mapped_column(String(4), default="")
    distance_km: Mapped[Optional[float]] = mapped_column(Float)
    way_to_school: Mapped[str] = mapped_column(String(10), default="")

    guardians: Mapped[list[Guardian]] = relationship(
        back_populates="pupil", cascade="all, delete-orphan", order_by="Guardian.slot"
    )
    enrolments: Mapped[list[Enrolment]] = relationship(back_populates="pupil", cascade="all, delete-orphan")
    care_records: Mapped[list[CareRecord]] = relationship(cascade="all, delete-orphan")
    statuses: Mapped[list[PupilStatus]] = relationship(cascade="all, delete-orphan", order_by="PupilStatus.id")


class PupilStatus(Base):
    """A pupil's status from a day on (毕业 from 2026-07-10): what the pupil was on any day, so a report of a
    past month, or of this one while next year is prepared, counts the pupils as they were then.
    *from_date* None: since before anything was recorded."""

    __tablename__ = "pupil_status"

    id: Mapped[int] = mapped_column(primary_key=True)
    pupil_id: Mapped[int] = mapped_column(ForeignKey("pupil.id", ondelete="CASCADE"), index=True)
    status: Mapped[str] = mapped_column(String(10))
    from_date: Mapped[Optional[date]] = mapped_column(Date)


class Guardian(Base):
    """One of the two family members / guardians the student-status system keeps per pupil."""

    __tablename__ = "guardian"
    __table_args__ = (UniqueConstraint("pupil_id", "slot", name="pupil_slot"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    pupil_id: Mapped[int] = mapped_column(ForeignKey("pupil.id", ondelete="CASCADE"), index=True)
    slot: Mapped[int]
    name: Mapped[str] = mapped_column(String(30), default="")
    relation: Mapped[str] = mapped_column(String(10), default="")
    phone: Mapped[str] = mapped_column(String(20), default="")
    workplace: Mapped[str] = mapped_column(String(200), default="")
    pupil: Mapped[Pupil] = relationship(back_populates="guardians")


class Enrolment(Base):
    """Which class a pupil is in during one school year (pupils move up each September)."""

    __tablename__ = "enrolment"
    __table_args__ = (UniqueConstraint("pupil_id", "school_year", name="pupil_year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    pupil_id: Mapped[int] = mapped_column(ForeignKey("pupil.id", ondelete="CASCADE"), index=True)
    school_year: Mapped[int]
    class_id: Mapped[int] = mapped_column(ForeignKey("school_class.id", ondelete="RESTRICT"), index=True)
    pupil: Mapped[Pupil] = relationship(back_populates="enrolments")
    school_class: Mapped[SchoolClass] = relationship()


class CareRecord(Base):
    """A pupil's membership of one care category (留守儿童, 残疾儿童 …) for a period, with its details."""

    __tablename__ = "care_record"
    __table_args__ = (CheckConstraint("end_date IS NULL OR end_date >= start_date", name="dates"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    pupil_id: Mapped[int] = mapped_column(ForeignKey("pupil.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[Optional[date]] = mapped_column(Date)
    responsible_teacher_id: Mapped[Optional[int]] = mapped_column(
        ForeignKey("teacher.id", ondelete="SET NULL"), index=True
    )
    details: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    responsible_teacher: Mapped[Optional[Teacher]] = relationship()


class SupportRecord(Base):
    """帮扶记录: one thing a teacher did for a pupil."""

    __tablename__ = "support_record"

    id: Mapped[int] = mapped_column(primary_key=True)
    pupil_id: Mapped[int] = mapped_column(ForeignKey("pupil.id", ondelete="CASCADE"), index=True)
    date: Mapped[date] = mapped_column(Date)
    teacher_id: Mapped[Optional[int]] = mapped_column(ForeignKey("teacher.id", ondelete="SET NULL"), index=True)
    kind: Mapped[str] = mapped_column(String(10))
    content: Mapped[str] = mapped_column(Text)
    outcome: Mapped[str] = mapped_column(Text, default="")
    teacher: Mapped[Optional[Teacher]] = relationship()


class DropoutCase(Base):
    """A pupil who stopped coming, from the first day missed until the case is closed; kept on file."""

    __tablename__ = "dropout_case"
    __table_args__ = (CheckConstraint("closed_on IS NULL OR closed_on >= started_on", name="dates"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    pupil_id: Mapped[int] = mapped_column(ForeignKey("pupil.id", ondelete="CASCADE"), index=True)
    started_on: Mapped[date] = mapped_column(Date)
    stage: Mapped[str] = mapped_column(String(10), default="辍学", server_default="辍学")  # or 疑似辍学
    reason: Mapped[str] = mapped_column(String(20))
    reason_note: Mapped[str] = mapped_column(Text, default="")
    closed_on: Mapped[Optional[date]] = mapped_column(Date)
    outcome: Mapped[str] = mapped_column(String(10), default="")
    outcome_note: Mapped[str] = mapped_column(Text, default="")  # e.g. the school transferred to
    visits: Mapped[list[ReturnVisit]] = relationship(
        back_populates="case", cascade="all, delete-orphan", order_by="ReturnVisit.date"
    )


class ReturnVisit(Base):
    """劝返记录: one visit to persuade a pupil's family to send the child back."""

    __tablename__ = "return_visit"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("dropout_case.id", ondelete="CASCADE"), index=True)
    date: Mapped[date] = mapped_column(Date)
    visitors: Mapped[str] = mapped_column(String(200))
    met_with: Mapped[str] = mapped_column(String(100), default="")
    conversation: Mapped[str] = mapped_column(Text, default="")
    result: Mapped[str] = mapped_column(String(20), default="")
    activity_id: Mapped[Optional[int]] = mapped_column(  # recorded as a 家访 (活动记录), kept in step with it
        ForeignKey("activity.id", ondelete="CASCADE"), index=True
    )
    case: Mapped[DropoutCase] = relationship(back_populates="visits")


class SchoolSetting(Base):
    """A school rule kept as data (e.g. how often each care category needs a support record)."""

    __tablename__ = "school_setting"

    key: Mapped[str] = mapped_column(String(50), primary_key=True)
    value: Mapped[dict[str, int]] = mapped_column(JSON)


class Photo(Base):
    """A picture kept as evidence (佐证照片); the file lives in the data folder's photo store under its SHA-256."""

    __tablename__ = "photo"

    id: Mapped[int] = mapped_column(primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    file_name: Mapped[str] = mapped_column(String(80))  # inside the photo store
    original_name: Mapped[str] = mapped_column(String(200), default="")
    width: Mapped[int]
    height: Mapped[int]
    size: Mapped[int]
    added_at: Mapped[datetime] = mapped_column(DateTime)


class HomeTeachingPlan(Base):
    """送教上门 plan: one child, one semester — who visits, what for, when."""

    __tablename__ = "home_teaching_plan"
    __table_args__ = (
        UniqueConstraint("pupil_id", "school_year", "term", name="pupil_semester"),
        CheckConstraint("end_date >= start_date", name="dates"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    pupil_id: Mapped[int] = mapped_column(ForeignKey("pupil.id", ondelete="CASCADE"), index=True)
    school_year: Mapped[int]
    term: Mapped[int]
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date] = mapped_column(Date)
    goals: Mapped[list[str]] = mapped_column(JSON, default=list)  # CONTENT_KINDS the plan works on
    goal_notes: Mapped[str] = mapped_column(Text, default="")  # the individual plan in words (个别化教育计划)
    schedule: Mapped[str] = mapped_column(Text, default="")  # e.g. 每月第一、三周周三下午
    pupil: Mapped[Pupil] = relationship()
    teachers: Mapped[list[HomeTeachingPlanTeacher]] = relationship(
        cascade="all, delete-orphan", order_by="HomeTeachingPlanTeacher.position"
    )
    visits: Mapped[list[HomeTeachingVisit]] = relationship(
        back_populates="plan", cascade="all, delete-orphan", order_by="HomeTeachingVisit.date"
    )


class HomeTeachingPlanTeacher(Base):
    """A teacher assigned to a plan; the first is the one responsible."""

    __tablename__ = "home_teaching_plan_teacher"

    plan_id: Mapped[int] = mapped_column(ForeignKey("home_teaching_plan.id", ondelete="CASCADE"), primary_key=True)
    teacher_id: Mapped[int] = mapped_column(ForeignKey("teacher.id", ondelete="RESTRICT"), primary_key=True)
    position: Mapped[int] = mapped_column(default=0)
    teacher: Mapped[Teacher] = relationship()


class HomeTeachingVisit(Base):
    """送教上门记录: one visit to the child's home, printed and signed by the teachers and the guardian."""

    __tablename__ = "home_teaching_visit"
    __table_args__ = (CheckConstraint("end_time > start_time", name="times"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("home_teaching_plan.id", ondelete="CASCADE"), index=True)
    date: Mapped[date] = mapped_column(Date)
    start_time: Mapped[time] = mapped_column(Time)
    end_time: Mapped[time] = mapped_column(Time)
    content_kinds: Mapped[list[str]] = mapped_column(JSON, default=list)
    content: Mapped[str] = mapped_column(Text)
    performance: Mapped[str] = mapped_column(Text, default="")
    guardian_feedback: Mapped[str] = mapped_column(Text, default="")
    next_steps: Mapped[str] = mapped_column(Text, default="")
    plan: Mapped[HomeTeachingPlan] = relationship(back_populates="visits")
    teachers: Mapped[list[HomeTeachingVisitTeacher]] = relationship(
        cascade="all, delete-orphan", order_by="HomeTeachingVisitTeacher.position"
    )


class HomeTeachingVisitTeacher(Base):
    __tablename__ = "home_teaching_visit_teacher"

    visit_id: Mapped[int] = mapped_column(ForeignKey("home_teaching_visit.id", ondelete="CASCADE"), primary_key=True)
    teacher_id: Mapped[int] = mapped_column(ForeignKey("teacher.id", ondelete="RESTRICT"), primary_key=True)
    position: Mapped[int] = mapped_column(default=0)
    teacher: Mapped[Teacher] = relationship()


class PhotoLink(Base):
    """A photo kept as evidence for one record of any family (a 送教上门 visit, an activity …), with its
    caption. Records are named by kind and id, so every record family shares one photo service."""

    __tablename__ = "photo_link"
    __table_args__ = (UniqueConstraint("record_kind", "record_id", "photo_id", name="record_photo"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    record_kind: Mapped[str] = mapped_column(String(40))
    record_id: Mapped[int] = mapped_column(index=True)
    photo_id: Mapped[int] = mapped_column(ForeignKey("photo.id", ondelete="RESTRICT"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    caption: Mapped[str] = mapped_column(String(100), default="")
    photo: Mapped[Photo] = relationship()


class AuditEntry(Base):
    """Who changed which record when, field by field (ID numbers masked). Written by db/audit.py on every
    flush; SQLite triggers refuse any UPDATE or DELETE of it, so the app cannot edit its own trail."""

    __tablename__ = "audit_entry"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime, index=True)
    username: Mapped[str] = mapped_column(String(50), index=True)
    action: Mapped[str] = mapped_column(String(10))  # create / update / delete
    table_name: Mapped[str] = mapped_column(String(50), index=True)
    record_id: Mapped[str] = mapped_column(String(50))
    label: Mapped[str] = mapped_column(String(100), default="")  # e.g. the pupil's or teacher's name
    changes: Mapped[dict[str, list[object]]] = mapped_column(JSON, default=dict)  # field: [old, new]
    chain: Mapped[str] = mapped_column(String(64), default="", server_default="")  # SHA-256 of previous + this


class AuditHead(Base):
    """The newest audit entry's id and chain, kept apart: an emptied or shortened trail no longer ends there."""

    __tablename__ = "audit_head"

    id: Mapped[int] = mapped_column(primary_key=True)
    last_id: Mapped[int] = mapped_column(default=0)
    chain: Mapped[str] = mapped_column(String(64), default="")


# The record families' own tables live in modules of their own; importing them here puts every table in
# Base.metadata (Alembic and the audit trail walk it) and keeps ``from schooldesk.db.models import …`` working.
from schooldesk.db.observation_models import (  # noqa: E402
    Observation, ObservationCheck, ObservationScore, Rubric, RubricVersion, TeacherDuty,
)
from schooldesk.db.mentorship_models import GuidanceRecord, MentorshipAssessment, MentorshipPair  # noqa: E402
from schooldesk.db.activity_models import Activity, ActivityKind, ActivityPupil, ActivityTeacher  # noqa: E402
from schooldesk.db.catchment_models import CatchmentChild, CatchmentFinding  # noqa: E402
from schooldesk.db.teacher_file_models import (  # noqa: E402
    SchoolVisit, TeacherEthics, TeacherExchange, TeacherHonour, TeacherTraining, VisitAction,
)

__all__ = [
    "Activity", "ActivityKind", "ActivityPupil", "ActivityTeacher", "AuditEntry", "AuditHead", "Base", "CareRecord", "CatchmentChild", "CatchmentFinding", "DropoutCase", "Enrolment", "Guardian", "GuidanceRecord",
    "HomeTeachingPlan", "HomeTeachingPlanTeacher", "HomeTeachingVisit", "HomeTeachingVisitTeacher",
    "MentorshipAssessment", "MentorshipPair", "Observation", "ObservationCheck", "ObservationScore", "Photo",
    "PhotoLink", "Pupil", "ReturnVisit", "Rubric", "RubricVersion", "School", "SchoolClass", "SchoolSetting",
    "SchoolVisit", "Semester", "SupportRecord", "Teacher", "TeacherDuty", "TeacherEthics", "TeacherExchange",
    "TeacherHonour", "TeacherTraining", "User", "VisitAction",
]
