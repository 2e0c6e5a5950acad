"""Commands other than build and serve: check, deploy, new."""
