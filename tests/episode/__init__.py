"""Tests of podcast.episode."""
