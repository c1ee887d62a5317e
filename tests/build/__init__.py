"""Tests of podcast.build."""
