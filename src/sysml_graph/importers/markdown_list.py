"""Read an awesome list's markdown (markdown-it-py) into candidate entries.

Each list item, table row and entry-like heading becomes a :class:`Block`: its text with
markdown removed, its links, bold and italic spans, the 1-based line where it starts, the
section path above it, and the texts of its own sub-items and further paragraphs (where
lists put authors, venues and summaries). Recognising *what* a block says is the job of
:mod:`sysml_graph.importers.entries`.
"""

from __future__ import annotations

import functools
import itertools
import re
from dataclasses import dataclass, field

from markdown_it import MarkdownIt
from markdown_it.token import Token

from .columns import column_name
from .html_table import HtmlRow, html_tables


@dataclass
class Link:
    text: str
    href: str
    bare: bool = False  # an address written out in the text, made a link by linkify


@dataclass
class Inline:
    """One inline run: plain text, links, strong and emphasised spans."""

    text: str
    links: list[Link] = field(default_factory=list)
    strong: list[str] = field(default_factory=list)
    emphasis: list[str] = field(default_factory=list)
    raw: str = ""
    badges: list[str] = field(default_factory=list)  # shields.io badge labels ("Inference")
    tags: list[str] = field(default_factory=list)  # the badges that are not inside a link
    # The text cut at its <br> line breaks: "Title <br> EMNLP 2023 [[Paper]](url)" has two.
    lines: list[str] = field(default_factory=list)
    line: int = 0  # where it starts, when that is not its block's line (an HTML table's cell)


@dataclass
class Block:
    """A candidate entry: a list item, a table row or a heading."""

    line: int
    head: Inline
    kind: str  # "item", "row", "heading"
    sections: list[str] = field(default_factory=list)
    details: list[Inline] = field(default_factory=list)  # further paragraphs and sub-items
    paragraph: bool = False  # read from a paragraph (a line, or all of it), outside any list
    cells: dict[str, Inline] = field(default_factory=dict)  # table rows: header → cell
    depth: int = 0  # nesting of list items
    bibtex: list[str] = field(default_factory=list)  # ```bibtex blocks right under it


# A shields.io badge's label ("…/badge/ICML2024-orange", '<img src=".../badge/MICRO-2020-b31b1b"').
# (the colour may carry the image's extension, the label spaces: ".../badge/DAC-2025-green.svg",
# '<img src=".../badge/Nature Machine Intelligence-2025-green.svg">')
SHIELD = re.compile(
    r"shields\.io/badge/([^/?#\"\n]+?)-[0-9a-zA-Z]+(?:\.(?:svg|png))?(?:$|[?#\"\s]|'(?=[\s/>]|$))"
)


