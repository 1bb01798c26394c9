"""One module per `docbot` sub-command; each defines ``register(subparsers)`` which adds its parser
and sets ``func`` (called with the parsed args, returns the exit code)."""
