"""People's names in author lines: "A, B and C", "Last, First", Chicago and APA forms."""

from __future__ import annotations

import re

from .vocabulary import VENUE_WORDS

NOT_A_LONE_NAME = re.compile(r"\b[A-Z]{2,}|(?i:\b(?:award|prize|best|outstanding|honou?rable)\b)")

NAME = re.compile(
    # (a nickname may be glued to the given name too: "Xiaojin(Jerry) Zhu")
    r"^(?:[A-ZÀ-ÝĀ-ſ][\w'’.-]*(?:\([A-ZÀ-ÝĀ-ſ][\w'’.-]*\))?|(?:de|van|von|der|den|da|di|le|la|du|dos|del|bin)"
    # (an Irish surname's "h": "Seán Ó hÉigeartaigh")
    r")(?:\s+(?:[A-ZÀ-ÝĀ-ſ][\w'’.-]*|h[A-ZÀ-ÝĀ-ſ][\w'’-]*|(?:de|des|van|von|der|den|da|di|le|la|las|los|du|dos|"
    # a nickname in parentheses, maybe glued to the next name: "Yingyan (Celine)Lin"
    r"del|della|bin|ul|al|el|ibn)|[A-Z]\.|\([A-ZÀ-ÝĀ-ſ][\w'’.-]*\)(?:[A-ZÀ-ÝĀ-ſ][\w'’.-]*)?)){1,4}$"
)

ORG = re.compile(
    r"\b(univ|university|universit[éàä]t?|universidad|institute|institut|instituto|inc|corp|"
    r"research|lab|labs|laboratory|college|"
    r"school|google|microsoft|facebook|meta|amazon|alibaba|nvidia|intel|ibm|baidu|"
    r"tencent|huawei|bytedance|academy|centre|center|tech|technologies|ltd|llc|"
    r"epfl|eth|mit|cmu|ucla|ucsd|kaist|unist|department|national|state|group)\b",
    re.I,
)


def split_names(text: str) -> list[str] | None:
    """Person names from an author line, or None when it is not clearly one.

    >>> split_names("Cedric Renggli, Saleh Ashkboos, Dan Alistarh, and Torsten Hoefler")
    ['Cedric Renggli', 'Saleh Ashkboos', 'Dan Alistarh', 'Torsten Hoefler']
    >>> split_names("Summary: this paper shows") is None
    True
    >>> split_names("Yihao Feng*, Shentao Yang*, Li Wei†")
    ['Yihao Feng', 'Shentao Yang', 'Li Wei']
    >>> split_names("Si Si, Xiaojin(Jerry) Zhu, Yang Li")
    ['Si Si', 'Xiaojin(Jerry) Zhu', 'Yang Li']
    """
    # marks after a name: equal contribution, corresponding author ("Yihao Feng*", "Li†")
    text = re.sub(r"(?<=[\w.])[*†‡§¶]+(?=\s*(?:,|;|$|\band\b))", "", text)
    # ("Chaoqun Zhan & Feilong Tang": an ampersand before the last, as "and"; "Jing Wang;
    # Jingdong Wang": semicolons between names)
    parts = [
        p.strip() for p in re.split(r"[,;]\s*(?:and\s+|&\s*)?|\s+(?:and|&)\s+", text.strip(" .*"))
    ]
    parts = [p for p in parts if p]
    # ("…, Alexander Julian Mattick. NeurIPS": a venue after the last name's full stop)
    if not parts or re.search(r"[a-z]{2}\.\s+[A-Z]\w*[A-Z]\w*$", parts[-1]):
        return None
    if any(not NAME.match(p) or ORG.search(p) for p in parts):
        return None
    return parts


