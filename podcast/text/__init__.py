"""Text: an article file read and cleaned, and its spoken form.

Takes a file in ``seeds/`` (plain text, Markdown or a saved web page); hands on
an ``Article`` (title, paragraphs, outlet, date, source URL) with bylines and
boilerplate removed, and ``speakable(text)``: the words a voice should say.
"""

from podcast.text.article import (
    ARTICLE_SUFFIXES,
    Article,
    find_articles,
    format_article,
    read_article,
)
from podcast.text.language import language_warning
from podcast.text.spoken import speakable

__all__ = [
    "ARTICLE_SUFFIXES",
    "Article",
    "find_articles",
    "format_article",
    "language_warning",
    "read_article",
    "speakable",
]
