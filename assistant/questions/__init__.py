"""From a question's text to an Answer value: the router, its frames, one module per kind of answer, the renderers."""
