"""The 听课评课, 师徒结对 and 活动记录 work summaries: figures from the same books the bundle writes (the quota
table, the pairs' progress, the activities register and its frequency targets)."""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from schooldesk.domain.mentorship import ACTIVE
from schooldesk.services.summary_kit import Context, Draft, Table, names

_CLAUSE = re.compile(r"[，。；;,.!！？?\n]+")


def common_points(texts: Iterable[str], most: int = 3) -> list[tuple[str, int]]:
    """The 共性问题: clauses written in two or more observations' suggestions, most often first."""
    found: Counter[str] = Counter()
    for text in texts:
        found.update({clause.strip() for clause in _CLAUSE.split(text) if len(clause.strip()) >= 2})
    return [(clause, n) for clause, n in found.most_common(most) if n >= 2]


def observation_summary(d: Draft, c: Context) -> None:
    from schooldesk.services.observation_print import observation_book
    from schooldesk.services.teachers import list_teachers

    book = observation_book(c.db, c.semester, c.today)
    records = book.observations
    teachers = [t for t in list_teachers(c.db, include_inactive=False)]
    taught = {o.taught.id for o in records}
    never = [t.name for t in teachers if t.id not in taught]
    kinds = Counter(o.kind or "其他" for o in records)
    # Rubrics differ in their full marks (30, 100): each score is put on a hundred before they are compared.
    scored = [(o.scored.grade, o.scored.total * 100 / o.scored.maximum) for o in records
              if o.scored and o.scored.maximum]
    scores = [score for _grade, score in scored]
    grades = Counter(grade for grade, _score in scored)
    top = {g: max(score for grade, score in scored if grade == g) for g in grades}
    ranked = sorted(grades.items(), key=lambda item: -top[item[0]])  # 优, 良, 中 …: the rubric's order, from its scores
    quota = [q for q in book.quotas if q.required]
    met = [q for q in quota if q.observed >= q.required]
    d.section("基本情况", [
        f"本学期全校{d.fig('专任教师', len(teachers), '人')}，{d.fig('听课记录', len(records), '节')}，"
        f"{d.fig('被听课教师', len(taught), '人')}。",
    ])
    d.section("主要数据", [
        "按类型：" + "，".join(d.fig(kind, n, "节") for kind, n in kinds.most_common()) + "。" if kinds else "",
        f"听课任务：{d.fig('完成听课任务', len(met), '人')}（{d.fig('有听课任务', len(quota), '人')}）。",
        (f"评分（折合百分制）：{d.fig('平均分', f'{sum(scores) / len(scores):.1f}')}，"
         f"{d.fig('最高分', f'{max(scores):.1f}')}，{d.fig('最低分', f'{min(scores):.1f}')}；" + "，".join(d.fig(f"评为{g}", n, "节") for g, n in ranked) + "。")
        if scores else "",
        f"一听二看三查阅：{d.fig('查阅教案作业', sum(1 for o in records if o.checks), '节')}。",
    ], table=Table(header=("教师", "角色", "听课节数", "应听节数", "被听节数"), rows=tuple(
        (q.teacher, "、".join(q.roles), str(q.observed), str(q.required), str(q.observed_by_others)) for q in book.quotas)))
    d.section("主要做法", [], prompts=["推门课、公开课、示范课的安排和评课方式"])
    points = common_points(o.suggestions for o in records)
    d.section("成效", [], prompts=["课堂教学的改进（可举一两节课为例）"])
    problems = [f"共性问题：{'；'.join(f'{p}（{n}节）' for p, n in points)}。"] if points else []
    if never:
        problems.append(f"本学期{d.fig('未被听课教师', len(never), '人')}（{names(never)}）。")
    short = [q.teacher for q in quota if q.observed < q.required]
    if short:
        problems.append(f"{d.fig('未完成听课任务', len(short), '人')}（{names(short)}）。")
    d.section("存在问题", problems, prompts=["其他问题及原因分析"])
    d.section("下一步打算", [], prompts=["下学期听课评课的重点"])


