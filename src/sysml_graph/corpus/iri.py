"""IRIs made from links in the data: which links are refused, which characters are
percent-encoded, so that every IRI written is one that strict parsers (Oxigraph, rapper,
serdi) read.

A curated link is a web address a person copied from a browser. Characters a browser
would itself percent-encode before sending the address (a space or a ``"`` in a query,
``{}|^`` and the backtick, ``[]`` outside an IPv6 host, a ``%`` not followed by two hex
digits, a second ``#``, Unicode that RFC 3987 keeps out of IRIs) are encoded the same
way: the link still leads where it did. What no copied address holds, or holds only as an
attack or a paste error, is refused with a message: another scheme than http(s)
(``javascript:``), control characters, ``<`` or ``>`` (they would end the IRI in Turtle
and N-Triples; ``<https://…>`` is usually a pasted autolink), ``\\`` (browsers read it as
``/``, other tools do not), a user name or password before the host, a host or port that
is not one.
"""

from __future__ import annotations

import ipaddress
import re
import unicodedata

# RFC 3987's ucschar: the non-ASCII code points an IRI may hold as they are (not the
# private-use ones, the last two of each plane, the Unicode "specials" or the tags).
_UCSCHAR = "\u00a0-\ud7ff\uf900-\ufdcf\ufdf0-\uffef" + "".join(
    f"{chr(plane << 16)}-{chr((plane << 16) + 0xFFFD)}" for plane in range(1, 14)
)

_UCSCHAR += "\U000e1000-\U000efffd"

# RFC 3986's unreserved and sub-delims, and the ":", "@", "/" and "?" paths and queries
# may hold; "#" and "%" are handled apart (one fragment, well-formed escapes).
_SAFE = r"A-Za-z0-9\-._~!$&'()*+,;=:@/?"

_CHAR = re.compile(f"[{_SAFE}{_UCSCHAR}]")

_PART = f"(?:[{_SAFE}{_UCSCHAR}]|%[0-9A-Fa-f]{{2}})*"

_VALID_TAIL = re.compile(f"{_PART}(?:#{_PART})?\\Z")

_HEX2 = re.compile(r"[0-9A-Fa-f]{2}")

# The shape of nearly every link, which needs no closer look (ASCII only: a character
# class without alternatives keeps the check under a microsecond).
_PLAIN_LINK = re.compile(r"https?://[A-Za-z0-9.-]+(?:[/?#][A-Za-z0-9\-._~!$&'()*+,;=:@/?#%]*)?\Z")

# What makes such a link need a closer look all the same: a "%" without two hex digits,
# a second "#", a dot segment.
_PLAIN_BUT = re.compile(r"%(?![0-9A-Fa-f]{2})|#.*#|/\.\.?(?:[/?#]|\Z)")

_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")

_REG_NAME = re.compile(f"[A-Za-z0-9\\-._~{_UCSCHAR}]+\\Z")

_PORT = re.compile(r"[0-9]{1,5}\Z")

_PATH_CHAR = re.compile(f"[A-Za-z0-9\\-._~!$&'()*+,;=:@/{_UCSCHAR}]")

_PLAIN_PATH = re.compile(r"[A-Za-z0-9\-._~/]*\Z")

# C0 and C1 controls, DEL, the Unicode line and paragraph separators, lone surrogates.
CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")

HTTP_ONLY = "must be an http(s) link like 'https://example.org/paper'"


class LinkError(ValueError):
    """A link that cannot be written as an IRI; the message says what to write instead
    (a phrase that follows the field's name: "must be …")."""


def web_link(value: str) -> str:
    """The IRI to write for an http(s) link from the data; raise :class:`LinkError`.

    The result is ``value`` itself when it already is a valid IRI (nearly always), else
    ``value`` with its scheme in lower case and the characters an IRI cannot hold
    percent-encoded (as UTF-8). It is its own result: ``web_link(web_link(x)) ==
    web_link(x)``.

    >>> web_link("https://example.org/search?q=low rank")
    'https://example.org/search?q=low%20rank'
    >>> web_link('HTTPS://example.org/a|b?q="x"#top#2')
    'https://example.org/a%7Cb?q=%22x%22#top%232'
    >>> try:
    ...     web_link("https://example.org/a>b")
    ... except LinkError as err:
    ...     print(str(err).split(':')[0])
    must not contain '<' or '>'
    """
    if _is_plain(value):
        return value
    bad = first_control(value)
    if bad is not None:
        raise LinkError(f"must not contain control characters or line breaks (found {bad})")
    if "<" in value or ">" in value:
        raise LinkError(
            "must not contain '<' or '>': write the address without angle brackets "
            "(or %3C and %3E where the address really has them)"
        )
    if "\\" in value:
        raise LinkError(
            "must not contain '\\': write '/' as browsers read it "
            "(or %5C where the address really has a backslash)"
        )
    m = _SCHEME.match(value)
    if m is None or m.group(1).lower() not in ("http", "https") or value[m.end() :][:2] != "//":
        raise LinkError(HTTP_ONLY)
    rest = value[m.end() + 2 :]
    end = min((i for i in map(rest.find, "/?#") if i >= 0), default=len(rest))
    authority, tail = rest[:end], rest[end:]
    _check_authority(authority)
    return f"{m.group(1).lower()}://{authority}{_without_dot_segments(_encode_tail(tail))}"


