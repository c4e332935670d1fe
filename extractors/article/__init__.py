"""A web page or a local file -> `Article`: what tradewire knows about a story before any NLP.

- `parse`      an HTML page -> `ParsedPage` (metadata + body), and whether the page is an article at all;
- `inputs`     local `.html`, `.txt` and `.jsonl` files -> `InputDocument`s (an article or an error each);
- `input_files`  the paths `import` and `extract` are given -> the files to read (folders expanded);
- `metadata`   title, outlet, language, canonical URL and page type from the markup, assembled from
               `jsonld` (the page's JSON-LD objects), `titles` (headline cleaning and choice), `authors`
               (the author sources and their order), `page_dates` (the publication date the page's sources agree
               on, and the modification date), `library_meta` (trafilatura's and htmldate's reading of the page)
               and `markup` (what a tag is: meta tags, page regions such as comments and teasers);
- `dates`      dates in running text (English and Spanish month names, "Updated" labels): `find_dates` lists
               every explicit date a text mentions, with offsets and precision;
- `datelines`  the date a text states for itself: dateline, Published line, byline, lead, anchored weekday;
- `machine_dates`  machine-readable date values (meta tags, JSON-LD, feeds, .jsonl fields), read by libraries;
- `body/`      the article body: `extract` (the entry point) with `dom`, `blocks`, `filters`, `check`, `jsonld`;
- `charset`, `urls`, `language`   decoding, URL canonicalisation, language detection;
- `relevance`  the trade-policy relevance score `ingest` screens articles with;
- `listing`    a source's feed or sitemap document -> the article URLs it lists (`Candidate`s), hostile and
               malformed XML handled (the flows fetch it; reading it needs no network).
"""