def render_inline(token: Token) -> Inline:
    """Plain text of an inline token, with its links and emphasis collected."""
    out: list[str] = []
    links: list[Link] = []
    strong: list[str] = []
    emphasis: list[str] = []
    badges: list[str] = []
    tags: list[str] = []
    breaks: list[int] = []
    stack: list[tuple[str, int, str]] = []  # (kind, start offset, href)
    for child in token.children or []:
        t = child.type
        if t in ("text", "code_inline"):
            out.append(child.content)
        elif t == "softbreak":
            out.append(" ")
        elif t == "hardbreak":  # two spaces at a line's end: "**Title.**  \n *A, B.*"
            if not any(kind in ("link", "bare") for kind, _, _ in stack):  # not in a link's text
                breaks.append(len("".join(out)))
            out.append(" ")
        elif t == "html_inline":
            tag = child.content.strip()
            if re.fullmatch(r"<br\s*/?>", tag, re.I):
                breaks.append(len("".join(out)))  # between title, authors and venue
                out.append(" ")
            elif re.fullmatch(r"<(ins|mark|kbd)>", tag, re.I):
                out.append(" [")  # "Title.<ins>arXiv, 2024</ins>": a label set off, a tag
            elif re.fullmatch(r"</(ins|mark|kbd)>", tag, re.I):
                out.append("] ")
            elif opened := re.match(r"<a\s[^>]*?href\s*=\s*[\"']?([^\"'\s>]+)", tag, re.I):
                stack.append(("link", len("".join(out)), opened.group(1)))  # an HTML link
            elif re.fullmatch(r"</a\s*>", tag, re.I) and stack and stack[-1][0] == "link":
                _, start, href = stack.pop()
                links.append(Link(re.sub(r"\s+", " ", "".join(out)[start:]).strip(), href))
            elif badge := SHIELD.search(tag):
                # '<a href=paper><img src=".../badge/MICRO-2020-b31b1b"></a>': a venue and its
                # year (or "arxiv-24.07") on the paper's link is the paper's tag
                label = badge.group(1).replace("_", " ").replace("%20", " ")
                badges.append(label)
                if re.search(r"[-_ ](?:(?:19|20)\d{2}|\d{2}\.\d{2})$", label):
                    tags.append(label)
            continue  # raw HTML is never text of the entry
        elif t == "image":
            badge = SHIELD.search(str(child.attrs.get("src", "")))
            if badge:
                label = badge.group(1).replace("_", " ").replace("%20", " ")
                badges.append(label)
                # a badge that is a link's button says where the link goes; one in a link to
                # nowhere ("[![Publish](…/Conference-SIGMOD_2026-blue)]()") is a tag
                if not any(kind in ("link", "bare") and href for kind, _, href in stack):
                    tags.append(label)
        elif t.endswith("_open"):
            href = str(child.attrs.get("href", "")) if t == "link_open" else ""
            kind = "bare" if t == "link_open" and child.markup == "linkify" else t[: -len("_open")]
            stack.append((kind, len("".join(out)), href))
        elif t.endswith("_close") and stack:
            kind, start, href = stack.pop()
            span = re.sub(r"\s+", " ", "".join(out)[start:])
            if kind in ("link", "bare"):
                # "[✏️CVPR](url)", "[⭐github](url)": the marks before a link's words are no part
                said = re.sub(r"^[^\w\[(\"“'‘]+", "", span.strip()) or span.strip()
                links.append(Link(said, href, bare=kind == "bare"))
            elif kind == "strong":
                strong.append(span.strip())
            elif kind == "em":
                emphasis.append(span.strip())
    joined = "".join(out)
    wrapped = re.fullmatch(r"\s*\[([^\[\]]*)\]\s*", joined)
    if wrapped and re.match(r"\s*<(ins|mark|kbd)>", token.content, re.I):
        joined = wrapped.group(1)  # "<ins>**2024**</ins>" alone: a heading's text, no tag
    text = re.sub(r"\s+", " ", joined).strip()
    cuts = [0, *breaks, len(joined)]
    lines = [re.sub(r"\s+", " ", joined[a:b]).strip() for a, b in itertools.pairwise(cuts)]
    return Inline(text, links, strong, emphasis, token.content, badges, tags, lines)


# A list item that is a field: "Source: arxiv", "Authors: A, B", "Link: url".
FIELD_ITEM = re.compile(r"\s*[A-Za-z][A-Za-z ]{1,20}\s*[:\uff1a]\s")

# The level of a pseudo-heading: below "######", so that any real heading ends it.
PSEUDO = 7


