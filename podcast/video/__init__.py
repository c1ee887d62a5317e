"""Episodes as videos for YouTube.

Takes a published episode (its MP3, chapters and timed cues, as the catalog
recorded them) and the show's cover; hands on an MP4 beside the MP3 (H.264 and
AAC, the index first) showing the cover, the title, the chapter, the spoken
words as captions and the progress, and the text for YouTube's description box.
"""

from podcast.video.describe import clock, description, youtube_chapters
from podcast.video.make import Made, make_videos, render_video, render_videos
from podcast.video.picture import LAYOUTS

__all__ = [
    "LAYOUTS",
    "Made",
    "clock",
    "description",
    "make_videos",
    "render_video",
    "render_videos",
    "youtube_chapters",
]
