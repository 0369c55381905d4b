"""Sphinx extensions used by the book (registered in ``_config.yml``)."""
