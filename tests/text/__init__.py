"""Tests of podcast.text."""
