"""The import stage: seeds become content files, and names found in them are proposed to
the knowledge base."""
