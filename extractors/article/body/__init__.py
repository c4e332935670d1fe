"""The main text of a news page, paragraphs separated by a blank line (`extract.extract_body`).

`extract` runs trafilatura on a repaired tree (`dom`), completes what it missed from the page's own blocks
(`blocks`), drops furniture (`filters`), checks the result against an independent reading of the main prose
region (`check`) and against the body the page declares in JSON-LD (`jsonld`).
"""
