"""Ingesting the web: fetching pages politely, reading feeds and sitemaps, crawling.

Modules: ``crawl`` (the :class:`~marsad.web.crawl.Crawler` behind ``marsad crawl``),
``options`` (its settings), ``watch`` (crawl on a schedule), ``fetch`` (HTTP GET),
``robots`` (robots.txt), ``listings`` (feeds and sitemaps), ``links`` (article links
of a front page), ``pages`` (a fetched page into the store), ``prefilter``
(counter-terrorism vocabulary check), ``urls`` and ``units`` (small parsers),
``html`` (main text and metadata of a page) and ``encoding`` (bytes to text).
Nothing is imported at package import time.
"""
