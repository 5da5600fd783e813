"""Step 6, statistics: the gap map, rankings and charts computed from the network."""
