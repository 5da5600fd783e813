"""The graph as a site: a landing page and a page for every paper, person, venue, technique
and platform at its IRI's path, written as static files or rendered on demand by ``serve``."""
