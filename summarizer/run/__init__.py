"""How documents are run: the one path from a document to its ``DocumentOutcome``."""
