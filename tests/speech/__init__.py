"""Tests of podcast.speech."""
