"""Stage 1, reading what the user wrote: seeds, front matter, articles, the knowledge
base, site.yml."""
