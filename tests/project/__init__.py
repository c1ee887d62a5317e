"""Tests of the project as a whole: its layout and its release."""
