"""The 控辍保学 and 送教上门 work summaries: their figures from the registers, the monthly reports, the 摸底 and
the 报送前检查's own services, written into the skeleton (services/work_summary.py)."""
from __future__ import annotations

from sqlalchemy import func, select

from schooldesk.db.models import SchoolClass
from schooldesk.domain.care import CARE_KINDS, LEFT_BEHIND
from schooldesk.domain.catchment import rate
from schooldesk.domain.home_teaching import BEHIND
from schooldesk.domain.semester import months_of
from schooldesk.services.figures import care_counts, roll_counts
from schooldesk.services.hand_ins import monthly_key, read_hand_ins
from schooldesk.services.summary_kit import Context, Draft, Table, names


def dropout_summary(d: Draft, c: Context) -> None:
    from schooldesk.services.activity_print import activity_summary
    from schooldesk.services.catchment_report import catchment_report
    from schooldesk.services.monthly_report import monthly_report
    from schooldesk.services.registers import register_book
    from schooldesk.services.support import overdue_support
    from schooldesk.services.visit_targets import visit_standing

    book = register_book(c.db, c.semester, today=c.today)
    with c.db.transaction() as session:
        roll = roll_counts(session, c.as_of)
        classes = session.scalar(select(func.count()).select_from(SchoolClass).where(
            SchoolClass.school_year == c.semester.school_year, SchoolClass.active.is_(True))) or 0
        handed = read_hand_ins(session)
    months = [monthly_report(c.db, m) for m in months_of(c.start, c.as_of)]
    reported = sum(1 for m in months_of(c.start, c.end) if monthly_key(m) in handed)  # as the calendar counts
    cares = care_counts(book)
    survey = catchment_report(c.db, c.semester, today=c.today)
    standing = visit_standing(c.db, c.semester)
    contact = sum(1 for a in activity_summary(c.db, c.semester).activities if a.kind.counts_as_contact)
    overdue = overdue_support(c.db, c.as_of, c.semester.school_year)

    new = sum(m.count("本月新增辍学") for m in months)
    back = sum(m.count("本月劝返复学") for m in months)
    still = months[-1].count("累计辍学") if months else 0
    suspected = months[-1].count("疑似辍学") if months else 0
    kinds = [(k.name_zh, cares.get(k.code, 0)) for k in CARE_KINDS]
    d.section("基本情况", [
        f"本学期学校共有{d.fig('教学班', classes, '个')}，{d.fig('在籍学生', roll.on_roll, '人')}，"
        f"其中{d.fig('在校学生', roll.at_school, '人')}。",
        "关爱对象：" + "，".join(d.fig(name, n, "人") for name, n in kinds) + "。",
    ], table=Table(header=("类别", "人数"), rows=tuple((name, str(n)) for name, n in kinds)))
    indicators = [
        f"本学期{d.fig('新增辍学', new, '人')}，{d.fig('劝返复学', back, '人')}，"
        f"截至{c.as_of.month}月{c.as_of.day}日{d.fig('累计辍学', still, '人')}，{d.fig('疑似辍学', suspected, '人')}。",
        f"{d.fig('辍学率', rate(still, roll.on_roll))}，{d.fig('巩固率', rate(roll.on_roll - still, roll.on_roll))}，"
        f"{d.fig('劝返率', rate(back, back + still))}。",
        f"{d.fig('送教上门学生', len(book.home_taught), '人')}，"
        f"{d.fig('送教上门次数', sum(line.standing.visits for line in book.home_taught), '次')}。",
    ]
    if survey.children:
        indicators.append(f"适龄儿童摸底：{d.fig('适龄儿童', survey.counted, '人')}，"
                          f"{d.fig('入学率', rate(survey.enrolled, survey.counted))}，"
                          f"{d.fig('残疾儿童入学率', rate(survey.disabled_enrolled, survey.disabled_counted))}。")
    d.section("主要指标", indicators)
    responsible = {line.teacher for line in book.care_of(LEFT_BEHIND) if line.teacher}
    d.section("主要做法", [
        f"落实包保责任制，{d.fig('包保责任人', len(responsible), '名')}，对留守儿童逐一包保。",
        f"开展帮扶，{d.fig('帮扶记录', len(book.support), '次')}；{d.fig('家访', contact, '次')}；"
        f"对辍学学生{d.fig('劝返走访', sum(line.visits for line in book.dropouts), '次')}。",
        f"坚持一月一报告，本学期{d.fig('已报送月报', reported, '期')}。",
    ], prompts=["排查、包保、责任书签订的做法和次数"])
    visited = sum(1 for child in standing.children if child.visits)
    d.section("成效", [
        f"{d.fig('留守儿童已家访', visited, '人')}（共{len(standing.children)}人），劝返复学{back}人。",
    ], prompts=["典型事例（可写一名劝返或帮扶学生的变化）"])
    problems = []
    if overdue:
        problems.append(f"{d.fig('帮扶逾期', len(overdue), '人')}（{names([o.pupil_name for o in overdue])}），需尽快补记帮扶。")
    not_visited = [child.pupil_name for child in standing.children if not child.visits]
    if not_visited:
        problems.append(f"{d.fig('留守儿童未家访', len(not_visited), '人')}（{names(not_visited)}）。")
    if survey.to_verify:
        problems.append(f"{d.fig('去向待核实', len(survey.to_verify), '人')}。")
    d.section("存在问题", problems, prompts=["其他问题及原因分析"])
    d.section("下一步打算", [], prompts=["针对上述问题的措施", "下学期工作重点"])


