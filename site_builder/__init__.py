"""site-build: a static site generator for annotated news reading pages."""

__version__ = "0.1.0"
