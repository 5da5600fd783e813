"""Rows of the HTML tables some lists are written in (``<table><tr><td>…``, often exported
from a spreadsheet), read with the standard library's HTML parser: each cell's text, links,
bold and italic spans, and the line where its first link (or its text) starts; a cell
spanning rows (``rowspan``) is repeated in each; the first row without a link is the
header.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from .columns import column_name


@dataclass
class HtmlCell:
    """One ``<td>`` or ``<th>``: its text, links as (text, href), bold and italic spans."""

    line: int
    text: str = ""
    links: list[tuple[str, str]] = field(default_factory=list)
    strong: list[str] = field(default_factory=list)
    emphasis: list[str] = field(default_factory=list)
    rowspan: int = 1
    header: bool = False


@dataclass
class HtmlRow:
    line: int
    cells: list[HtmlCell]


class _TableParser(HTMLParser):
    def __init__(self, first_line: int) -> None:
        super().__init__(convert_charrefs=True)
        self.first_line = first_line
        self.rows: list[HtmlRow] = []
        self.row: HtmlRow | None = None
        self.cell: HtmlCell | None = None
        self.parts: list[str] = []
        self.open: list[tuple[str, int, str]] = []  # (tag, offset in parts' text, href)
        self.link_line = 0

    def _line(self) -> int:
        return self.first_line + self.getpos()[0] - 1

    def _text(self) -> str:
        return "".join(self.parts)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if tag == "tr":
            self._end_row()
            self.row = HtmlRow(self._line(), [])
        elif tag in ("td", "th"):
            self._end_cell()
            if self.row is None:
                self.row = HtmlRow(self._line(), [])
            span = values.get("rowspan", "1")
            self.cell = HtmlCell(
                self._line(), rowspan=int(span) if span.isdigit() else 1, header=tag == "th"
            )
            self.parts, self.open, self.link_line = [], [], 0
        elif self.cell is not None and tag in ("a", "b", "strong", "i", "em"):
            if tag == "a" and not self.link_line:
                self.link_line = self._line()
            self.open.append((tag, len(self._text()), values.get("href", "")))
        elif self.cell is not None and tag == "br":
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th"):
            self._end_cell()
        elif tag == "tr":
            self._end_row()
        elif self.cell is not None and self.open and self.open[-1][0] == tag:
            _, start, href = self.open.pop()
            span = " ".join(self._text()[start:].split())
            if tag == "a":
                self.cell.links.append((span, href))
            elif tag in ("b", "strong"):
                self.cell.strong.append(span)
            else:
                self.cell.emphasis.append(span)

    def handle_data(self, data: str) -> None:
        if self.cell is not None:
            self.parts.append(data)

    def _end_cell(self) -> None:
        if self.cell is not None and self.row is not None:
            self.cell.text = " ".join(self._text().split())
            self.cell.line = self.link_line or self.cell.line
            self.row.cells.append(self.cell)
        self.cell = None

    def _end_row(self) -> None:
        self._end_cell()
        if self.row is not None and self.row.cells:
            self.rows.append(self.row)
        self.row = None


def html_tables(html: str, first_line: int) -> list[tuple[list[str], list[HtmlRow]]]:
    """Each table of ``html`` (starting at 1-based line ``first_line``) as its header (lower
    case) and its body rows, spanned cells repeated; empty rows dropped.

    >>> html = '''<table><tr><td>Year</td><td>Title</td></tr>
    ... <tr><td rowspan=2>ICML 2023</td><td><a href="u1">First Paper</a></td></tr>
    ... <tr><td><a href="u2">Second Paper</a></td></tr></table>'''
    >>> [(head, [[c.text for c in r.cells] for r in rows]) for head, rows in html_tables(html, 1)]
    [(['year', 'title'], [['ICML 2023', 'First Paper'], ['ICML 2023', 'Second Paper']])]
    """
    out: list[tuple[list[str], list[HtmlRow]]] = []
    for table in re.finditer(r"<table\b.*?</table\s*>", html, re.S | re.I):
        parser = _TableParser(first_line + html.count("\n", 0, table.start()))
        parser.feed(table.group(0))
        parser.close()
        parser._end_row()
        rows = parser.rows
        at = next((i for i, r in enumerate(rows) if not any(c.links for c in r.cells)), None)
        if at is None or at > 1:
            continue  # no header row: the columns cannot be named
        header = [column_name(c.text) for c in rows[at].cells]
        body: list[HtmlRow] = []
        spans: dict[int, tuple[int, HtmlCell]] = {}  # column → (rows left, cell)
        for row in rows[at + 1 :]:
            cells: list[HtmlCell] = []
            given = iter(row.cells)
            column = 0
            while column < len(header):
                if column in spans:
                    left, spanned = spans.pop(column)
                    cells.append(spanned)
                    if left > 1:
                        spans[column] = (left - 1, spanned)
                else:
                    cell = next(given, None)
                    if cell is None:
                        break
                    cells.append(cell)
                    if cell.rowspan > 1:
                        spans[column] = (cell.rowspan - 1, cell)
                column += 1
            if any(c.text for c in cells):
                body.append(HtmlRow(row.line, cells))
        out.append((header, body))
    return out