def last_first(text: str) -> tuple[list[str], bool] | None:
    """``Crankshaw, Daniel, et al.`` / ``Chard, R., Li, Z., and Foster, I.`` style; surnames
    with "et al." (``Malkov et al.``) as they are.

    >>> last_first("Malkov et al."), last_first("Li & Malkov et al."), last_first("Malkov")
    ((['Malkov'], True), (['Li', 'Malkov'], True), None)
    >>> last_first("Caswell, Isaac and van Esch, Daan and Liu, Peter J.")
    (['Isaac Caswell', 'Daan van Esch', 'Peter J. Liu'], False)
    >>> last_first("Raffel, Colin and Shazeer, Noam... 3 hidden ... Zhou, Yanqi")
    (['Colin Raffel', 'Noam Shazeer'], True)
    >>> last_first("Yihong Dong, Xue Jiang, Jiaru Qian, ..., Zhi Jin, Ge Li")
    (['Yihong Dong', 'Xue Jiang', 'Jiaru Qian'], True)
    """
    # "et al.", and as lists misspell it: "et.al.", "et. al", "et.a."; "etc." at the end
    # ("… Long Xiang and so on", "… and others": the list's own "et al."; "Roberts, Adam...
    # 3 hidden ... Zhou, Yanqi": names left out, so the ones after them have no known place)
    # ("A, B, C, ..., Y, Z": names left out in the middle, the same)
    hidden = re.search(r"\.\.\.\s*\d+ hidden\b|,\s*(?:\.\.\.|…)\s*,", text)
    text = text[: hidden.start()] + " et al." if hidden else text
    et_al = bool(re.search(r"\bet\.?\s?al?\b\.?|\betc\.?$|\band (?:so on|others)$", text))
    body = re.sub(
        r"[,;]?\s*(?:\bet\.?\s?al?\b\.?|etc\.?$|\band (?:so on|others)$).*$", "", text
    ).strip(" ,.;")
    body = re.sub(r",?\s*\d{4}.*$", "", body).strip(" ,.")
    if not body:
        return None
    m = re.fullmatch(r"([A-Z][\w'’-]+), ([A-Z][\w'’-]+(?: [A-Z][\w'’.-]*)*)", body)
    if m and et_al:
        return [f"{m.group(2)} {m.group(1)}"], True
    # Initials "A." or "J. R." with a space only between two of them, so that a long list
    # that does not match fails in linear time instead of trying every split of the spaces.
    # (the last initial's full stop may have gone with the line's: "…, and Cai, D")
    body = body + "." if re.search(r", (?:[A-Z]\.\s?)*[A-Z]$", body) else body
    pairs = re.findall(r"(?:and )?\b([A-Z][\w'’-]+), ([A-Z]\.(?:\s?[A-Z]\.)*)", body)
    if len(pairs) >= 2 and re.fullmatch(
        r"(?:(?:and )?[A-Z][\w'’-]+, [A-Z]\.(?:\s?[A-Z]\.)*,?\s*)+", body + ","
    ):
        return [f"{first.strip()} {last}" for last, first in pairs], et_al
    bibtex = [p.strip() for p in re.split(r"\s+and\s+", body)]
    if len(bibtex) >= 2 and all(_BIBTEX_NAME.fullmatch(p) for p in bibtex):
        # BibTeX's "Grave, Edouard and Bojanowski, Piotr and van Esch, Daan" (an initial's
        # full stop at the end went with the line's: "Liu, Peter J.")
        if re.search(r"\b[A-Z]$", bibtex[-1]) and text.rstrip().endswith(bibtex[-1] + "."):
            bibtex[-1] += "."
        return [" ".join(reversed(p.split(", ", 1))) for p in bibtex], et_al
    chicago = _chicago(body)
    if chicago:
        return chicago, et_al
    names = split_names(body)
    if names:
        return names, et_al
    said = re.fullmatch(
        r"[A-ZÀ-ÝĀ-ſ][\w'’-]+(?:\s*(?:,|&|\band\b)\s*[A-ZÀ-ÝĀ-ſ][\w'’-]+){0,2}", body
    )
    if et_al and said and not ORG.search(body) and not NOT_NAME_WORDS.search(body):
        # "Malkov et al.", "Li & Malkov et al.": surnames only, as the list gives them (the
        # writer keeps no person of one word: see drafts.surnames_only)
        return [n.strip() for n in re.split(r"\s*(?:,|&|\band\b)\s*", body)], True
    return None


_GIVEN = re.compile(r"[A-ZÀ-ÝĀ-ſ][\w'’.-]*(?:\s+(?:[A-ZÀ-ÝĀ-ſ][\w'’.-]*|[A-Z]\.)){0,2}")
_SURNAME = re.compile(r"(?:(?:de|van|von|der|den|da|di|le|la|du|dos|del)\s+)*[A-ZÀ-ÝĀ-ſ][\w'’-]+")
# One "Family, Given" name of a BibTeX author list ("van Esch, Daan", "Liu, Peter J.").
_BIBTEX_NAME = re.compile(
    _SURNAME.pattern
    + r"(?:\s[A-ZÀ-ÝĀ-ſ][\w'’-]+)?, [A-ZÀ-ÝĀ-ſ][\w'’.-]*(?:\s[A-ZÀ-ÝĀ-ſ][\w'’.-]*){0,2}"
)


def _chicago(body: str) -> list[str] | None:
    """``Sze, Vivienne, Yu-Hsin Chen, and Joel S. Emer``: the first author inverted, the
    others not (Chicago style); one inverted name alone is one author.

    >>> _chicago("Sze, Vivienne, Yu-Hsin Chen, Tien-Ju Yang, and Joel S. Emer")
    ['Vivienne Sze', 'Yu-Hsin Chen', 'Tien-Ju Yang', 'Joel S. Emer']
    >>> _chicago("Rodriguez, Andres"), _chicago("Deep Learning, Systems") is None
    (['Andres Rodriguez'], True)
    """
    parts = [p.strip() for p in re.split(r",\s*(?:and\s+)?|\s+and\s+", body) if p.strip()]
    if len(parts) < 2 or not _SURNAME.fullmatch(parts[0]) or not _GIVEN.fullmatch(parts[1]):
        return None
    rest = parts[2:]
    if any(not NAME.match(r) or ORG.search(r) or VENUE_WORDS.search(r) for r in rest):
        return None
    if not rest and len(parts[1].split()) > 1 and not re.search(r"[A-Z]\.", parts[1]):
        return None  # "Deep Learning, Systems Design": two phrases, not a name
    return [f"{parts[1]} {parts[0]}", *rest]


