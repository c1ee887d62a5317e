"""Daily editions: the day's articles as one episode, a chapter per story.

Takes the articles in ``seeds/`` and a day; chooses that day's stories (by the
date they state, else the day they came in), lays them out between the
edition's own words (the show and the date, the running order, a transition
naming each outlet, the close). Hands on that script, which the build speaks
from the clips the articles' own episodes left in the cache into one episode
per day with a chapter per story, and which feed (``feed.xml`` or
``edition.xml``) lists it.
"""

from podcast.edition.listing import (
    EDITION_FEED,
    episodes_by_feed,
    feed_of,
    is_edition,
    sort_into_feeds,
    write_feeds,
)
from podcast.edition.make import plan_edition
from podcast.edition.script import edition_script
from podcast.edition.stories import Story, choose_stories
from podcast.edition.words import edition_title, spoken_date, written_date

__all__ = [
    "EDITION_FEED",
    "Story",
    "choose_stories",
    "edition_script",
    "edition_title",
    "episodes_by_feed",
    "feed_of",
    "is_edition",
    "plan_edition",
    "sort_into_feeds",
    "spoken_date",
    "write_feeds",
    "written_date",
]
