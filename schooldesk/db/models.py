"""SQLAlchemy 2 typed models. Every change here needs an Alembic migration in migrations/versions."""
from __future__ import annotations

from datetime import date, datetime
from typing import Optional

from sqlalchemy import CheckConstraint, Date, DateTime, ForeignKey, MetaData, String, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


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
