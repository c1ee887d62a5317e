"""Lay a web page out as a browser shows it, and drop the teaser cards of other articles.

Text that stands loose beside blocks (a lede written straight into a ``<div>``
before the ``<div>`` paragraphs that follow it) is a paragraph of its own on the
screen, an anonymous block; an extractor that looks for paragraph elements
misses it, so it is put in a ``<p>``. A ``<span>`` holding blocks is laid out as
a block. Teaser cards (the headline and summary of other articles, side by
side) go before the extractor can mistake them for the article.
"""

from __future__ import annotations

import lxml.etree
import lxml.html

# Teaser cards: siblings of these tags, at least this many, each at most this long
# and holding a heading or a link of a headline's length.
CARD_TAGS = frozenset({"li", "div", "article", "section"})
CARDS = 3
CARD_WORDS = 60
CARD_LINK_WORDS = 4
INLINE = frozenset({"span", "font", "b", "strong", "i", "em", "a", "small", "big", "u"})
# Elements a browser lays out as blocks: text beside them, loose in their parent, is a
# block of its own (an anonymous block), which an extractor looking for paragraphs misses.
BLOCKS = frozenset(
    {
        "address", "article", "aside", "blockquote", "dd", "div", "dl", "dt", "fieldset",
        "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
        "hr", "li", "main", "nav", "ol", "p", "pre", "section", "table", "tbody", "thead",
        "tfoot", "tr", "td", "th", "ul",
    }
)  # fmt: skip


def enclose(page: str) -> str:
    """The page with its loose text in paragraphs (the page as it was when it is no HTML)."""
    try:
        root = lxml.html.fromstring(page)
    except (lxml.etree.ParserError, ValueError):
        return page
    for element in list(root.iter()):
        drop_cards(element)
    for element in list(root.iter()):
        if isinstance(element.tag, str) and any(block(child) for child in element):
            if element.tag.lower() in INLINE:
                element.tag = "div"  # a span holding blocks is laid out as one
            enclose_loose_text(element)
    return str(lxml.html.tostring(root, encoding="unicode"))


def drop_cards(parent: lxml.html.HtmlElement) -> None:
    """Remove the teaser cards among parent's children: a list of other articles.

    Cards are three or more siblings of one tag and class, each a few words with a
    heading or a headline-long link in it: the headline and summary of another article.
    """
    groups: dict[tuple[str, str], list[lxml.html.HtmlElement]] = {}
    for child in parent:
        if isinstance(child.tag, str) and child.tag.lower() in CARD_TAGS:
            groups.setdefault((child.tag, child.get("class") or ""), []).append(child)
    for group in groups.values():
        if len(group) >= CARDS and all(map(card, group)):
            for child in group:
                child.drop_tree()


def card(element: lxml.html.HtmlElement) -> bool:
    """True for a short element holding a heading or a link as long as a headline."""
    if len(" ".join(element.itertext()).split()) > CARD_WORDS:
        return False
    if element.find(".//h2") is not None or element.find(".//h3") is not None:
        return True
    return any(
        len(" ".join(link.itertext()).split()) >= CARD_LINK_WORDS for link in element.iter("a")
    )


def block(element: lxml.html.HtmlElement) -> bool:
    """True for an element laid out as a block."""
    return isinstance(element.tag, str) and element.tag.lower() in BLOCKS


def enclose_loose_text(element: lxml.html.HtmlElement) -> None:
    """Put each run of text and inline elements that stands beside blocks into a paragraph."""
    runs: list[tuple[str | None, list[lxml.html.HtmlElement]]] = [(element.text, [])]
    order: list[lxml.html.HtmlElement | int] = [0]
    for child in list(element):
        element.remove(child)
        if block(child):
            tail, child.tail = child.tail, None
            order += [child, len(runs)]
            runs.append((tail, []))
        else:
            runs[-1][1].append(child)
    element.text = None
    for item in order:
        if not isinstance(item, int):
            element.append(item)
            continue
        text, inline = runs[item]
        if (text or "").strip() or any(
            "".join(child.itertext()).strip() or (child.tail or "").strip() for child in inline
        ):
            paragraph = lxml.etree.SubElement(element, "p")
            paragraph.text = text
            paragraph.extend(inline)
        else:
            element.extend(inline)
