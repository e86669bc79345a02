"""Activity records (活动记录): kinds as data, each with its own fields beside the common ones, and the
home-visit targets. Kinds and fields belong to the school: it adds them and hides unused ones; a record
keeps every value it was given even when its kind's fields change later."""
from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from schooldesk.domain.care import DROPOUT_REASONS
from schooldesk.domain.errors import ValidationError
from schooldesk.domain.i18n import QT_TRANSLATE_NOOP
from schooldesk.domain.people import strip_invisible
from schooldesk.domain.pupils import RELATIONS
from schooldesk.domain.versions import in_force

TEXT, CHOICE, NUMBER, DATE, YESNO = "text", "choice", "number", "date", "yesno"
FIELD_TYPES = {TEXT: "文字", CHOICE: "选项", NUMBER: "数字", DATE: "日期", YESNO: "是/否"}
YES, NO = "是", "否"
HOME_VISIT = "home_visit"  # the code of 家访, which counts as contact and may be a 劝返 visit
HOME_VISIT_RESULTS = ("已返校", "承诺返校", "继续劝返", "上报")
MAX_FIELDS, MAX_VALUE = 20, 500
_KEY = re.compile(r"^[a-z][a-z0-9_]{0,29}$")


@dataclass(frozen=True, kw_only=True)
class FieldSpec:
    """One extra field of a kind: its key (kept in the record), label, type and, for a choice, the options."""

    key: str
    label: str
    type: str = TEXT
    choices: tuple[str, ...] = ()
    hidden: bool = False


@dataclass(frozen=True, kw_only=True)
class KindSpec:
    """What a kind of activity records beside the common fields, and what it is also evidence of."""

    code: str
    name: str
    fields: tuple[FieldSpec, ...] = ()
    pupils: bool = False  # pupils take part (家访, 班会)
    counts_as_contact: bool = False  # a record with a pupil counts as support contact
    return_visit: bool = False  # may be saved as a dropout case's 劝返 visit
    signatures: tuple[str, ...] = ("记录人：",)
    hidden: bool = False

    @property
    def shown_fields(self) -> tuple[FieldSpec, ...]:
        return tuple(f for f in self.fields if not f.hidden)


def _f(key: str, label: str, kind: str = TEXT, choices: Sequence[str] = ()) -> FieldSpec:
    return FieldSpec(key=key, label=label, type=kind, choices=tuple(choices))


DEFAULT_KINDS = (
    KindSpec(code=HOME_VISIT, name="家访", pupils=True, counts_as_contact=True, return_visit=True,
             signatures=("家访教师签名：", "家长（监护人）签名："), fields=(
        _f("way", "家访方式", CHOICE, ("入户", "电话", "视频")), _f("met_with", "见到的人"),
        _f("relation", "与学生关系", CHOICE, RELATIONS), _f("child_seen", "是否见到学生", YESNO),
        _f("reason", "家访原因", CHOICE, ("关爱走访", "学习情况", *DROPOUT_REASONS)), _f("attitude", "家长态度"),
        _f("law_explained", "是否宣讲义务教育法", YESNO), _f("result", "家访结果", CHOICE, HOME_VISIT_RESULTS),
        _f("promised_date", "承诺返校日期", DATE), _f("next_visit", "下次家访日期", DATE))),
    KindSpec(code="class_meeting", name="主题班会", pupils=True, fields=(
        _f("class_name", "班级"), _f("theme", "班会主题"), _f("host", "主持人"), _f("present", "参加人数", NUMBER))),
    KindSpec(code="teaching_research", name="教研活动", signatures=("记录人：", "审核："), fields=(
        _f("group", "教研组"), _f("theme", "研讨主题"), _f("speaker", "主讲人"), _f("signed_in", "签到人数", NUMBER),
        _f("summary", "活动小结"))),
    KindSpec(code="parent_meeting", name="家长会", fields=(
        _f("class_name", "班级或年级"), _f("parents_present", "到会家长人数", NUMBER))),
    KindSpec(code="partner_school", name="结对帮扶", fields=(_f("partner", "结对学校"),)),
    KindSpec(code="village_teaching", name="送教下乡", fields=(_f("school_visited", "送教学校"),)),
    KindSpec(code="safety", name="安全教育"),
    KindSpec(code="mental_health", name="心理健康教育"),
    KindSpec(code="club", name="社团活动"),
    KindSpec(code="other", name="其他"),
)


def validate_field(spec: FieldSpec, existing: Sequence[FieldSpec] = ()) -> FieldSpec:
    label = spec.label.strip()
    if not label or len(label) > 20:
        raise ValidationError("fields", QT_TRANSLATE_NOOP("Errors", "A field needs a label of at most %1 characters."), 20)
    if spec.type not in FIELD_TYPES:
        raise ValidationError("fields", QT_TRANSLATE_NOOP("Errors", "Choose the field's type from the list."))
    choices = tuple(dict.fromkeys(c.strip() for c in spec.choices if c.strip()))
    if spec.type == CHOICE and len(choices) < 2:
        raise ValidationError("fields", QT_TRANSLATE_NOOP("Errors", "A choice needs at least two options."))
    if any(f.label == label and f.key != spec.key for f in existing):
        raise ValidationError("fields", QT_TRANSLATE_NOOP("Errors", "The kind already has a field “%1”."), label)
    if not _KEY.match(spec.key):
        raise ValidationError("fields", QT_TRANSLATE_NOOP("Errors", "The field's key is not valid."))
    return replace(spec, label=label, choices=choices if spec.type == CHOICE else ())


