"""Tawasul content model and site generation.

This package imports neither Flask nor MkDocs (except the thin `mkdocs_hook` module), so the
site build and the form service share one loader and one schema.
"""
