"""The site model: the site index (who is named where, as rows in SQLite) and the view
templates read through it: article lists, entities' mentions, quotes and co-mentions."""
