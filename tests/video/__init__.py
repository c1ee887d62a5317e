"""Tests of podcast.video."""
