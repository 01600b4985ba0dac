"""The suites' shared fixtures and helpers live in the `support` package (tests/support/)."""
pytest_plugins = ["support.fixtures"]
