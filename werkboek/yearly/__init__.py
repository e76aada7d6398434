"""Yearly figures: a coordinator merges a year of case workbooks into anonymous figures.

`harvest` reads, checks and summarises each workbook in capped worker processes, `merge` adds
them up per measure (`measures`) and group under suppression (`suppression`), `display` shows
them, and `workbook`, `report` and `egor` write the outputs; `run` does it all. Case numbers
become keyed pseudonyms (`pseudonyms`). The coordinator's own workbook is `coordinator_book`.
"""
