"""Publishing: ``audio/`` uploaded to S3-compatible object storage, for a CDN and every app.

Takes a built project and its [publish] settings; uploads what changed (by content hash),
feeds last, then deletes what removed episodes left. Hands on nothing: the bucket is what
listeners' apps reach.
"""

from podcast.errors import UploadError
from podcast.publish.bucket import Target, check_bucket
from podcast.publish.local import LocalFile, content_type, public_files
from podcast.publish.sync import Plan, Progress, Summary, publish

__all__ = [
    "LocalFile",
    "Plan",
    "Progress",
    "Summary",
    "Target",
    "UploadError",
    "check_bucket",
    "content_type",
    "public_files",
    "publish",
]
