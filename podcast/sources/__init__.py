"""Sources: articles from the web, saved into ``seeds/``.

Takes URLs of article pages (``podcast add``) and the followed outlets' RSS or
Atom feeds (``[[sources]]``, ``podcast fetch``); fetches them politely, finds
the article (joining its pages), and hands on seed files that keep each page
as fetched with its source URL, final URL and fetch time, so a build is
reproducible offline.
"""

from podcast.sources.articles import fetch_article
from podcast.sources.follow import follow_sources
from podcast.sources.http import Client, user_agent
from podcast.sources.intake import Added, Intake, add_urls, client_for, fetch_sources
from podcast.sources.opml import import_opml, sources_opml
from podcast.sources.state import FetchStatus, read_fetch_statuses

__all__ = [
    "Added",
    "Client",
    "FetchStatus",
    "Intake",
    "add_urls",
    "client_for",
    "fetch_article",
    "fetch_sources",
    "follow_sources",
    "import_opml",
    "read_fetch_statuses",
    "sources_opml",
    "user_agent",
]
