"""The library's errors as one line each and an exit code; graphs kept alive until exit."""

from __future__ import annotations

import sys
from functools import wraps
from typing import Any

import click

from ..problems import InvalidInput, one_line
from .options import KG, F


def reports_problems(func: F) -> F:
    """Turn the library's errors into one line each on stderr and the right exit code."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from ..sparql.errors import QueryError

        try:
            return func(*args, **kwargs)
        except InvalidInput as err:
            for problem in err.problems:
                click.echo(str(problem), err=True)
            n = len(err.problems)
            click.echo(f"{n} problem{'s' if n != 1 else ''} found", err=True)
            sys.exit(1)
        except QueryError as err:
            click.echo(one_line(f"error: {err}"), err=True)
            sys.exit(1)
        except BrokenPipeError:  # the reader went away (| head): nothing more to say
            sys.stderr.close()
            sys.exit(0)
        except OSError as err:
            click.echo(one_line(f"error: {err.filename or ''}: {err.strerror or err}"), err=True)
            sys.exit(1)

    return wrapper  # type: ignore[return-value]  # wraps() keeps the signature mypy cannot see


# The last graph a command loaded stays alive until the process ends: main() leaves with
# os._exit, and freeing a store of 4 million triples on the way out took 1.9 s for nothing.
# One slot per kind, so that commands run one after another in a process (tests) keep one.
_KEPT: dict[type, object] = {}


def _keep_until_exit(graph: KG) -> KG:
    _KEPT[type(graph)] = graph
    return graph
