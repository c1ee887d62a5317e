"""Tests of podcast.site."""
