"""The show's web page: ``audio/index.html`` and one page per episode.

Takes the show and the catalog's episodes (newest first); hands on HTML pages
beside the feed, where a listener plays each episode chapter by chapter, reads
its transcript and opens the feed in a podcast app in one tap.
"""

from podcast.site.cover import PAGE_COVER, page_cover_name
from podcast.site.editor import ICON_SIZES, editor_page, manifest, shared_url
from podcast.site.pages import site_pages, subscribe_links, topic_page, write_site
from podcast.site.paging import PAGE_FILE

__all__ = [
    "ICON_SIZES",
    "PAGE_COVER",
    "PAGE_FILE",
    "editor_page",
    "manifest",
    "page_cover_name",
    "shared_url",
    "site_pages",
    "subscribe_links",
    "topic_page",
    "write_site",
]
