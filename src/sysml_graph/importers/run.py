"""An import run: a list or a BibTeX file read, de-duplicated against the data, as drafts."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from ..corpus.read import read_corpus
from ..problems import InvalidInput, Problem
from .awesome import read_list
from .drafts import Importer
from .entries.bibliography import read_bibtex
from .sources import ListInfo, list_info, markdown_files


def import_bibtex(
    inputs: Iterable[Path],
    data_dir: Path,
    source_url: str | None = None,
    complete_only: bool = False,
) -> tuple[Importer, dict[str, str]]:
    """Read BibTeX files into drafts for ``data_dir``, like :func:`import_lists`; with
    ``complete_only``, only to fill what the drafts already there lack."""

    corpus, problems = read_corpus(data_dir)
    if problems:
        raise InvalidInput(problems)
    infos = {path: list_info(path, source_url, None) for path in inputs}
    importer = Importer(
        corpus, replacing={i.repository for i in infos.values()}, complete_only=complete_only
    )
    failures: list[Problem] = []
    for path, info in infos.items():
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError as err:
            raise InvalidInput([Problem(str(path), 1, f"not UTF-8 text ({err.reason})")]) from None
        entries, failed = read_bibtex(text)
        failures += [Problem(str(path), line, message) for line, message in failed]
        for entry in entries:
            importer.add(entry, info, path.name)
    if failures:
        raise InvalidInput(failures)
    return importer, importer.files()


def import_lists(
    inputs: Iterable[Path],
    data_dir: Path,
    source_url: str | None = None,
    commit: str | None = None,
    progress: Callable[[int, int], None] | None = None,
    complete_only: bool = False,
) -> tuple[Importer, dict[str, str]]:
    """Read every list in ``inputs`` into drafts for ``data_dir``; return the importer (with
    its report) and the files to write. With ``complete_only`` the lists only fill what the
    drafts already there lack."""
    corpus, problems = read_corpus(data_dir)
    if problems:
        raise InvalidInput(problems)
    jobs: list[tuple[Path, str, ListInfo]] = []
    for path in inputs:
        if not path.exists():
            raise InvalidInput([Problem(str(path), 1, "no such file or folder")])
        info = list_info(path, source_url, commit)
        jobs += [(f, rel, info) for f, rel in markdown_files(path)]
    importer = Importer(
        corpus, replacing={info.repository for _, _, info in jobs}, complete_only=complete_only
    )
    for done, (path, rel, info) in enumerate(jobs, start=1):
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError as err:
            raise InvalidInput([Problem(str(path), 1, f"not UTF-8 text ({err.reason})")]) from None
        for entry in read_list(text, Path(rel)):
            importer.add(entry, info, rel)
        if progress is not None:
            progress(done, len(jobs))
    return importer, importer.files()
