"""Tests of podcast.edition."""
