"""Tests of podcast.catalog."""
