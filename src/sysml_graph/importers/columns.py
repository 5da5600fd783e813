"""The name of a table's column as the row readers look it up."""

from __future__ import annotations

# Column names of Chinese lists, with the English word the row readers look for ("| 年份 |
# 名字 | 简介 |" is "| Year | Name | Note |").
_GLOSSES = {
    "标题": "title",
    "题目": "title",
    "论文": "paper",
    "文章": "paper",
    "名字": "name",
    "名称": "name",
    "年份": "year",
    "时间": "date",
    "日期": "date",
    "作者": "authors",
    "会议": "venue",
    "期刊": "journal",
    "出处": "venue",
    "代码": "code",
    "链接": "link",
    "简介": "note",
    "备注": "note",
}


def column_name(header: str) -> str:
    """A header cell's text, case-folded, with the gloss of a Chinese column name.

    >>> column_name("Title"), column_name("年份"), column_name("论文标题")
    ('title', '年份 year', '论文标题 title paper')
    """
    name = header.strip().casefold()
    glosses = [word for cjk, word in _GLOSSES.items() if cjk in name]
    return " ".join([name, *glosses])
