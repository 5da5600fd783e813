"""A query worker process for ``sysml-graph serve``: one pyoxigraph store, one query at a
time. The server kills a worker whose query outlives the time limit and starts another, so a
runaway query really stops (Oxigraph's own --timeout-s does not interrupt an aggregate).
A worker is sealed off from the network once its graph is loaded (:mod:`.offline`): no
query it runs can open a connection, whatever the front's check let through."""

from __future__ import annotations

from multiprocessing.connection import Connection


def work(conn: Connection, path: str) -> None:
    """Load the N-Triples at ``path``; answer queries from ``conn`` until it closes.

    Each answer is ``("ok", kind, bytes)`` with SPARQL JSON results (SELECT, ASK) or
    N-Triples (CONSTRUCT, DESCRIBE), or ``("error", message)``.
    """
    import pyoxigraph as ox

    store = ox.Store()
    store.load(path=path, format=ox.RdfFormat.N_TRIPLES)
    from .offline import available, seal

    if available():
        seal(all_threads=True)  # also any thread the engine started while loading
    conn.send(("ready", len(store)))
    while True:
        try:
            text = conn.recv()
        except EOFError:
            return
        try:
            result = store.query(text)
            if isinstance(result, ox.QueryTriples):
                data = result.serialize(format=ox.RdfFormat.N_TRIPLES)
                conn.send(("ok", "graph", data))
            else:
                data = result.serialize(format=ox.QueryResultsFormat.JSON)
                conn.send(("ok", "results", data))
        except Exception as err:
            conn.send(("error", str(err)))
