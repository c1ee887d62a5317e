"""Tests of podcast.feed."""
