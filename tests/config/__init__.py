"""Tests of podcast.config."""
