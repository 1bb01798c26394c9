"""The documents: which one a question names, what each holds (items, units, contact tables), the cached corpus, and adding one from an upload."""
