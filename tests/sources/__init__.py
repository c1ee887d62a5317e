"""Tests of podcast.sources."""
