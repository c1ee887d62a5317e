"""The spoken form: written Indonesian turned into the words a voice should say.

``aloud`` holds the ordered rules; ``numbers``, ``marks``, ``codes`` and
``context`` the rules of each kind, with their word tables (``*_tables``) and
compiled patterns (``*_patterns``) beside them.
"""

from podcast.text.spoken.aloud import speakable

__all__ = ["speakable"]
