"""Step 4, SPARQL: the one safety check, named queries and their parameters, running, results, the
remote client and the server.
"""
