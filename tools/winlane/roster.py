"""Write a 120-row roster in the student-status system's shape (valid ID numbers, classes of 2026—2027) for the
Windows lane's import-students step:  .venv/bin/python tools/winlane/roster.py OUT.xlsx"""
from __future__ import annotations

import sys
from datetime import date

import openpyxl

from schooldesk.domain.id_number import check_digit

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = "子涵浩宇欣怡梓轩雨桐一诺俊熙思远佳琪"


def main(out: str) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "学生名册"
    sheet.append(["姓名", "性别", "出生日期", "民族", "身份证件类型", "身份证件号", "学籍号", "年级", "班级", "是否留守儿童"])
    for n in range(120):
        grade = 1 + n % 6
        birth = date(2026 - 6 - grade, 1 + n % 12, 1 + n % 28)
        male = n % 2 == 0
        first17 = f"411302{birth:%Y%m%d}{(n * 2 + (1 if male else 0)) % 1000:03d}"
        id_number = first17 + check_digit(first17)
        name = SURNAMES[n % len(SURNAMES)] + GIVEN[(n * 7) % len(GIVEN)] + GIVEN[(n * 3 + 1) % len(GIVEN)]
        sheet.append([name, "男" if male else "女", birth, "汉族", "居民身份证", id_number, "G" + id_number,
                      f"{grade}年级", f"{1 + n % 2}班", "单亲留守儿童" if n % 5 == 0 else "非留守儿童"])
    book.save(out)


if __name__ == "__main__":
    main(sys.argv[1])
