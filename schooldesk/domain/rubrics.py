"""Observation rubrics (听课评价表) as data: items with weights, grade bands, rating labels, and scoring.

Real forms differ from school to school (weights 10/15/25/30/20 or 40/25/15/20, bands 90/80/60 or per
item, items rated 优/良/中/差), so nothing about scoring is a constant: a rubric is a definition the school
edits, and an observation is scored with the version it was scored with for good.
"""
from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from schooldesk.domain.errors import ValidationError
from schooldesk.domain.i18n import QT_TRANSLATE_NOOP

POINTS, RATINGS = "points", "ratings"  # an item scored in points, or rated with a label worth points
MODES = {POINTS: "打分制", RATINGS: "等级制"}
LABEL_SETS: dict[str, tuple[tuple[str, int], ...]] = {
    "优良中差": (("优", 5), ("良", 4), ("中", 3), ("差", 2)),
    "优秀良好合格不合格": (("优秀", 5), ("良好", 4), ("合格", 3), ("不合格", 2)),
}
MAX_ITEMS, MAX_WEIGHT, MAX_NAME = 20, 100, 30
_BAND = re.compile(r"^\s*([^\s≥>=\d]+)\s*(?:≥|>=|>|=)?\s*(\d+(?:\.\d+)?)\s*$")


