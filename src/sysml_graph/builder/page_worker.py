"""The second process of a rebuild: it loads the last network and draws the page while the first
one splices.
"""

from __future__ import annotations

import contextlib
import os
import traceback
from multiprocessing.connection import Connection
from pathlib import Path
from typing import TYPE_CHECKING

from .network_cache import NETWORK

if TYPE_CHECKING:
    import multiprocessing.context


from ..atomic import staged
from ..network.layout import import_igraph
from ..network.page import render_html
from .cache import _silent
from .lock import end_with_parent
from .network_deltas import Delta, _read_deltas, _read_network, apply_delta
from .outputs import HTML
from .rebuild_state import STATE, NotIncremental


def _page_worker(conn: Connection, out_dir: Path, parent: int) -> None:
    """Load the last build's network (and the deltas since), wait for the new delta, draw
    the page into a staged file and send back its name."""

    end_with_parent(parent)  # a build killed by -9 takes this process with it
    try:
        import pyvis.network  # noqa: F401

        import_igraph()
        # Silent: the first process checks these files before it asks for a page, and
        # reports what is wrong with them (a line from here would repeat its warning).
        g = _read_network(out_dir, _silent)
        deltas = _read_deltas(out_dir, _silent) or []
        message = conn.recv()
        if message is not None:
            earlier, new = message  # the state knows how many of the deltas are its own
            if g is None or len(deltas) < earlier:
                raise RuntimeError("the last build's network or its deltas cannot be read")
            for delta in [*deltas[:earlier], new]:
                apply_delta(g, delta)
            html = render_html(g, full=g).encode("utf-8")
            tmp = staged(out_dir / HTML, lambda t: t.write_bytes(html))
            conn.send(("ok", str(tmp)))
    except BaseException:
        with contextlib.suppress(OSError):
            conn.send(("error", traceback.format_exc()))
    finally:
        # Now, not after freeing the network object by object (0.5 s at 100,000 papers).
        os._exit(0)


class PageWorker:
    """The second process, started before anything else so that it loads the network
    (0.8–1.2 s at 100,000 papers) while the first one scans and parses."""

    def __init__(self, out_dir: Path) -> None:
        import multiprocessing

        self.process: multiprocessing.context.ForkProcess | None = None
        self.drawing = False
        if not (out_dir / STATE).is_file() or not (out_dir / NETWORK).is_file():
            return
        try:
            ctx = multiprocessing.get_context("fork")
        except ValueError:  # no fork on this system: every build is a full one
            return
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(
            target=_page_worker, args=(child, out_dir, os.getpid()), daemon=True
        )
        self.process.start()
        child.close()

    def draw(self, earlier: int, delta: Delta) -> None:
        """Start drawing the page of the network patched by the first ``earlier`` deltas
        of the file and by ``delta``."""
        assert self.process is not None
        try:
            self.conn.send((earlier, delta))
        except OSError as e:
            raise NotIncremental(f"the second process ended: {e}") from e
        self.drawing = True

    def page(self) -> Path:
        """The page :meth:`draw` started, in a staged file."""
        assert self.process is not None
        try:
            status, text = self.conn.recv()
        except (OSError, EOFError) as e:
            status, text = "error", f"the second process ended: {e}"
        # Not joined: it leaves by itself, and the kernel takes a few tenths of a second
        # to take back its memory (multiprocessing reaps it later, or the build's end).
        self.process, self.drawing = None, False
        if status != "ok":
            raise NotIncremental(f"drawing the page failed:\n{text}")
        return Path(text)

    def stop(self) -> None:
        """End the second process: at once unless it is drawing a page, else once it has
        (and the page is deleted): a full build should not wait for it."""
        if self.process is None:
            return
        if self.drawing:
            with contextlib.suppress(OSError, EOFError):
                status, text = self.conn.recv()
                if status == "ok":
                    Path(text).unlink(missing_ok=True)
        self.process.kill()  # not joined either (see page)
        self.process = None
