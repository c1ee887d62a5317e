"""Tests of podcast.doctor."""
