"""A web page or a local file -> `Article`: what tradewire knows about a story before any NLP.

- `parse`      an HTML page -> `ParsedPage` (metadata + body), and whether the page is an article at all;
- `inputs`     local `.html`, `.txt` and `.jsonl` files -> `InputDocument`s (an article or an error each);
- `input_files`  the paths `import` and `extract` are given -> the files to read (folders expanded);
- `metadata`   title, outlet, language, canonical URL and page type from the markup, assembled from
               `jsonld` (the page's JSON-LD objects), `titles` (headline cleaning), `authors` (bylines),
               `page_dates` (publication and modification dates in the markup) and `markup` (what a tag is:
               meta tags, page regions such as comments and teasers);
- `dates`      date parsing and dates written in text (English and Spanish month names, "Updated" labels);
- `body/`      the article body: `extract` (the entry point) with `dom`, `blocks`, `filters`, `check`, `jsonld`;
- `charset`, `urls`, `language`   decoding, URL canonicalisation, language detection;
- `relevance`  the trade-policy relevance score `ingest` screens articles with.
"""