NOT_NAME_WORDS = re.compile(
    r"\b(models?|devices?|networks?|language|data|blog|inference|efficient|large|deep|"
    r"training|serving|edge|survey|systems?|benchmarks?|datasets?|mellon|berkeley|stanford|"
    r"tsinghua|peking|face|"
    r"openai|deepmind|apple|qualcomm|samsung|web)\b",
    re.I,
)


def person_like(name: str) -> bool:
    """Whether a name read from free text can be a person's ("Ann Lee", not "Large Language
    Models", "Hugging Face Blog", "Carnegie Mellon", "UC Berkeley")."""
    return not (ORG.search(name) or NOT_A_LONE_NAME.search(name) or NOT_NAME_WORDS.search(name))


def without_affiliations(text: str) -> str:
    """An author line without the affiliations in parentheses that close its names (a
    nickname inside a name stays: "Vijayalakshmi (Viji) Srinivasan").

    >>> without_affiliations("Xixi Wu (CUHK) and Yifei Shen (MSRA & THU) et al.")
    'Xixi Wu and Yifei Shen et al.'
    >>> without_affiliations("Lin Xu et al. (NUS, Stanford), Yingyan (Celine) Lin")
    'Lin Xu et al., Yingyan (Celine) Lin'
    >>> without_affiliations("Yang Su (Cornell Tech).")
    'Yang Su.'
    """
    return re.sub(r"\s*\([^()]{2,80}\)(?=\s*(?:[,;&]|\band\b|\bet\.? ?al\b|\.?\s*$))", "", text)


def author_line(text: str) -> tuple[list[str], bool] | None:
    """The authors a line under an entry, a table's Authors cell or a heading's next line
    names, with "et al."; None when it names none, or only one "name" that is a note
    ("UC Berkeley", "Carnegie Mellon", "Outstanding Paper Award").

    >>> author_line("Zhang B, Zeng H, et al."), author_line("UC Berkeley")
    ((['Zhang B', 'Zeng H'], True), None)
    """
    found = last_first(without_affiliations(text).strip(" ,."))
    if found and len(found[0]) == 1 and not person_like(found[0][0]):
        return None
    return found


def credited(text: str) -> tuple[list[str], bool] | None:
    """The people a title credits at its end, ``(@Zhihang Yuan etc)``, ``(@Qiaozhi He, Zhihua
    Wu)``; None for an organisation (``(@Microsoft)``, ``(@deepseek-ai)``).

    >>> credited("Title(@Zhihang Yuan etc)"), credited("Title (@Microsoft)")
    ((['Zhihang Yuan'], True), None)
    >>> credited("Title (Woosuk Kwon, Zhuohan Li)"), credited("Title (Extended Abstract)")
    ((['Woosuk Kwon', 'Zhuohan Li'], False), None)
    """
    m = re.search(r"\((@?)([^()@]{2,200})\)\s*$", text)
    found = author_line(m.group(2)) if m else None
    # (a credit of one word is an organisation's or a handle: "@Beihang etc", "@DeepGlint";
    # without "@", two people's names at least: "Title (Woosuk Kwon, Zhuohan Li)")
    if (
        m is None
        or found is None
        or (not m.group(1) and len(found[0]) < 2)
        or any(ORG.search(n) or not person_like(n) or len(n.split()) < 2 for n in found[0])
    ):
        return None
    return found


def in_italics(cited: list[str], italics: str) -> list[str]:
    """The authors of a citation whose names are in italics: the names end where the italics
    do ("*A, B* <br> **SOSP 2023**" gives "B", not "B SOSP").

    >>> in_italics(["Ann Lee", "Bo Chen SOSP"], "Ann Lee, Bo Chen")
    ['Ann Lee', 'Bo Chen']
    """
    named = split_names(re.sub(r",?\s*et al\.?$", "", italics))
    return named if named and len(named) == len(cited) else cited


def affiliated_names(text: str) -> list[str] | None:
    """``A, B, and C, University X; D, Company Y`` → [A, B, C, D], only when every group
    clearly ends in an organisation and everything before it is a person's name."""
    if ";" not in text and not ORG.search(text):
        return None
    names: list[str] = []
    for group in text.split(";"):
        parts = [p.strip() for p in re.split(r",\s*", group.strip(" ."))]
        cut = next((i for i, p in enumerate(parts) if ORG.search(p)), None)
        if cut is None or cut == 0:
            return None
        people = split_names(", ".join(parts[:cut]))
        if not people:
            return None
        names += people
    return names or None
