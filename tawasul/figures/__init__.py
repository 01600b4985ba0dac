"""Yearly figures: activity records aggregated per governorate, small counts suppressed, read
by the site from content/data/figures/<year>.yml (never from the database).

tables.py (the cells and totals), suppression.py (what may be published), model.py (the file's
schema), loading.py (checks with the rest of the content), aggregate.py (records → counts),
files.py (the file's text), samples.py (the repository's sample figures).
"""