def _pseudo_heading(tok: Token, before: Token | None) -> str | None:
    """The label of an HTML ``<summary>`` or of a paragraph that is one short bold span,
    which lists use as headings of year groups; None for anything else.

    >>> md = MarkdownIt("commonmark")
    >>> [_pseudo_heading(t, None) for t in md.parse("<details><summary><b>2024</b></summary>")]
    ['2024']
    >>> tokens = md.parse("**2026**")
    >>> _pseudo_heading(tokens[1], tokens[0]), _pseudo_heading(md.parse("**A** b")[1], tokens[0])
    ('2026', None)
    >>> _pseudo_heading(md.parse("<ins>**2025**</ins>")[1], tokens[0])
    '2025'
    >>> _pseudo_heading(md.parse('<h3 align="center">2022</h3>')[0], None)
    '2022'
    >>> _pseudo_heading(md.parse("<details><summary><b>Abstract</b></summary>")[0], None)

    """
    if tok.type == "html_block":
        # a <summary>, or a block that is one HTML heading: '<h3 align="center">2022</h3>'
        m = re.search(r"<summary[^>]*>(?P<x>.*?)</summary>", tok.content, re.S | re.I)
        m = m or re.fullmatch(r"\s*<(h[1-6])\b[^>]*>(?P<x>.*?)</\1>\s*", tok.content, re.S | re.I)
        label = re.sub(r"<[^>]+>", " ", m.group("x")) if m else ""
    elif tok.type == "inline" and before is not None and before.type == "paragraph_open":
        # (inline HTML around it: "<ins>**2025**</ins>")
        content = re.sub(
            r"</?(?:ins|u|b|strong|em|i|mark|span|h[1-6])\b[^>]*>", "", tok.content, flags=re.I
        )
        m = re.fullmatch(r"\s*(?:\*\*|__)([^*_\n]+)(?:\*\*|__)\s*:?\s*", content)
        # or a year alone on its line: "2022", "Before 2017"
        year = re.fullmatch(r"\s*((?:before |after )?(?:19|20)\d{2}s?)\s*:?\s*", content, re.I)
        label = m.group(1) if m else year.group(1) if year else ""
    else:
        return None
    label = " ".join(label.split())
    # ("<summary><b>Abstract</b></summary>": a paper's folded abstract, no group of papers)
    folded = re.fullmatch(r"abstract|summary|details?|bibtex|citation|show more|more", label, re.I)
    return label if label and len(label.split()) <= 6 and not folded else None


# The line under a simple table's header: runs of dashes, two or more, apart.
SIMPLE_RULE = re.compile(r"\s*-{3,}(?:\s+-{3,})+\s*")


def _simple_tables(source: list[str]) -> dict[int, tuple[int, list[int]]]:
    """Pandoc's simple tables: a header line, a line of dash runs under its columns, and
    rows down to a blank line; by the header's 0-based line."""
    found: dict[int, tuple[int, list[int]]] = {}
    n = 1
    while n < len(source) - 1:
        if SIMPLE_RULE.fullmatch(source[n]) and source[n - 1].strip():
            rows = []
            for m in range(n + 1, len(source)):
                if not source[m].strip() or SIMPLE_RULE.fullmatch(source[m]):
                    break
                rows.append(m)
            if rows:
                found[n - 1] = (n - 1, rows)
                n = rows[-1]  # (the lines of a table are no other table's)
        n += 1
    return found


def _simple_rows(
    md: MarkdownIt, source: list[str], header: int, rows: list[int]
) -> list[tuple[int, dict[str, Inline]]]:
    """The rows of a simple table, each cell cut at the columns its dash runs mark.

    >>> md = MarkdownIt("commonmark")
    >>> src = ["  Year  Title", "------  -----", "  2017  [MobileNets](https://x.org/m)"]
    >>> [(n, {k: c.text for k, c in cells.items()}) for n, cells in _simple_rows(md, src, 0, [2])]
    [(3, {'year': '2017', 'title': 'MobileNets'})]
    """
    spans = [(m.start(), m.end()) for m in re.finditer(r"-+", source[header + 1])]
    # a column runs from its dashes' start to the next column's start
    starts = [start for start, _ in spans]
    stops: list[int | None] = [*starts[1:], None]
    names = [column_name(source[header][a:b]) for a, b in zip(starts, stops, strict=True)]
    out = []
    for n in rows:
        row = source[n]
        # a link wider than its column is not cut: the cut moves to the link's end
        links = [(m.start(), m.end()) for m in re.finditer(r"\[[^\]]*\]\([^)]*\)", row)]
        moved = [next((end for start, end in links if start < a < end), a) for a in starts]
        ends: list[int | None] = [*moved[1:], None]
        cells = {}
        for name, a, b in zip(names, moved, ends, strict=True):
            said = row[a:b].strip()
            inline = md.parseInline(said)[0] if said else None
            cells[name] = render_inline(inline) if inline is not None else Inline("")
        out.append((n + 1, cells))
    return out