def mentorship_summary(d: Draft, c: Context) -> None:
    from schooldesk.services.mentorship_assessment import get_assessment
    from schooldesk.services.mentorship_print import mentorship_book

    pairs = mentorship_book(c.db, c.semester.school_year, c.semester, c.today).pairs
    done: Counter[str] = Counter()
    required: Counter[str] = Counter()
    for progress in pairs:
        for target in progress.targets:
            done[target.name] += target.done
            required[target.name] += target.required
    all_met = [p for p in pairs if p.targets and all(t.met for t in p.targets)]
    behind = [p for p in pairs if p.behind]
    assessed = [a for a in (get_assessment(c.db, p.pair.id, c.today) for p in pairs) if a.saved]
    grades = Counter(a.result for a in assessed if a.result)
    d.section("基本情况", [
        f"本学年{d.fig('师徒结对', len(pairs), '对')}，其中{d.fig('进行中', sum(1 for p in pairs if p.pair.status == ACTIVE), '对')}。",
    ])
    d.section("主要数据", [
        "活动记录：" + "，".join(d.fig(name, f"{done[name]}/{required[name]}") for name in required) + "（完成/要求）。"
        if required else "",
        f"{d.fig('目标全部达成', len(all_met), '对')}。",
        (f"年度考核：{d.fig('已考核', len(assessed), '对')}，" + "，".join(d.fig(f"考核{g}", n, "对") for g, n in grades.most_common())
         + "。") if assessed else "",
    ], table=Table(header=("师傅", "徒弟", "学科", "完成情况"), rows=tuple(
        (p.pair.mentor.name, p.pair.apprentice.name, p.pair.subject, p.summary) for p in pairs)))
    d.section("主要做法", [], prompts=["结对协议、听课指导、教学设计指导等做法"])
    d.section("成效", [], prompts=["青年教师的成长（公开课、获奖等）"])
    d.section("存在问题", [f"{d.fig('未达到目标', len(behind), '对')}：{'；'.join(f'{p.pair.names}（{p.summary}）' for p in behind)}。"]
              if behind else [], prompts=["其他问题及原因分析"])
    d.section("下一步打算", [], prompts=["下学年结对安排"])


def activities_summary(d: Draft, c: Context) -> None:
    from schooldesk.services.activity_print import activity_summary
    from schooldesk.services.frequency_targets import frequency_standing

    summary = activity_summary(c.db, c.semester)
    counts = summary.counts()
    standing = frequency_standing(c.db, c.semester)
    due = [row for row in standing if row.due <= c.as_of]
    d.section("基本情况", [
        f"本学期{d.fig('活动记录', len(summary.activities), '次')}，"
        f"{d.fig('活动照片', sum(len(a.photos) for a in summary.activities), '张')}。",
    ])
    d.section("主要数据", [
        "按类别：" + "，".join(d.fig(name, total, "次") for name, _months, total in counts) + "。" if counts else "",
        f"频次要求：{d.fig('已到期的频次要求', len(due), '项')}，{d.fig('达到要求', sum(1 for r in due if r.met), '项')}。"
        if standing else "",
    ], table=Table(header=("要求", "期间", "完成", "要求次数"), rows=tuple(
        (f"{r.rule}{'（' + r.group + '）' if r.group else ''}", r.period, str(r.done), str(r.required)) for r in standing))
        if standing else None)
    d.section("主要做法", [], prompts=["家访、主题班会、教研活动、家长会的组织方式"])
    d.section("成效", [], prompts=["活动带来的变化（可附照片说明）"])
    short = [r for r in due if not r.met]
    d.section("存在问题", [f"{d.fig('未达到频次要求', len(short), '项')}：" + "；".join(
        f"{r.what}{r.done}/{r.required}" for r in short) + "。"] if short else [], prompts=["其他问题及原因分析"])
    d.section("下一步打算", [], prompts=["下学期活动安排"])
