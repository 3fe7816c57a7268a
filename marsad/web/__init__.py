"""Ingesting the web: fetching pages politely, reading feeds and sitemaps, crawling.

Modules: ``crawl`` (the :class:`~marsad.web.crawl.Crawler` behind ``marsad crawl``),
``fetch`` (HTTP), ``robots`` (robots.txt), ``listings`` (feeds and sitemaps),
``links`` (article links of a front page), ``pages`` (a fetched page into the store),
``prefilter`` (counter-terrorism vocabulary check), ``watch`` (crawl on a schedule),
``html`` (main text and metadata of a page) and ``encoding`` (bytes to text).
Nothing is imported at package import time.
"""
