"""The build engine: what to rebuild (plan, cache), in parallel, and writing dist/
atomically."""
