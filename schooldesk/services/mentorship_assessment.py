"""The year-end assessment (考核) of a pair: a scored form kept as data (like the observation rubrics), its
measured items pre-filled from the year's counts, saved with the form as it was then."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from schooldesk.db.database import Database
from schooldesk.db.models import MentorshipAssessment, SchoolSetting, Semester
from schooldesk.domain.mentorship import ASSESSMENT_FORM, PER_YEAR, prefilled_scores, progress, school_year_bounds
from schooldesk.domain.pupils import validate_long_text
from schooldesk.domain.rubrics import RubricDefinition, Scored, rubric_from_json, rubric_json, score, validate_rubric
from schooldesk.services.access import require_admin, require_record_keeper
from schooldesk.services.mentorship import load_pair, pair_evidence, pair_row
from schooldesk.services.mentorship_targets import read_target_versions
from schooldesk.services.school_rules import write_setting

FORM_KEY = "mentorship_assessment_form"


def assessment_form(db: Database) -> RubricDefinition:
    """The school's assessment form (the shipped one until the school edits it)."""
    with db.transaction() as session:
        setting = session.get(SchoolSetting, FORM_KEY)
        return rubric_from_json(setting.value["name"], setting.value) if setting else ASSESSMENT_FORM


def set_assessment_form(db: Database, form: RubricDefinition) -> RubricDefinition:
    """Assessments already made keep the form they were scored on."""
    require_admin(db)
    form = validate_rubric(form)
    with db.transaction() as session:
        write_setting(session, FORM_KEY, {"name": form.name, **rubric_json(form)})
    return form


@dataclass(frozen=True, kw_only=True)
class AssessmentInput:
    date: date
    scores: tuple[str, ...]
    comments: str = ""


@dataclass(frozen=True, kw_only=True)
class Assessment:
    pair_id: int
    date: date
    form: RubricDefinition
    scores: tuple[str, ...]
    scored: Scored | None
    comments: str
    saved: bool  # False: a draft with the measured items pre-filled
    counts: tuple[tuple[str, int, int], ...] = ()  # (target, done, required) over the school year

    @property
    def result(self) -> str:
        return self.scored.grade if self.scored else ""


def year_counts(db: Database, pair_id: int, today: date) -> dict[str, tuple[int, int]]:
    """Target → (done, required) over the pair's school year: each term's part added, a yearly one once."""
    with db.transaction() as session:
        pair = load_pair(session, pair_id)
        row, evidence, versions = pair_row(pair), pair_evidence(session, pair), read_target_versions(session)
        terms = session.scalars(select(Semester).where(Semester.school_year == pair.school_year)
                                .order_by(Semester.term)).all()
        year = school_year_bounds(pair.school_year)
        totals: dict[str, tuple[int, int]] = {}
        for term in terms:
            for target in progress(pair=row.period, semester=(term.start_date, term.end_date), year=year,
                                   evidence=evidence, versions=versions, today=today):
                done, required = totals.get(target.name, (0, 0))
                if target.per == PER_YEAR:
                    totals[target.name] = (target.done, target.required)
                else:
                    totals[target.name] = (done + target.done, required + target.required)
    return totals


def get_assessment(db: Database, pair_id: int, today: date) -> Assessment:
    """The saved assessment, or a draft on today's form with the measured items filled from the counts."""
    counts = year_counts(db, pair_id, today)
    listed = tuple((name, done, required) for name, (done, required) in counts.items())
    with db.transaction() as session:
        saved = session.scalars(select(MentorshipAssessment).where(MentorshipAssessment.pair_id == pair_id)).first()
        if saved is not None:
            form = rubric_from_json(str(saved.definition.get("name", "")), saved.definition)
            values = tuple(saved.scores)
            return Assessment(pair_id=pair_id, date=saved.date, form=form, scores=values,
                              scored=score(form, [v or None for v in values]), comments=saved.comments, saved=True,
                              counts=listed)
    form = assessment_form(db)
    values = prefilled_scores(form, counts)
    scored = score(form, values) if all(values) else None
    return Assessment(pair_id=pair_id, date=today, form=form, scores=values, scored=scored, comments="", saved=False,
                      counts=listed)


def save_assessment(db: Database, pair_id: int, data: AssessmentInput, *, today: date | None = None) -> Assessment:
    """Every item scored, on the form the draft showed (or the one saved before); the office and administrators."""
    require_record_keeper(db)
    current = get_assessment(db, pair_id, today or date.today())
    scored = score(current.form, [v.strip() or None for v in data.scores])
    if scored is None:
        from schooldesk.domain.errors import ValidationError
        from schooldesk.domain.i18n import QT_TRANSLATE_NOOP

        raise ValidationError("score_0", QT_TRANSLATE_NOOP("Errors", "Score “%1” too, or leave every item blank."),
                              current.form.items[0].name)
    with db.transaction() as session:
        load_pair(session, pair_id)
        row = session.scalars(select(MentorshipAssessment).where(MentorshipAssessment.pair_id == pair_id)).first()
        if row is None:
            row = MentorshipAssessment(pair_id=pair_id, definition={"name": current.form.name, **rubric_json(current.form)})
            session.add(row)
        row.date, row.scores = data.date, [i.value for i in scored.items]
        row.comments = validate_long_text(data.comments, "comments", 2000)
    return get_assessment(db, pair_id, today or date.today())
