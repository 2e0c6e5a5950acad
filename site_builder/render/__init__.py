"""Stage 3, rendering: Markdown with entity highlights, Jinja pages, feeds, metadata and
the search index."""
