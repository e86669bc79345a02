"""Sheets the bundle adds to the kit's: the semester's 送教上门 visits and each child's months against the rule."""
from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from schooldesk.exports.sheets import DATE, NUMBER, Column, Sheet


def home_teaching_sheets(logs: Sequence[Any], printed: date) -> list[Sheet]:
    """*printed*: the day the bundle is written — a month not yet ended on it is 进行中 or 未到, not 否."""
    visits = [(log, v) for log in logs for v in log.visits]
    months = [(log, m) for log in logs for m in log.months]
    return [
        Sheet(name="送教上门记录", rows=list(enumerate(visits, 1)), columns=(
            Column(label="序号", value=lambda r: r[0], kind=NUMBER, width=6),
            Column(label="学生姓名", value=lambda r: r[1][0].child.name),
            Column(label="年级班级", value=lambda r: r[1][0].child.class_name),
            Column(label="送教日期", value=lambda r: r[1][1].date, kind=DATE, width=12),
            Column(label="时间", value=lambda r: r[1][1].time_text),
            Column(label="时长（分钟）", value=lambda r: r[1][1].minutes, kind=NUMBER),
            Column(label="课时", value=lambda r: r[1][0].visit_periods(r[1][1]), kind=NUMBER),
            Column(label="送教教师", value=lambda r: r[1][1].teacher_names),
            Column(label="送教内容", value=lambda r: "、".join(r[1][1].content_kinds) + "：" + r[1][1].content, width=40),
            Column(label="照片数", value=lambda r: len(r[1][1].photos), kind=NUMBER, width=8),
        )),
        Sheet(name="送教上门逐月达标", rows=list(enumerate(months, 1)), columns=(
            Column(label="序号", value=lambda r: r[0], kind=NUMBER, width=6),
            Column(label="学生姓名", value=lambda r: r[1][0].child.name),
            Column(label="月份", value=lambda r: r[1][1].label),
            Column(label="要求次数", value=lambda r: r[1][1].required_visits, kind=NUMBER),
            Column(label="实际次数", value=lambda r: r[1][1].visits, kind=NUMBER),
            Column(label="课时", value=lambda r: r[1][1].periods, kind=NUMBER),
            Column(label="要求课时", value=lambda r: r[1][1].required_periods, kind=NUMBER),
            Column(label="是否达标", value=lambda r: r[1][1].met_zh(printed)),
        )),
    ]
