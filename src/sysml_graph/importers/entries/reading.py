"""What a layout reader found on an entry's first line."""

from __future__ import annotations

from dataclasses import dataclass

from ..venues import VenueMatch

Said = tuple[VenueMatch | None, int | None]


@dataclass
class Reading:
    """What a layout reader found on an entry's first line."""

    title: str = ""
    venue: VenueMatch | None = None
    year: int | None = None
    not_paper: bool = False
    # A venue and year said anywhere around the title ("| SOSP 2023 |", "Kwon et al., SOSP
    # 2023"): they tell where a paper appeared, never that an entry is one ("- [vLLM](repo)
    # - a serving engine, SOSP 2023" stays software).
    said_late: Said = (None, None)
    # The venue or year came from a heading above the entry, not from the entry itself: a
    # badge of its own says better ("### ACL 2025" over a "NAACL_Oral-2025" badge).
    from_context: bool = False
    # The date the list added it ("Title [[paper](url)] (2024.02.29)"): its year, when no
    # venue's year or tag says one.
    dated: int | None = None