def _source_until(source: list[str], start: int, end: str) -> int | None:
    """The 0-based line after the first line from ``start`` on that matches ``end``; None
    when none does."""
    for n in range(start, len(source)):
        if re.search(end, source[n], re.I):
            return n + 1
    return None


def _html_row(header: list[str], row: HtmlRow, sections: list[str]) -> Block:
    """A row of an HTML table as a table row block, its cells named by the header."""
    cells = {
        name: Inline(
            cell.text,
            [Link(text, href) for text, href in cell.links],
            cell.strong,
            cell.emphasis,
            cell.text,
            lines=[cell.text],
            line=cell.line,
        )
        for name, cell in zip(header, row.cells, strict=False)
    }
    first = next(iter(cells.values()), Inline(""))
    return Block(line=row.line, head=first, kind="row", sections=sections, cells=cells)


def _markdown_in_html(content: str) -> str | None:
    """The markdown list inside an HTML block, with the lines that are only HTML tags
    blanked (so that line numbers stay), or None when the block holds no list item.

    >>> _markdown_in_html('<div markdown="1">\\n* [Title](u)\\n</div>')
    '\\n* [Title](u)\\n'
    """
    lines = content.split("\n")
    if not any(re.match(r"\s*(?:[-*+]|\d+[.)])\s+\S", line) for line in lines):
        return None
    tag_only = re.compile(r"\s*(?:<[^>]+>\s*)+")
    return "\n".join("" if tag_only.fullmatch(line) else line for line in lines)


# A bibliography's line: family name first, a year, a quoted title ("Achille, Alessandro,
# and Stefano Soatto. 2019. “Critical Learning Periods …”").
CITATION_LINE = re.compile(
    r"\s*[A-ZÀ-ÝĀ-ſ][\w'’-]+,\s+[A-ZÀ-ÝĀ-ſ][^“\"]{0,600}?\b(?:19|20)\d{2}\b[^“\"]{0,40}[“\"]"
)


# "Shap: [A unified approach to interpreting model predictions](url), NeurIPS 2017": a
# method's short name, then the linked title of three words or more
NAMED_LINK_LINE = re.compile(r"\s*[^\s\[\]()*][^\[\]()]{0,40}?[:,]\s*\[\S+ \S+ \S+[^\]]*\]\(")


def _prose(inline: Inline) -> bool:
    """Whether a line is a sentence or more of prose: ten words or more, most of them not in
    italics (a citation's authors often are).

    >>> _prose(Inline("Thorpe et al.'s rank-order coding: firing order alone makes it fast"))
    True
    >>> _prose(Inline("Fu Q, Huang H H. Paper", emphasis=["Fu Q, Huang H H."]))
    False
    """
    words = len(inline.text.split())
    italic = sum(len(e.split()) for e in inline.emphasis)
    return words >= 10 and italic * 2 < words