def home_teaching_summary(d: Draft, c: Context) -> None:
    from schooldesk.services.home_teaching import list_plans, list_visits
    from schooldesk.services.home_teaching_rules import visit_rule_on
    from schooldesk.services.registers import register_book

    lines = register_book(c.db, c.semester, today=c.today).home_taught
    plans = list_plans(c.db, c.semester, c.today)
    teachers = {t for line in lines for t in line.teachers.split("、") if t}
    visits = [v for plan in plans for v in list_visits(c.db, plan.plan.id)]
    behind = [(plan.plan.pupil_name, month.label) for plan in plans for month in plan.months
              if month.state(c.today) == BEHIND]
    rule = visit_rule_on(c.db, c.start)
    d.section("基本情况", [
        f"本学期{d.fig('送教上门学生', len(lines), '人')}，{d.fig('送教教师', len(teachers), '人')}。"
        f"学校送教规则：{rule.label_zh}。",
    ])
    d.section("主要数据", [
        f"{d.fig('送教上门次数', sum(line.standing.visits for line in lines), '次')}"
        f"（{d.fig('应送教', sum(line.standing.required_visits for line in lines), '次')}），"
        f"{d.fig('送教课时', f'{sum(line.standing.period_tenths for line in lines) / 10:g}', '课时')}，"
        f"{d.fig('达标月数', sum(line.standing.months_met for line in lines), '个')}"
        f"（{d.fig('已过月数', sum(line.standing.months_past for line in lines), '个')}）。",
    ], table=Table(header=("学生", "班级", "残疾类别", "送教次数", "课时", "达标月数/已过月数"), rows=tuple(
        (line.pupil.name, line.pupil.class_name, line.disability, str(line.standing.visits),
         f"{line.standing.periods:g}", f"{line.standing.months_met}/{line.standing.months_past}") for line in lines)))
    d.section("主要做法", [
        f"每次送教填写送教记录，由送教教师和家长签字；{d.fig('附照片的送教记录', sum(1 for v in visits if v.photos), '次')}"
        f"（共{len(visits)}次）。",
    ], prompts=["送教内容（康复训练、文化课、生活技能）和家长配合情况"])
    d.section("成效", [], prompts=["学生在生活自理、认知、情绪等方面的变化"])
    problems = []
    if behind:
        problems.append(f"{d.fig('未达标月份', len(behind), '个')}："
                        + "、".join(f"{name}{month}" for name, month in behind[:8]) + "。")
    no_photo = sum(1 for v in visits if not v.photos)
    if no_photo:
        problems.append(f"{d.fig('无照片的送教记录', no_photo, '次')}，需补传照片。")
    d.section("存在问题", problems, prompts=["其他问题及原因分析"])
    d.section("下一步打算", [], prompts=["下学期送教安排", "需要上级支持的事项"])
