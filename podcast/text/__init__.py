"""Text: an article file read and cleaned, and its spoken form.

Takes a file in ``seeds/`` (plain text, Markdown or a saved web page); hands on
an ``Article`` (title, paragraphs, outlet, date, source URL) with bylines and
boilerplate removed, and ``speakable(text)``: the words a voice should say, which
``pronounced`` passes through the project's pronunciation list.
"""

from podcast.text.article import (
    ARTICLE_SUFFIXES,
    Article,
    find_articles,
    format_article,
    parse_article,
    read_article,
)
from podcast.text.language import language_warning
from podcast.text.pronounce import Voiced, project_pronunciations, pronounced, respell
from podcast.text.pronunciations import NO_PRONUNCIATIONS, Lexicon
from podcast.text.spoken import speakable
from podcast.text.webpage import SavedPage, format_saved, parse_saved

__all__ = [
    "ARTICLE_SUFFIXES",
    "NO_PRONUNCIATIONS",
    "Article",
    "Lexicon",
    "SavedPage",
    "Voiced",
    "find_articles",
    "format_article",
    "format_saved",
    "language_warning",
    "parse_article",
    "parse_saved",
    "project_pronunciations",
    "pronounced",
    "read_article",
    "respell",
    "speakable",
]
