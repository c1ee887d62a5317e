"""The feed: ``audio/feed.xml``, RSS 2.0 with iTunes and Podcasting 2.0 tags.

Takes the show and the catalog's episodes; hands on the feed podcast apps subscribe to.
"""

from podcast.feed.rss import FEED_FILE, PODCAST_NS, feed_xml, podcast_guid, show_notes, write_feed

__all__ = ["FEED_FILE", "PODCAST_NS", "feed_xml", "podcast_guid", "show_notes", "write_feed"]
