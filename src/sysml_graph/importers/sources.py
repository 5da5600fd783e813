"""A source list's provenance: SOURCE.txt, licence and the markdown files it holds."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..corpus.paper_yaml import record_problems
from ..corpus.parse import parse_source_lists
from ..problems import InvalidInput, Problem
from .venues import slug


@dataclass
class ListInfo:
    """A source list: where it lives, which commit was read, its licence."""

    id: str
    repository: str
    title: str
    commit: str | None = None
    licence: str | None = None
    complete_only: bool = False  # read only to fill drafts' fields


def read_source_txt(folder: Path) -> dict[str, str]:
    """``repository:``, ``commit:`` and ``licence:`` lines of a corpus' SOURCE.txt."""
    path = folder / "SOURCE.txt"
    out: dict[str, str] = {}
    if path.is_file():
        for line in path.read_text(encoding="utf-8").splitlines():
            m = re.match(r"(repository|commit|licence):\s+(\S+)", line)
            if m and m.group(1) not in out:
                out[m.group(1)] = m.group(2)
    return out


def list_info(path: Path, source_url: str | None, commit: str | None) -> ListInfo:
    """The list ``path`` is (a folder's SOURCE.txt says which); raise
    :class:`InvalidInput` for a repository, commit or licence ``sources.yaml`` could not
    hold, naming the option or SOURCE.txt it came from."""
    folder = path if path.is_dir() else path.parent
    meta = read_source_txt(folder)
    # Without an address the list is known by its name, never by a path on this machine.
    repo = source_url or meta.get("repository") or path.name
    title = repo.rstrip("/").rsplit("/", 1)[-1]
    info = ListInfo(
        slug(repo.removeprefix("https://github.com/")),
        repo,
        title,
        commit or meta.get("commit"),
        meta.get("licence"),
    )
    record = {
        "id": info.id,
        "repository": info.repository,
        "title": info.title,
        "commit": info.commit,
        "licence": info.licence,
    }
    option = {"repository": source_url and "--source-url", "commit": commit and "--commit"}
    problems: list[Problem] = []
    for key, _, message in record_problems(
        parse_source_lists, {k: v for k, v in record.items() if v}, listed=True
    ):
        if option.get(key):
            problems.append(Problem(str(path), 1, f"{option[key]}: {message}"))
        elif key in meta:
            problems.append(Problem(str(folder / "SOURCE.txt"), 1, message))
        else:
            problems.append(Problem(str(path), 1, message))
    if problems:
        raise InvalidInput(problems)
    return info


def markdown_files(path: Path) -> list[tuple[Path, str]]:
    """(file, name relative to the list's folder) for a file or every .md under a folder."""
    if path.is_dir():
        return [(p, p.relative_to(path).as_posix()) for p in sorted(path.rglob("*.md"))]
    return [(path, path.name)]
