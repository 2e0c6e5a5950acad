"""The site model: every article's mentions assembled into entities, indexes and
co-mentions."""
