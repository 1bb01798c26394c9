"""The store: SQLite (default) or PostgreSQL behind one API, and its numbered migrations."""
