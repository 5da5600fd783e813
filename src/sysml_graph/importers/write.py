"""Drafts written into the data folder's ``imported/`` folder, all at once."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from ..atomic import swap_folder
from ..corpus.files import IMPORTED


def write_imported(files: dict[str, str], data_dir: Path) -> None:
    """Replace ``DATA/imported`` as a whole: write a new folder, then swap it in, so that a
    failed run leaves the previous drafts as they were."""
    data_dir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".imported-", dir=data_dir))
    try:
        for rel, text in files.items():
            path = staging / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        swap_folder(staging, data_dir / IMPORTED)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
