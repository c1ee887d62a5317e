"""Tests of podcast.run."""
