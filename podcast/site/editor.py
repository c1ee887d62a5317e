"""The editor's page: send an article's address, see the queue; and its web app manifest.

The page sends its own origin (referrer policy ``same-origin``: with ``no-referrer``
Chromium sends ``Origin: null``), which the server checks on every submission.

The manifest's ``share_target`` puts the installed page in Android's share sheet: sharing
an article from a browser or a chat opens the page with its address filled in.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from markupsafe import Markup

from podcast.config import Show
from podcast.site.pages import ENVIRONMENT as PAGES
from podcast.site.pages import policy

ICON_SIZES = (192, 512)
"""What Android asks of an installable page: a 192 px and a 512 px icon."""

ENVIRONMENT = PAGES.overlay(keep_trailing_newline=False)
"""The show's template environment, as the editor's page and script are written."""


def bookmarklet(page_url: str) -> str:
    """A bookmark that opens the editor's page with the current page's address filled in.

    >>> bookmarklet("http://h:8000/editor/s3cret/")
    "javascript:location.href='http://h:8000/editor/s3cret/?url='+encodeURIComponent(location.href)"
    """
    return f"javascript:location.href='{page_url}?url='+encodeURIComponent(location.href)"


def editor_page(
    show: Show, page_url: str, url: str, queue: Sequence[Any], message: str = ""
) -> bytes:
    """The editor's page at ``page_url``, its field filled with ``url``, listing ``queue``."""
    script = ENVIRONMENT.get_template("editor.js").render()
    style = ENVIRONMENT.get_template("editor.css").render()
    html = ENVIRONMENT.get_template("editor.html").render(
        show=show,
        lang=show.language,
        url=url,
        queue=queue,
        message=message,
        bookmarklet=bookmarklet(page_url),
        script=Markup(script),
        style=Markup(style),
        policy=policy(script, style).replace("form-action 'none'", "form-action 'self'")
        + "; connect-src 'self'; manifest-src 'self'",
    )
    return html.encode()


def manifest(show: Show, page_url: str) -> bytes:
    """The web app manifest of the editor's page, with its share target and icons."""
    return json.dumps(
        {
            "name": f"Kirim ke {show.title}",
            "short_name": "Kirim ke podcast",
            "lang": show.language,
            "start_url": page_url,
            "scope": page_url,
            "display": "standalone",
            "background_color": "#ffffff",
            "theme_color": "#8c1726",
            "icons": [
                {"src": f"icon-{px}.png", "sizes": f"{px}x{px}", "type": "image/png"}
                for px in ICON_SIZES
            ],
            "share_target": {
                "action": page_url,
                "method": "GET",
                "enctype": "application/x-www-form-urlencoded",
                "params": {"title": "title", "text": "text", "url": "url"},
            },
        },
        indent=1,
        ensure_ascii=False,
    ).encode()


def shared_url(url: str, text: str) -> str:
    """The address a share carried: its url, else the first address in its text
    (Android apps often put the link in the text).

    >>> shared_url("", "Baca ini https://berita.example/a?b=1 keren")
    'https://berita.example/a?b=1'
    """
    if url:
        return url
    return next((word for word in text.split() if word.startswith(("http://", "https://"))), "")
