"""The doctor: what a user would otherwise find out by a failure, checked before it happens.

Takes a project; hands on one ``Finding`` per check (ok, warn or fail, and what to do),
in the order of the flow: settings, tools, voices, storage, the catalog, the sources.
Nothing is written, locally or to the bucket, unless a write test is asked for.
"""

from podcast.doctor.checks import examine, worst
from podcast.doctor.finding import Finding

__all__ = ["Finding", "examine", "worst"]
