"""Tests of podcast.audio."""
