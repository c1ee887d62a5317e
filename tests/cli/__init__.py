"""Tests of podcast.cli."""
