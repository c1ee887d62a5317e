"""Loopback servers speaking the real protocols: Google and Edge TTS, a news site, S3."""