def paragraph_lines(token: Token) -> list[tuple[int, Inline]]:
    """The lines of a paragraph that start with a link or a bracketed tag, or that are a
    bibliography's citations, each with its 1-based line: a list written without list
    markers ("[OSDI'22] [Title](url) <br>").

    >>> md = MarkdownIt("commonmark")
    >>> tok = md.parse("Intro with [a link](u).\\n[OSDI'22] [Title Of It](https://x.org) </br>")[1]
    >>> [(n, line.text) for n, line in paragraph_lines(tok)]
    [(2, "[OSDI'22] Title Of It")]
    >>> tok = md.parse("Shap: [A unified approach to it](https://x.org), NeurIPS 2017")[1]
    >>> [(n, line.text) for n, line in paragraph_lines(tok)]
    [(1, 'Shap: A unified approach to it, NeurIPS 2017')]
    """
    first = (token.map[0] + 1) if token.map else 1
    source = token.content.split("\n")
    out: list[tuple[int, Inline]] = []
    line, run = 0, list[Token]()
    for child in [*(token.children or []), None]:
        if child is None or child.type in ("softbreak", "hardbreak"):
            raw = source[line] if line < len(source) else ""
            if run and (
                # ("(必读)[1] **Title**": a short remark before a reference's number)
                re.match(r"\s*(?:[(（][^()（）\[\]]{1,12}[)）])?(?:\*\*)?\\?\[", raw)
                # ("**Title** VLDBJ 2021. [paper](url)": a bold title first, a link after)
                or re.match(r"\s*\*\*[^*\[\]]{8,}\*\*.*\]\(", raw)
                or CITATION_LINE.match(raw)
                or NAMED_LINK_LINE.match(raw)
            ):
                part = Token("inline", "", 0, children=run, content=raw)
                inline = render_inline(part)
                if inline.text and (inline.links or CITATION_LINE.match(raw)):
                    out.append((first + line, inline))
            line, run = line + 1, []
            continue
        run.append(child)
    return out


SPACED_LINK = re.compile(r"\][ \t]+\((?=<?https?://[^\s()<>]+>?\))")
TWO_ADDRESSES = re.compile(r"\]\((https?://[^\s()<>]+)(?:[ \t]+https?://[^\s()<>]+)+\)")


@functools.cache
def _parser() -> MarkdownIt:
    """The markdown parser, built once (every list file and every HTML block in one reads
    with it)."""
    # linkify: a bare address in the text ("Title, https://arxiv.org/pdf/…") is a link too
    # ("Ease.ml" or "ML.NET" without a scheme is a name, not an address)
    md = MarkdownIt("commonmark", {"linkify": True}).enable(["table", "linkify"])
    if md.linkify is not None:  # set when linkify-it-py is installed (a dependency)
        md.linkify.set({"fuzzy_link": False, "fuzzy_email": False})
    return md


