"""What the shapes say beside the file: the year range that depends on today's date, and one result
of a check.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass


def year_pattern(last: int | None = None) -> str:
    """A pattern for the years 1950 to next year, at the start of a date's lexical form.

    >>> import re
    >>> p = year_pattern(2027)
    >>> [bool(re.match(p, y)) for y in ("1949", "1950", "2027", "2027-06-01", "2028", "20l7")]
    [False, True, True, True, False, False]
    """
    last = last or datetime.date.today().year + 1
    return "^(" + "|".join(str(y) for y in range(1950, last + 1)) + ")(-|$)"


@dataclass(frozen=True)
class _Result:
    focus: str
    message: str
    path: str | None
    value: str | None  # as text: an IRI, a literal's lexical form
