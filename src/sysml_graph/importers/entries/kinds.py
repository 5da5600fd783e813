"""What is no paper: talks, tutorials, books, repositories, non-paper sections."""

from __future__ import annotations

import re

NOT_PAPER_SECTIONS = re.compile(
    r"\b(courses?|videos?|blogs?|tutorials?|talks?|lectures?|podcasts?|tools?|librar(y|ies)|"
    r"frameworks?|projects?|repos?|repositories|websites?|people|researchers|faculty|slides|engines?|"
    r"resources|drivers?|demos?|related|books?|contributing|license|table of contents|"
    r"conferences?|credits|workshops|competitions?|challenges?|white ?papers?|reports|codebases?|"
    r"data ?sets?|news|compan(?:y|ies)|experiences?|update (?:notes?|logs?|history)|changelog)\b"
    r"|^\W*(?:(?:main|recent|latest)\s+)*updates?\W*$",
    re.I,
)

# Sections of books, courses and talks, whose entries cite their authors as papers do.
TAUGHT = re.compile(
    r"\b(?:books?|courses?|lectures?|tutorials?|talks?|videos?|slides|blogs?|podcasts?)\b", re.I
)

# A section of books.
BOOKS = re.compile(r"\bbooks?\b", re.I)

# A section of tutorials (given at conferences, so cited with a venue and a year as papers are).
TUTORIALS = re.compile(r"\btutorials?\b", re.I)

# A section that names papers ("Papers", "Mobile-Related Use-cases > Papers", "Resources >
# Survey"), not white papers.
PAPERS_SECTION = re.compile(r"(?<!white )\bpapers?\b|\bsurveys?\b", re.I)

# A talk named on its entry's line ("Jeff Dean: "…" Keynote - Velocity 2014").
TALK = re.compile(r"\bkeynote\b|\binvited talk\b", re.I)

NOT_PAPER_TITLE = re.compile(
    r"^\d{4}-\S+ (tutorial|workshop)\b|^\d+(st|nd|rd|th)-\d{4}|^awesome\b|\bworkshop on\b"
    r"|^special issue\b"  # a journal's issue: "Special Issue on High-Dimensional Vector …"
    r"|^[\w-]+ workshop \(|\btutorial$"
    # "(blog post)", "(video)" said after a title; "Sasha's talk on …"
    r"|\((?:blog(?: post)?|video|slides|talk|podcast)\)\s*$|\w['’]s (?:talk|keynote|lecture)\b"
    # a course's number: "CS294: AI for Systems", "CSE 599W: Systems for ML"
    r"|^(?:CS|CSE|EECS|ECE|COS|COMS|STAT)[\s-]?\d{2,4}[A-Z]?\b"
    # Chinese: course, textbook, tutorial, blog, video ("CMU DL Systems课程", "复旦大学LLM教材")
    r"|课程|教材|教程|博客|视频"
    # a date alone, a news item's ("**2025/08/24**: Our survey was accepted …")
    r"|^\d{4}[/.-]\d{1,2}(?:[/.-]\d{1,2})?$|^\d{4}[/.-]\d{1,2}[/.-]\d{1,2}\b"
    # news: "We are very fortunate that our article was reported by …"
    r"|^(?:we are|we have|we're|our (?:paper|survey|work|article|team)s?)\b"
    # the list's own changelog: "Add papers accepted by ICLR'24, AAAI'24!"
    r"|^(?:add(?:ed)?|update[ds]?) (?:\d+ |new |the |more )*papers?\b"
    # a dated news line: "2026.4: Added RankSEG (NeurIPS 2025), EfficientSAM (CVPR 2024) …"
    r"|^\d{4}[./-]\d{1,2}(?:[./-]\d{1,2})?\s*:\s*(?:add(?:ed)?|update[ds]?|release[ds]?)\b"
    # a number ("| NeurIPS | 2021 | 32 |"), a link to a venue's list of papers
    r"|^[\d\s.,:;/%+-]*$|^(?:the )?(?:list of )?(?:accepted|all) papers\b|^paper list$",
    re.I,
)

# The marks lists put before what is no paper: a course, a book, a blog, a video, a tool.
NOT_PAPER_MARK = re.compile(r"^\W*(?:🎓|📔|📚|📦|🎥|📺|🛠|🔧|📝 ?blog)")

NOT_PAPER_VENUE = re.compile(
    r"\b(talks?|repo|book|blog|slides?|video|tutorial|keynote|website|github)\b", re.I
)


def section_says_not(topics: list[str]) -> bool:
    """Whether the headings above an entry file it among courses, tools, talks and the like;
    a heading naming papers under one that does not ("Mobile-Related Use-cases > Papers")
    has the last word."""
    return any(
        NOT_PAPER_SECTIONS.search(s) and not PAPERS_SECTION.search(s) for s in topics
    ) and not (topics and PAPERS_SECTION.search(topics[-1]))


def topics_of(sections: list[str]) -> list[str]:
    """The headings above an entry that name its topics: not a year ("2019", "Year 2020")."""
    return [s for s in sections if not re.fullmatch(r"\s*(year\s+)?\d{4}.*", s, re.I)]


# A person's name with a middle initial: "Joseph E. Gonzalez" (titles seldom have one).
INITIALLED_NAME = re.compile(r"[A-ZÀ-Ý][\w'’-]+ (?:[A-Z]\. ?)+[A-ZÀ-Ý][\w'’-]+")


# Why an item that could be a paper was skipped: nothing shows it is one.
UNPROVEN = "no venue, year or paper link"


def titled(text: str) -> bool:
    """Whether a text without a link reads as a paper's title: three words or more, opening
    with a capital or a digit (a list's note, "to be update soon", "dont have interesting
    papers for me", does not).

    >>> titled("Sparse Compressed Spiking Neural Network"), titled("to be update soon")
    (True, False)
    >>> titled("FINN"), titled("A compute-in-memory chip based on resistive memory")
    (False, True)
    """
    words = text.split()
    return len(words) >= 3 and bool(re.match(r"[A-Z0-9À-Ý]", text))
