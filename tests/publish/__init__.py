"""Tests of podcast.publish."""