def _is_plain(iri: str) -> bool:
    """Whether ``iri`` is an http(s) IRI of the common kind that needs no change."""
    if _PLAIN_LINK.match(iri) is None:
        return False
    return ("%" not in iri and "#" not in iri and "/." not in iri) or not _PLAIN_BUT.search(iri)


def _check_authority(authority: str) -> None:
    if "@" in authority:
        raise LinkError(
            "must not carry a user name or password (before '@' in the host part): "
            "write the address without them"
        )
    host, port = authority, None
    if authority.startswith("["):
        close = authority.find("]")
        host, after = authority[: close + 1], authority[close + 1 :]
        if close < 0 or (after and not after.startswith(":")):
            raise LinkError("must have an IPv6 host in brackets like 'https://[2001:db8::1]/'")
        port = after[1:] if after else None
        inner = host[1:-1]
        try:
            ipaddress.IPv6Address(inner)
        except ValueError:
            inner = ""
        if not inner or "%" in inner:  # zone ids ("%eth0") mean nothing beyond one machine
            raise LinkError("must have an IPv6 host in brackets like 'https://[2001:db8::1]/'")
    else:
        if ":" in authority:
            host, port = authority.split(":", 1)
        if not _REG_NAME.match(host):
            raise LinkError(
                "must name a host like 'example.org' after '//' "
                "(letters, digits, '-' and '.'; an IPv6 address in brackets)"
            )
    if port is not None and (not _PORT.match(port) or int(port) > 65535):
        raise LinkError("must have a port number from 0 to 65535 after the host's ':'")


def _encode_tail(tail: str, keep: str = "") -> str:
    """Path, query and fragment (or other ``keep`` characters) with every character an
    IRI cannot hold there percent-encoded."""
    if not keep and _VALID_TAIL.match(tail):
        return tail
    out: list[str] = []
    fragment = False
    for i, c in enumerate(tail):
        if _CHAR.match(c) or c in keep or (c == "%" and _HEX2.match(tail, i + 1)):
            out.append(c)
        elif c == "#" and not fragment:
            fragment = True
            out.append(c)
        else:
            out.append(_pct(c))
    return "".join(out)


def escape(iri: str) -> str:
    """``iri`` with every character percent-encoded that an IRI never holds raw there
    (spaces, controls, ``<>"{}|^`\\``, Unicode outside RFC 3987's ranges, a bare ``%``, a
    second ``#``); unchanged when there is none. For IRIs composed of several parts, so
    that no combination of them can break an N-Triples line.

    >>> escape("https://example.org/a b#L1#L2")
    'https://example.org/a%20b#L1%23L2'
    """
    if _is_plain(iri):
        return iri
    m = _SCHEME.match(iri)
    if m is None:
        return _encode_tail(iri)
    head, rest = m.group(0), iri[m.end() :]
    if not rest.startswith("//"):
        return head + _encode_tail(rest)
    end = min((i for i in map(rest.find, "/?#", [2] * 3) if i >= 0), default=len(rest))
    # The authority keeps its brackets (IPv6 hosts); "#" cannot occur in it.
    head += "//" + _encode_tail(rest[2:end], keep="[]")
    return head + _without_dot_segments(_encode_tail(rest[end:]))


def _without_dot_segments(tail: str) -> str:
    """The path of ``tail`` (path, query, fragment) without "." and ".." segments, as
    RFC 3986 (5.2.4) and browsers resolve them. Written as they are, the same IRI would
    read differently in different tools: rapper resolves them in Turtle (by rules of its
    own: ``/a//../b`` becomes ``/b``), Oxigraph and serdi keep them.

    >>> _without_dot_segments("/a/b/../c/./d/..?q=/../#/./")
    '/a/c/?q=/../#/./'
    """
    end = min((i for i in map(tail.find, "?#") if i >= 0), default=len(tail))
    path = tail[:end]
    if "/." not in path:
        return tail
    out: list[str] = []  # segments with their leading "/"
    while path:
        if path.startswith("/./") or path == "/.":
            path = "/" + path[3:]
        elif path.startswith("/../") or path == "/..":
            path = "/" + path[4:]
            del out[-1:]
        else:
            cut = path.find("/", 1)
            cut = len(path) if cut < 0 else cut
            out.append(path[:cut])
            path = path[cut:]
    return "".join(out) + tail[end:]


def path_part(path: str) -> str:
    """A file path (``docs/ML Systems.md``) as the path of an IRI: every character that
    is not allowed there, or would mean something else (``%``, ``?``, ``#``), encoded.

    >>> path_part("docs/ML Systems #2.md")
    'docs/ML%20Systems%20%232.md'
    """
    if _PLAIN_PATH.match(path):
        return path
    return "".join(c if _PATH_CHAR.match(c) else _pct(c) for c in path)


def _pct(c: str) -> str:
    # surrogatepass: never fails (the loader refuses lone surrogates long before this).
    return "".join(f"%{b:02X}" for b in c.encode("utf-8", "surrogatepass"))


def first_control(text: str) -> str | None:
    """``U+001B`` for the first control character, line break or lone surrogate in
    ``text``; ``None`` when there is none."""
    m = CONTROL.search(text)
    return None if m is None else codepoint(m.group(0))


def codepoint(c: str) -> str:
    """``U+00E9 LATIN SMALL LETTER E WITH ACUTE``: a character named for a message."""
    name = unicodedata.name(c, "")
    return f"U+{ord(c):04X}" + (f" {name}" if name else "")
