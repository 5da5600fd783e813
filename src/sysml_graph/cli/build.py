"""``sysml-graph build``."""

from __future__ import annotations

from pathlib import Path

import click

from .exit import _keep_until_exit, reports_problems
from .options import DATA_OPTION, _data
from .output import _progress


@click.command()
@DATA_OPTION
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("dist"),
    show_default=True,
    help="Folder for the built files.",
)
@click.option(
    "--site/--no-site",
    "site",
    default=None,
    help="Also write OUT/site/, the static site (a page per entity); "
    "default: when the data has at most 20,000 papers.",
)
@reports_problems
def build(data_dir: Path | None, out_dir: Path, site: bool | None) -> None:
    """Build the graph: write OUT/sysml-graph.{ttl,nt,jsonld,html} and the static site
    OUT/site/ (landing page at OUT/site/index.html).

    Nothing is written unless the data is valid; each file is replaced atomically.
    """
    from ..builder.full import build as run_build
    from ..builder.lock import build_lock
    from ..builder.page_worker import PageWorker

    # The rebuild's second process starts first (a fork, before any thread does), and
    # before the lock, which it must not inherit: it could outlive a build killed by -9.
    worker = PageWorker(out_dir)
    try:
        with (
            build_lock(out_dir, lambda message: click.echo(message, err=True)),
            _progress() as progress,
        ):
            task = progress.add_task("", total=None)

            def step(description: str, total: int) -> None:
                if progress.tasks[task].total != total:
                    progress.update(task, completed=0, total=total)
                progress.update(task, advance=1, description=description)

            built = run_build(_data(data_dir), out_dir, worker, step)
    finally:
        worker.stop()
    if built.graph is not None:
        _keep_until_exit(built.graph)
    if built.changed is None:
        click.echo(f"built {built.triples} triples from {built.papers} papers")
    else:
        how = (
            f"{len(built.changed)} changed paper file(s) spliced into the last build"
            if built.changed
            else "nothing changed since the last build"
        )
        click.echo(f"built {built.triples} triples from {built.papers} papers ({how})")
    for path in built.files:
        click.echo(f"  {path}  ({path.stat().st_size:,} bytes)")
    from ..builder.site import STATIC_LIMIT, write_static_site
    from ..site.write import SITE

    if site is None:
        site = built.papers <= STATIC_LIMIT
        if not site:
            click.echo(
                f"  (no static site above {STATIC_LIMIT:,} papers: --site writes it; "
                "serve renders every page on demand)"
            )
    if not site:
        return
    landing = out_dir / SITE / "index.html"
    if built.changed == [] and landing.exists():
        click.echo(f"  {landing.parent}/  (unchanged)")
        return
    folder, written = write_static_site(_data(data_dir), out_dir)
    click.echo(f"  {folder}/  ({written.pages:,} pages, {written.bytes:,} bytes)")
