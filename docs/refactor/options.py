"""Every click option of every sysml-graph command (from the cli object itself)."""

import click

from sysml_graph.cli import cli


def walk(cmd, path):
    if isinstance(cmd, click.Group):
        for name in sorted(cmd.commands):
            yield from walk(cmd.commands[name], path + [name])
    else:
        yield path, cmd


print("| command | option / argument | dest | type | default | help |")
print("|---|---|---|---|---|---|")
for path, cmd in walk(cli, []):
    for p in cmd.params:
        if p.name == "help":
            continue
        names = (
            "/".join(p.opts + p.secondary_opts)
            if isinstance(p, click.Option)
            else p.name.upper() + (" …" if p.nargs == -1 else "")
        )
        t = p.type.name if not isinstance(p.type, click.Choice) else "|".join(p.type.choices)
        if isinstance(p.type, click.Path):
            t = (
                "path("
                + ("file" if not p.type.dir_okay else "dir" if not p.type.file_okay else "any")
                + ")"
            )
        if getattr(p, "is_flag", False):
            t = "flag"
        d = p.default if p.default not in (None, False, ()) else ""
        h = (getattr(p, "help", "") or "").replace("|", "\\|")
        print(f"| {' '.join(path)} | `{names}` | {p.name} | {t} | {d} | {h} |")
