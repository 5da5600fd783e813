"""Recognise what a markdown block says: a paper (title, venue, year, links, authors),
software, or something to skip (course, blog, video, talk, heading, table of contents).

One module per part of the reading: :mod:`.read` dispatches a block to :mod:`.headings`
(papers as headings, with fields and BibTeX blocks), :mod:`.rows` (markdown, HTML and
simple tables) or :mod:`.items` (one reader per layout of a list item's first line), which
hands on to :mod:`.title_venue` (a venue written into the title), :mod:`.details` (the
lines under an entry) and :mod:`.decide` (paper, software or skipped, and why); :mod:`.styles`
reads whole citations in the standard styles (APA, ACM, DBLP, GB/T 7714); :mod:`.tags`,
:mod:`.citations` and :mod:`.names` read venues, years and authors wherever a layout puts
them; :mod:`.links` and :mod:`.kinds` tell papers from code, slides, videos and talks;
:mod:`.bibliography` reads BibTeX, a file's or a block's. An entry whose title would keep a
decoration ``validate`` refuses is reported as partly read, not written.

Entry styles seen in the field's lists, each handled:

- ``1. **Title** OSDI 2018`` with an italic author paragraph and ``Code: url``;
- ``- 2016-ICLR-[Title](url) [[Code](url)]`` and ``- 2016.06-[Title](url)`` (preprints);
- ``1. [Title](url) [Venue 'YY, Org]`` and venue-first ``[OSDI'22] [Title](url)``;
- citations ``Author, et al. "Title." VENUE. YEAR.``, APA, Chicago, GB/T 7714, plain
  ``Title. A, B. Venue 2023.``;
- ``- Title [[Paper]](url) [[GitHub]](url)`` with sub-bullets for authors and venue;
- ``#### Title [Venue 'YY]`` headings and linked headings with their authors below;
  markdown tables with title/venue/year/author columns;
- venue and year given only by headings (``### OSDI`` / ``#### 2018``, ``### ATC 2020``).
"""

from .context import Context
from .read import read_entry
from .record import Entry, clean_title
from .vocabulary import year_in

__all__ = ["Context", "Entry", "clean_title", "read_entry", "year_in"]