def next_field_key(kind: KindSpec) -> str:
    """A key for a field the school adds: field_1, field_2 … (never one a record might still hold)."""
    used = {f.key for f in kind.fields}
    number = 1
    while f"field_{number}" in used:
        number += 1
    return f"field_{number}"


def clean_values(kind: KindSpec, values: Mapping[str, str], kept: Mapping[str, str] = ()) -> dict[str, str]:  # type: ignore[assignment]
    """The record's extra values: each shown field checked by its type (field ``value_<key>``); values of
    fields hidden or dropped since are kept as they were, so a record never loses what it was given."""
    result = {k: v for k, v in dict(kept or {}).items()}
    for spec in kind.shown_fields:
        raw = strip_invisible(str(values.get(spec.key, "") or "")).strip()
        name = f"value_{spec.key}"
        if len(raw) > MAX_VALUE:
            raise ValidationError(name, QT_TRANSLATE_NOOP("Errors", "At most %1 characters."), MAX_VALUE)
        if raw and spec.type == NUMBER and (not raw.isdigit() or int(raw) > 100_000):
            raise ValidationError(name, QT_TRANSLATE_NOOP("Errors", "“%1” needs a whole number."), spec.label)
        if raw and spec.type == DATE:
            try:
                date.fromisoformat(raw)
            except ValueError:
                raise ValidationError(name, QT_TRANSLATE_NOOP("Errors", "“%1” needs a date."), spec.label) from None
        if raw and spec.type == YESNO and raw not in (YES, NO):
            raise ValidationError(name, QT_TRANSLATE_NOOP("Errors", "Answer “%1” with 是 or 否."), spec.label)
        if raw and spec.type == CHOICE and raw not in spec.choices:
            raise ValidationError(name, QT_TRANSLATE_NOOP("Errors", "Choose “%1” from the list."), spec.label)
        if raw:
            result[spec.key] = raw
        else:
            result.pop(spec.key, None)
    return result


def shown_values(kind: KindSpec, values: Mapping[str, str]) -> list[tuple[str, str]]:
    """(label, value) for printing and lists: the kind's fields in order, then values of fields no longer
    shown (labelled as they were when the kind had them, else by their key)."""
    labels = {f.key: f.label for f in kind.fields}
    shown = [(f.label, values[f.key]) for f in kind.shown_fields if values.get(f.key)]
    shown_keys = {f.key for f in kind.shown_fields}
    return shown + [(labels.get(k, k), v) for k, v in values.items() if k not in shown_keys and v]


def kind_json(kind: KindSpec) -> dict[str, object]:
    return {"fields": [{"key": f.key, "label": f.label, "type": f.type, "choices": list(f.choices), "hidden": f.hidden}
                       for f in kind.fields],
            "pupils": kind.pupils, "counts_as_contact": kind.counts_as_contact, "return_visit": kind.return_visit,
            "signatures": list(kind.signatures)}


def kind_from_json(code: str, name: str, hidden: bool, value: Mapping[str, object]) -> KindSpec:
    fields = tuple(FieldSpec(key=f["key"], label=f["label"], type=f.get("type", TEXT), choices=tuple(f.get("choices", ())),
                             hidden=bool(f.get("hidden", False))) for f in value.get("fields", ()))  # type: ignore[union-attr]
    return KindSpec(code=code, name=name, hidden=hidden, fields=fields, pupils=bool(value.get("pupils")),
                    counts_as_contact=bool(value.get("counts_as_contact")), return_visit=bool(value.get("return_visit")),
                    signatures=tuple(value.get("signatures", ("记录人：",))))  # type: ignore[arg-type]


# ---- home-visit targets ---------------------------------------------------------------------------------------

@dataclass(frozen=True, kw_only=True)
class VisitTargets:
    """Optional school rules: each left-behind child visited by their responsible teacher at least
    *per_child* times a semester (0: off), each teacher making at least *per_teacher* home visits (0: off)."""

    per_child: int = 1
    per_teacher: int = 0
    effective_from: date = field(default=date(2000, 1, 1))


def validate_visit_targets(targets: VisitTargets) -> VisitTargets:
    for name, value in (("per_child", targets.per_child), ("per_teacher", targets.per_teacher)):
        if not 0 <= value <= 50:
            raise ValidationError(name, QT_TRANSLATE_NOOP("Errors", "Give a number from %1 to %2 (0: no target)."), 0, 50)
    return targets


def targets_for(day: date, versions: Sequence[VisitTargets]) -> VisitTargets:
    return in_force(day, versions, VisitTargets())
