"""After `mkdocs build`: the built site read back, its link and accessibility checks, and the PDF audit pack."""
