"""Tests of podcast.serve."""
