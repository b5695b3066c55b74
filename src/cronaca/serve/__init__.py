"""Serve: the CLI, the HTTP API, the web UI and the exports. Serve reads the store; it
never extracts on a request."""
