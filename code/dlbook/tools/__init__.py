"""How the book is made: build, toc checks, notebooks, benchmarks, previews.

Chapters never import from here; they use the modules one level up
(``dlbook.glue``, ``dlbook.data``, ...). Run the tools as modules, e.g.
``python -m dlbook.tools.run book/foundations/neurons.md``.
"""
