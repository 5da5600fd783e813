"""Step 9, the builder: full and incremental builds, their caches, fingerprints and reuse."""
