"""Turn news articles into tagged MP3 episodes and a podcast feed."""

__version__ = "0.1.0"
