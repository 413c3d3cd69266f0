"""Many reports at once: the corpus table, shortcomings by topic, and year-on-year follow-through.

- ``terms``: the key terms of an item, weighted against the stock phrases every report repeats;
- ``follow``: plans of year N against the results of year N+1 for one issuer (``FollowThrough``);
- ``table``: one row per report (``CorpusRow``), as the corpus page and ``corpus.csv`` show it;
- ``topics``: the shortcomings most often admitted, grouped by their own words;
- ``page``: the self-contained corpus page (sortable, filterable table, SVG charts, no CDN).
"""
