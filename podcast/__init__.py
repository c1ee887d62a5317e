"""Turn news articles into tagged MP3 episodes and a podcast feed."""

__version__ = "0.2.0"
"""The one place the version is written; the package metadata reads it from here."""
