"""Readying a web page for extraction, and the headline and facts its markup states."""

from __future__ import annotations

import pytest

from podcast.text.clean.layout import enclose
from podcast.text.clean.markup import Markup, body_text, headline, prepare, without_site

LD = (
    '<script type="application/ld+json">{"@context": "https://schema.org", "@graph": ['
    '{"@type": "WebSite", "name": "Kabar Contoh"}, {"@type": ["NewsArticle"], '
    '"headline": "Jembatan Gantung Baru Dibuka di Lebak", '
    '"datePublished": "2025-11-03T08:00:00+07:00", '
    '"author": [{"@type": "Person", "name": "Sari Dewi"}], '
    '"publisher": {"@type": "Organization", "name": "Kabar Contoh"}, '
    '"articleBody": "Paragraf satu.\\n\\nParagraf dua."}]}</script>'
)


def test_prepare_keeps_json_ld_and_drops_scripts_styles_and_inline_data() -> None:
    page = (
        f"<html><head>{LD}<script>var x = '<p>bukan teks</p>';</script>"
        "<style>p { color: red }</style></head><body><!-- komentar -->"
        '<p>Satu\n      baris</p><pre>a\n b</pre><img src="data:image/png;base64,AAAA">'
        "<svg><text>ikon</text></svg></body></html>"
    )
    ready, markup = prepare(page)
    assert ready == (
        f"<html><head>{LD}</head><body><p>Satu baris</p><pre>a\n b</pre><img></body></html>"
    )
    assert markup == Markup(
        titles=("Jembatan Gantung Baru Dibuka di Lebak",),
        headings=(),
        site="Kabar Contoh",
        date="2025-11-03T08:00:00+07:00",
        author="Sari Dewi",
        body=("Paragraf satu.", "Paragraf dua."),
    )


def test_broken_json_ld_is_ignored() -> None:
    page = '<script type="application/ld+json">{"headline": </script><title>Judul</title>'
    assert prepare(page)[1] == Markup(titles=("Judul",))


@pytest.mark.parametrize(
    ("head", "headings", "expected"),
    [
        # The <h1> names the section; the <h2> is what the titles repeat.
        (
            "<title>Warga Panen Garam - Kabarku.com Regional</title>"
            '<meta property="og:title" content="Warga Panen Garam - Kabarku.com Regional">',
            "<h1>Regional</h1><h2>Warga Panen Garam</h2>",
            "Warga Panen Garam",
        ),
        # The site's name before the headline, in a title that also names the topic's tag.
        (
            "<title>Dian Sastro | Dian Sastro Saat Berusia 13 Tahun - KabarSeleb.com</title>",
            "<h1>Dian Sastro Saat Berusia 13 Tahun</h1><h2>Dian Sastro</h2>",
            "Dian Sastro Saat Berusia 13 Tahun",
        ),
        # No heading repeats a title: the first title without the site's name.
        (
            '<meta property="og:title" content="Kabarku.com: Musik - Band Lama Kembali Manggung">',
            "<h1>Musik</h1>",
            ["Kabarku.com: Musik", "Band Lama Kembali Manggung"][1],
        ),
        ("<title>Beranda</title>", "<h1>Kabar</h1>", "Beranda"),
        ("", "", None),
    ],
)
def test_headline_from_evidence(head: str, headings: str, expected: str | None) -> None:
    assert headline(prepare(f"<html><head>{head}</head><body>{headings}</body></html>")[1]) == (
        expected
    )


@pytest.mark.parametrize(
    ("title", "site", "expected"),
    [
        ("Harga Cabai Turun | Tempo Gaya", "Tempo Gaya", "Harga Cabai Turun"),
        ("Harga Cabai Turun - Kompas.com", None, "Harga Cabai Turun"),
        (
            "Tri Indonesia: Broadband Dorong Ekosistem",
            None,
            "Tri Indonesia: Broadband Dorong Ekosistem",
        ),
        ("Kompas.com", None, ""),
    ],
)
def test_without_site(title: str, site: str | None, expected: str) -> None:
    assert without_site(title, site) == expected


def test_loose_text_beside_blocks_becomes_a_paragraph() -> None:
    page = (
        "<html><body><div><b>KOTA</b> - Lede langsung di div.<div>Paragraf dua.</div></div>"
        "</body></html>"
    )
    assert enclose(page) == (
        "<html><body><div><p><b>KOTA</b> - Lede langsung di div.</p><div>Paragraf dua.</div>"
        "</div></body></html>"
    )


def test_teaser_cards_go_and_an_article_list_stays() -> None:
    cards = "".join(
        f'<li class="kartu"><a href="/{n}">Judul berita lain yang ke {n}</a><p>Ringkasan.</p></li>'
        for n in range(3)
    )
    items = "".join(f"<li>Butir {n}</li>" for n in range(3))
    page = f"<html><body><ul>{cards}</ul><ul>{items}</ul></body></html>"
    assert enclose(page) == f"<html><body><ul></ul><ul>{items}</ul></body></html>"


@pytest.mark.parametrize(
    ("shown", "used"),
    [
        ("", True),  # a page that JavaScript fills
        ("Paragraf satu. Paragraf dua.", True),  # the extractor ran the body together
        ("Paragraf satu yang panjang. Paragraf dua. Paragraf tiga di halaman.", False),
        ("Paragraf", True),
    ],
)
def test_article_body_only_when_the_page_shows_less(shown: str, used: bool) -> None:
    markup = Markup(body=("Paragraf satu.", "Paragraf dua."))
    assert body_text(markup, shown) == (markup.body if used else None)
    assert body_text(Markup(), shown) is None