def parse_markdown(text: str, nested: bool = False) -> list[Block]:
    """Every candidate entry of a markdown document, in document order; ``nested`` for the
    markdown inside an HTML block (whose own HTML blocks are not read again)."""
    md = _parser()
    # "Title [[ACL2026]] (<https://…>)": a space between a label and its address is a slip
    # that Markdown renders as text; the list's author meant a link
    text = SPACED_LINK.sub("](", text)
    # "[Title](https://a.org/x https://b.org/y)": two addresses where one goes, which Markdown
    # renders as text; the first is the link
    text = TWO_ADDRESSES.sub(r"](\1)", text)
    tokens = md.parse(text)
    source = text.split("\n")
    table_end = 0  # the line after the last HTML table read
    tables_tried = 0  # the line after the last "<table>" looked at
    simple = _simple_tables(source)  # header's 0-based line → (header line, row lines)
    simple_body = {n for _, rows in simple.values() for n in rows}
    blocks: list[Block] = []
    sections: list[tuple[int, str]] = []  # (heading level, text)
    titles = sum(1 for t in tokens if t.type == "heading_open" and t.tag == "h1")
    items: list[Block | None] = []  # open list items, innermost last
    i = 0
    table_header: list[str] = []
    in_head = False
    row: list[Inline] = []
    row_line = 0
    heading: Block | None = None  # the last heading: the paragraph right under it is a detail
    # For each blockquote open (a citation to the list's own paper, a note), whether it is
    # under an open list item
    quotes: list[bool] = []
    fielded: Block | None = None  # a heading whose list items so far are its fields
    while i < len(tokens):
        tok = tokens[i]
        if tok.type == "heading_open":
            level = int(tok.tag[1:])
            inline = render_inline(tokens[i + 1])
            while sections and sections[-1][0] >= level:
                sections.pop()
            heading = Block(
                line=(tok.map[0] + 1) if tok.map else 1,
                head=inline,
                kind="heading",
                sections=[s for _, s in sections],
                depth=level,
            )
            blocks.append(heading)
            fielded = heading if not inline.links else None
            # A level-1 heading is the document's title, not a section, unless the document
            # has several ("# Papers", "# Course", "# News": its parts)
            if level > 1 or titles > 1:
                sections.append((level, inline.text))
            i += 3
            continue
        if tok.type == "list_item_open":
            items.append(None)
            i += 1
            # The item's first inline is its head; it opens the block.
            continue
        if tok.type == "list_item_close":
            items.pop()
            i += 1
            continue
        if tok.type == "inline" and items:
            inline = render_inline(tok)
            current = items[-1]
            if current is None and len(items) == 1 and fielded is not None:
                # "### Title" then "* **Source:** arxiv": an item that is a field of the
                # heading above (as long as the items under it are fields)
                if FIELD_ITEM.match(inline.text):
                    fielded.details.append(inline)
                else:
                    fielded = None
            if current is None:
                line = (tok.map[0] + 1) if tok.map else 1
                block = Block(
                    line=line,
                    head=inline,
                    kind="item",
                    sections=[s for _, s in sections],
                    depth=len(items),
                )
                items[-1] = block
                blocks.append(block)
                # A sub-item's text is also a detail of every enclosing item.
                for outer in items[:-1]:
                    if outer is not None:
                        outer.details.append(inline)
            elif not (any(quotes) and _prose(inline)):
                # (a quoted note under an item, "> CASIA's PI, behind … (NeurIPS 2023)", is
                # prose about it, not its citation; a quoted "> *Fu Q, Huang H H.*
                # [[Paper]](url)" is one)
                current.details.append(inline)
                for outer in items[:-1]:
                    if outer is not None:
                        outer.details.append(inline)
            i += 1
            continue
        if (
            tok.type == "inline"
            and heading is not None
            and blocks
            and blocks[-1] is heading
            and tokens[i - 1].type == "paragraph_open"
            and not items
            and (tokens[i - 2].type == "heading_close" or not heading.head.links)
        ):
            # "## [Title](url), 2019/09" then the line of authors right under it; "####
            # Title" then "tag: `ICLR24`", "paper link: [here](url)" paragraphs
            heading.details.append(render_inline(tok))
        if tok.type == "fence" and re.match(r"\s*@\w+\s*\{", tok.content):
            # "```bibtex @misc{…}```" under an entry (a heading or an item; a table between
            # them, of models or links, is the entry's too)
            owner = next((b for b in reversed(blocks) if b.kind != "row"), None)
            if owner is not None:
                owner.bibtex.append(tok.content)
        label = _pseudo_heading(tok, tokens[i - 1] if i else None)
        if label is not None:
            # "<summary><b>2024</b></summary>", a paragraph "**2026**": a heading below every
            # real one, whose venue or year the entries under it take
            line = (tok.map[0] + 1) if tok.map else 1
            blocks.append(Block(line=line, head=Inline(label), kind="heading", depth=PSEUDO))
        start = tok.map[0] if tok.map else -1
        if tok.type == "inline" and start in simple:
            # a pandoc "simple table" (columns under runs of dashes) starts here
            header_line, row_lines = simple[start]
            blocks += [
                Block(
                    line=n,
                    head=next(iter(cells.values())),
                    kind="row",
                    sections=[s for _, s in sections],
                    cells=cells,
                )
                for n, cells in _simple_rows(md, source, header_line, row_lines)
            ]
        elif tok.type == "inline" and start in simple_body:
            pass  # the rows of a simple table, read above
        elif tok.type == "inline" and tokens[i - 1].type == "paragraph_open" and not quotes:
            # Entries written as lines of a paragraph, outside any list:
            # "[MobiCom'21] [Title](url) </br>" on each line
            lines = paragraph_lines(tok)
            whole = render_inline(tok) if not lines else None
            if (
                whole is not None
                and len([part for part in whole.lines if part]) >= 2
                and whole.strong
                and whole.lines[0].strip(" .") == whole.strong[0].strip(" .")
                and whole.links
            ):
                # "**Title**\⏎_A, B_\⏎TMLR, [[Paper](url)]\⏎18 Apr 2024": an entry written
                # as one paragraph, its lines cut by hard breaks, outside any list
                lines = [(start + 1, whole)]
            follows = bool(blocks) and blocks[-1].paragraph and start + 1 - blocks[-1].line <= 3
            said = whole if not lines and follows else None
            if said is not None and said.emphasis and said.text.strip() == said.emphasis[0].strip():
                # "[1] **Title** VLDB 2021. [paper](url)", a blank line, "*A, B, C*": the
                # authors of the entry above, in a paragraph of their own
                blocks[-1].details.append(said)
            blocks += [
                Block(
                    line=line,
                    head=inline,
                    kind="item",
                    sections=[s for _, s in sections],
                    paragraph=True,
                )
                for line, inline in lines
            ]
        if tok.type == "html_block" and tok.map and tok.map[0] < table_end:
            i += 1
            continue  # a part of an HTML table already read
        if (
            tok.type == "html_block"
            and tok.map
            and tok.map[0] >= tables_tried
            and re.search(r"<table\b", tok.content, re.I)
        ):
            end = _source_until(source, tok.map[0], r"</table\s*>")
            # (a table is read once: a "<table>" never closed, or one that holds no rows, is
            # not read again from each of its HTML blocks)
            tables_tried = end if end is not None else len(source)
            chunk = "\n".join(source[tok.map[0] : end]) if end is not None else ""
            tables = html_tables(chunk, tok.map[0] + 1) if end is not None else []
            if end is not None and any(rows for _, rows in tables):
                table_end = end  # (else a page laid out in a table: read on)
                for header, rows in tables:
                    blocks += [_html_row(header, row, [s for _, s in sections]) for row in rows]
                i += 1
                continue
        if tok.type == "html_block" and not items and not nested:
            # '<div markdown="1">' or '<details>' with a list inside and no blank line: the
            # list is markdown that CommonMark leaves as HTML; read it as markdown
            inner = _markdown_in_html(tok.content)
            if inner is not None:
                first = tok.map[0] if tok.map else 0
                above = [s for _, s in sections]
                for block in parse_markdown(inner, nested=True):
                    block.line += first
                    block.sections = above + block.sections
                    if block.kind != "heading":
                        blocks.append(block)
        if tok.type == "blockquote_open":
            quotes.append(bool(items) and items[-1] is not None)
        elif tok.type == "blockquote_close":
            quotes.pop()
        if tok.type == "thead_open":
            in_head, table_header = True, []
        elif tok.type == "thead_close":
            in_head = False
        elif tok.type == "tr_open":
            row, row_line = [], (tok.map[0] + 1) if tok.map else 1
        elif tok.type == "inline" and tokens[i - 1].type in ("th_open", "td_open"):
            cell = render_inline(tok)
            if in_head:
                table_header.append(column_name(cell.text))
            else:
                row.append(cell)
        elif tok.type == "tr_close" and not in_head and row:
            cells = dict(zip(table_header, row, strict=False))
            blocks.append(
                Block(
                    line=row_line,
                    head=row[0],
                    kind="row",
                    sections=[s for _, s in sections],
                    cells=cells,
                )
            )
        i += 1
    return blocks