def round1(value: float) -> float:
    """Half up to one decimal, as a form adds up (22.25 → 22.3), never banker's rounding."""
    return float(Decimal(str(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


@dataclass(frozen=True, kw_only=True)
class Band:
    label: str
    at_least: float


@dataclass(frozen=True, kw_only=True)
class Bands:
    """Grades by score: the first band whose threshold is reached, else *otherwise*."""

    steps: tuple[Band, ...]
    otherwise: str

    def grade(self, score: float) -> str:
        for band in sorted(self.steps, key=lambda b: -b.at_least):
            if score >= band.at_least:
                return band.label
        return self.otherwise

    @property
    def text(self) -> str:
        """优 90，良 80，合格 60，不合格 — how the settings show and read them."""
        steps = [f"{b.label} {b.at_least:g}" for b in sorted(self.steps, key=lambda b: -b.at_least)]
        return "，".join([*steps, self.otherwise])

    @property
    def labels(self) -> tuple[str, ...]:
        return (*(b.label for b in sorted(self.steps, key=lambda b: -b.at_least)), self.otherwise)


def parse_bands(text: str, field_name: str = "bands") -> Bands:
    """Read ``优 90，良 80，合格 60，不合格`` (or with ≥): thresholds falling, the last part without one."""
    parts = [p.strip() for p in re.split(r"[，,；;、]", text) if p.strip()]
    if len(parts) < 2:
        raise ValidationError(field_name, QT_TRANSLATE_NOOP(
            "Errors", "Write the grades like “优 90，良 80，合格 60，不合格”: each grade with its lowest score, the last without."))
    steps = []
    for part in parts[:-1]:
        match = _BAND.match(part)
        if match is None:
            raise ValidationError(field_name, QT_TRANSLATE_NOOP("Errors", "“%1” needs a grade and its lowest score, e.g. 良 80."), part)
        steps.append(Band(label=match[1], at_least=float(match[2])))
    otherwise = parts[-1]
    if _BAND.match(otherwise) or not otherwise:
        raise ValidationError(field_name, QT_TRANSLATE_NOOP(
            "Errors", "The last grade is for every lower score and takes no number (e.g. 不合格)."))
    thresholds = [b.at_least for b in steps]
    if thresholds != sorted(thresholds, reverse=True) or len(set(thresholds)) != len(thresholds):
        raise ValidationError(field_name, QT_TRANSLATE_NOOP("Errors", "Give the grades from the highest score down."))
    labels = [b.label for b in steps] + [otherwise]
    if len(set(labels)) != len(labels):
        raise ValidationError(field_name, QT_TRANSLATE_NOOP("Errors", "Each grade may appear only once."))
    return Bands(steps=tuple(steps), otherwise=otherwise)


@dataclass(frozen=True, kw_only=True)
class RubricItem:
    """One line of the form: its name, its weight (the most it scores) and, optionally, its own grades."""

    name: str
    weight: float
    bands: Bands | None = None


@dataclass(frozen=True, kw_only=True)
class RubricDefinition:
    """What a version of a rubric says; observations keep the version they were scored with."""

    name: str
    mode: str
    items: tuple[RubricItem, ...]
    bands: Bands
    labels: tuple[tuple[str, int], ...] = ()  # RATINGS: the label set, best first, with the points each is worth

    @property
    def maximum(self) -> float:
        return round1(sum(item.weight for item in self.items))

    @property
    def rating_labels(self) -> tuple[str, ...]:
        return tuple(label for label, _ in self.labels)

    def item_points(self, index: int, value: float | str) -> float:
        """What *value* (points, or a rating label) scores on item *index*; out of range is refused at the
        item's field (``score_<index>``)."""
        item = self.items[index]
        name = f"score_{index}"
        if self.mode == RATINGS:
            worth = dict(self.labels)
            if value not in worth:
                raise ValidationError(name, QT_TRANSLATE_NOOP("Errors", "Rate “%1” with one of %2."), item.name,
                                      "、".join(self.rating_labels))
            return round1(item.weight * worth[str(value)] / max(worth.values()))
        try:
            points = float(value)
        except (TypeError, ValueError):
            raise ValidationError(name, QT_TRANSLATE_NOOP("Errors", "“%1” is not a number."), value) from None
        if not 0 <= points <= item.weight:
            raise ValidationError(name, QT_TRANSLATE_NOOP("Errors", "“%1” scores from 0 to %2."), item.name,
                                  f"{item.weight:g}")
        if round1(points) != points:
            raise ValidationError(name, QT_TRANSLATE_NOOP("Errors", "Give the score to at most one decimal."))
        return points


@dataclass(frozen=True, kw_only=True)
class ItemScore:
    name: str
    weight: float
    value: str  # as entered: "22.5" or "良"
    points: float
    grade: str = ""  # the item's own grade, when the rubric sets bands for it (or the rating itself)


@dataclass(frozen=True, kw_only=True)
class Scored:
    total: float
    maximum: float
    grade: str
    items: tuple[ItemScore, ...] = field(default=())


def score(rubric: RubricDefinition, values: Sequence[float | str | None]) -> Scored | None:
    """Total and grade of one observation: every item scored, or none (an observation kept without scores)."""
    if len(values) != len(rubric.items):
        raise ValidationError("score_0", QT_TRANSLATE_NOOP("Errors", "The scores do not match the rubric's items."))
    blank = [v is None or v == "" for v in values]
    if all(blank):
        return None
    if any(blank):
        missing = blank.index(True)
        raise ValidationError(f"score_{missing}", QT_TRANSLATE_NOOP(
            "Errors", "Score “%1” too, or leave every item blank."), rubric.items[missing].name)
    items = []
    for index, (item, value) in enumerate(zip(rubric.items, values)):
        points = rubric.item_points(index, value)  # type: ignore[arg-type]
        grade = item.bands.grade(points) if item.bands else (str(value) if rubric.mode == RATINGS else "")
        entered = _entered(points if rubric.mode == POINTS else value)
        items.append(ItemScore(name=item.name, weight=item.weight, value=entered, points=points, grade=grade))
    total = round1(sum(i.points for i in items))
    return Scored(total=total, maximum=rubric.maximum, grade=rubric.bands.grade(total), items=tuple(items))


def _entered(value: float | str | None) -> str:
    return f"{value:g}" if isinstance(value, (int, float)) else str(value)


def validate_rubric(rubric: RubricDefinition) -> RubricDefinition:
    """A definition the school may save: named, 1–20 distinct items with weights, bands within the maximum."""
    name = rubric.name.strip()
    if not name or len(name) > MAX_NAME:
        raise ValidationError("name", QT_TRANSLATE_NOOP("Errors", "Give the rubric a name of at most %1 characters."), MAX_NAME)
    if rubric.mode not in MODES:
        raise ValidationError("mode", QT_TRANSLATE_NOOP("Errors", "Choose how items are scored from the list."))
    if not 1 <= len(rubric.items) <= MAX_ITEMS:
        raise ValidationError("items", QT_TRANSLATE_NOOP("Errors", "A rubric has from 1 to %1 items."), MAX_ITEMS)
    names = [item.name.strip() for item in rubric.items]
    if any(not n or len(n) > MAX_NAME for n in names):
        raise ValidationError("items", QT_TRANSLATE_NOOP("Errors", "Every item needs a name of at most %1 characters."), MAX_NAME)
    if len(set(names)) != len(names):
        raise ValidationError("items", QT_TRANSLATE_NOOP("Errors", "Two items are both called “%1”."),
                              next(n for n in names if names.count(n) > 1))
    for item in rubric.items:
        if not 0 < item.weight <= MAX_WEIGHT or round1(item.weight) != item.weight:
            raise ValidationError("items", QT_TRANSLATE_NOOP("Errors", "The weight of “%1” must be from 1 to %2."),
                                  item.name, MAX_WEIGHT)
        if item.bands and max(b.at_least for b in item.bands.steps) > item.weight:
            raise ValidationError("items", QT_TRANSLATE_NOOP("Errors", "A grade of “%1” asks for more than its %2 points."),
                                  item.name, f"{item.weight:g}")
    if rubric.mode == RATINGS and rubric.labels not in LABEL_SETS.values():
        raise ValidationError("labels", QT_TRANSLATE_NOOP("Errors", "Choose the rating labels from the list."))
    maximum = round1(sum(item.weight for item in rubric.items))
    if max(b.at_least for b in rubric.bands.steps) > maximum:
        raise ValidationError("bands", QT_TRANSLATE_NOOP("Errors", "A grade asks for more than the rubric's %1 points."),
                              f"{maximum:g}")
    return RubricDefinition(name=name, mode=rubric.mode, labels=rubric.labels if rubric.mode == RATINGS else (),
                            bands=rubric.bands, items=tuple(
                                RubricItem(name=n, weight=i.weight, bands=i.bands) for n, i in zip(names, rubric.items)))


# ---- stored as JSON in a rubric version ------------------------------------------------------------------

def _bands_json(bands: Bands) -> dict[str, Any]:
    return {"steps": [[b.label, b.at_least] for b in bands.steps], "otherwise": bands.otherwise}


def _bands_from(value: Mapping[str, Any]) -> Bands:
    return Bands(steps=tuple(Band(label=l, at_least=float(a)) for l, a in value["steps"]), otherwise=value["otherwise"])


def rubric_json(rubric: RubricDefinition) -> dict[str, Any]:
    return {
        "mode": rubric.mode, "labels": [list(pair) for pair in rubric.labels], "bands": _bands_json(rubric.bands),
        "items": [{"name": i.name, "weight": i.weight, **({"bands": _bands_json(i.bands)} if i.bands else {})}
                  for i in rubric.items],
    }


def rubric_from_json(name: str, value: Mapping[str, Any]) -> RubricDefinition:
    return RubricDefinition(
        name=name, mode=value["mode"], labels=tuple((l, int(p)) for l, p in value.get("labels", ())),
        bands=_bands_from(value["bands"]),
        items=tuple(RubricItem(name=i["name"], weight=float(i["weight"]),
                               bands=_bands_from(i["bands"]) if i.get("bands") else None) for i in value["items"]),
    )


# ---- the two that ship -----------------------------------------------------------------------------------

HUNDRED_POINT = RubricDefinition(
    name="课堂教学评价表（百分制）", mode=POINTS,
    items=tuple(RubricItem(name=n, weight=w) for n, w in (
        ("教学目标", 10), ("教学内容", 15), ("教学过程", 25), ("教学方法与策略", 30), ("教师素质", 20))),
    bands=Bands(steps=(Band(label="优", at_least=90), Band(label="良", at_least=80), Band(label="合格", at_least=60)),
                otherwise="不合格"),
)
ITEM_RATING = RubricDefinition(
    name="课堂教学评价表（等级制）", mode=RATINGS, labels=LABEL_SETS["优良中差"],
    items=tuple(RubricItem(name=n, weight=5) for n in (
        "教学目标明确", "教学内容准确", "教学过程清晰", "教学方法得当", "学生参与积极", "教学效果良好")),
    bands=Bands(steps=(Band(label="优", at_least=27), Band(label="良", at_least=23), Band(label="中", at_least=18)),
                otherwise="差"),
)
SHIPPED = (HUNDRED_POINT, ITEM_RATING)
