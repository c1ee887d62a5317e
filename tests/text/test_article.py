"""Golden files, metadata, errors and a property test for the article reader."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from podcast.errors import ArticleError
from podcast.text.article import Article, format_article, read_article
from podcast.text.clean import clean_lines
from podcast.text.clean.repair import repair_text, squash
from tests.support import DATA, ROOT

CASES = DATA / "clean"
SEED = ROOT / "seeds" / "000_f270e526a9c4b75d.txt"
INPUTS = sorted(
    path
    for path in CASES.iterdir()
    if path.suffix in {".txt", ".md", ".html", ".htm"}
    and not path.name.endswith((".clean.txt", ".error.txt"))
)


def expected_for(case: Path) -> Path:
    """The golden output beside an input case."""
    return case.with_name(f"{case.stem}.clean.txt")


@pytest.mark.parametrize("case", INPUTS, ids=lambda path: path.name)
def test_golden(case: Path) -> None:
    error = case.with_name(f"{case.stem}.error.txt")
    if error.exists():
        with pytest.raises(ArticleError) as raised:
            read_article(case)
        assert str(raised.value) == f"{case}: {error.read_text(encoding='utf-8').strip()}"
        return
    assert format_article(read_article(case)) == expected_for(case).read_text(encoding="utf-8")


def test_golden_cases_are_many_and_paired() -> None:
    assert len(INPUTS) >= 25
    for case in INPUTS:
        assert expected_for(case).exists() or case.with_name(f"{case.stem}.error.txt").exists()


@pytest.mark.parametrize(
    ("name", "outlet", "city", "day"),
    [
        ("kompas_dateline_glued.txt", "Kompas.com", "Jakarta", date(2023, 11, 10)),
        ("detik_byline_ads.txt", None, "Jakarta", date(2023, 11, 12)),
        ("cnn_lihat_juga.txt", "CNN Indonesia", "Jakarta", None),
        ("liputan6_baca_juga_list.txt", "Liputan6.com", "Jakarta", None),
        ("tribun_credit.txt", "Tribunnews.com", "Jakarta", None),
        ("antara_credits.txt", "ANTARA", "Jakarta", None),
        ("tempo_dateline.txt", "Tempo.co", "Jakarta", None),
        ("bisnis_emdash.txt", "Bisnis.com", "Jakarta", None),
        ("kontan_dateline.txt", "Kontan.co.id", "Jakarta", None),
        ("okezone_jurnalis.txt", None, "Surabaya", date(2023, 11, 13)),
        ("kumparan_update.txt", None, None, date(2023, 11, 10)),
        ("cnbc_byline_pages.txt", "CNBC Indonesia", "Jakarta", date(2023, 11, 10)),
        ("dateline_split.txt", "Kompas.com", "Samarinda", None),
        ("suara_caption.txt", "Suara.com", None, None),
        ("no_boilerplate.txt", None, None, None),
    ],
)
def test_text_metadata(name: str, outlet: str | None, city: str | None, day: date | None) -> None:
    article = read_article(CASES / name)
    assert (article.outlet, article.city, article.date) == (outlet, city, day)


@pytest.mark.parametrize(
    ("name", "outlet", "city", "day", "url", "author"),
    [
        (
            "kompas_page.html",
            "Kompas.com",
            "Jakarta",
            date(2023, 11, 10),
            "https://money.kompas.com/read/2023/11/10/083400/harga-beras-turun",
            "Rina Ayu Lestari",
        ),
        (
            "cnn_page.htm",
            "CNN Indonesia",
            "Jakarta",
            date(2023, 11, 3),
            "https://www.cnnindonesia.com/nasional/20231103123456-617-1019876/kpu-tetapkan-dct-anggota-dpr",
            "Yogi Anugrah",
        ),
        (
            "detik_page.html",
            "Detiknews",
            "Garut",
            date(2023, 11, 14),
            "https://news.detik.com/berita/d-7031234/jembatan-gantung-putus-warga-desa-terisolasi",
            "Hendra Gunawan",
        ),
    ],
)
def test_html_metadata(name: str, outlet: str, city: str, day: date, url: str, author: str) -> None:
    article = read_article(CASES / name)
    assert (article.outlet, article.city, article.date) == (outlet, city, day)
    assert (article.url, article.author) == (url, author)


def test_seed() -> None:
    article = read_article(SEED)
    assert article.title == "Berita AS dan Rusia Bertemu di Miami Bahas Akhiri Perang Ukraina"
    assert len(article.paragraphs) == 14
    assert article.paragraphs[0].startswith("resmi Amerika Serikat (AS)")
    assert article.paragraphs[-1].endswith("kata Zelensky.")
    assert (article.outlet, article.city) == ("Pahami.id", "Jakarta")


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "nope.txt"
    with pytest.raises(ArticleError, match=None) as raised:
        read_article(path)
    assert str(raised.value) == f"{path}: no such file"


def test_folder(tmp_path: Path) -> None:
    with pytest.raises(ArticleError) as raised:
        read_article(tmp_path)
    assert str(raised.value) == f"{tmp_path}: is a folder, not a file"


@pytest.mark.parametrize(
    "line",
    [
        "Oleh karena itu, pemerintah menunda kenaikan tarif.",
        "Editor film senior, Lukman Hakim, menjadi salah satu juri.",
        'Penulis buku "Ekonomi Pangan Rakyat", Hendro Prasetyo, menilai lonjakan harga.',
        "Jurnalis senior Tempo, Bambang Harymurti, ikut hadir.",
        "Selanjutnya: peserta wajib membawa KTP dan kartu keluarga.",
        "Video itu kemudian viral di media sosial.",
        "Berikut isi foto: dua pria bersepeda di jalan raya.",
        "Ilustrasi tersebut dibuat oleh seniman asal Bandung.",
        "Dapatkan berita gembira ini, warga langsung bersyukur.",
        "Market share operator seluler terbesar turun tipis pada kuartal ketiga.",
        "Tarif MRT pada malam itu hanya Rp 1.",
        "Baca tulis menjadi kemampuan dasar.",
        "Penutupan total dimulai pukul 20.00 WIB (rencana)",
        "Pertemuan itu dihadiri perwakilan NATO/Uni Eropa dan Amerika Serikat (AS).",
    ],
)
def test_prose_stays(line: str) -> None:
    assert clean_lines([line], "Judul").paragraphs == (line,)


def test_prose_after_photo_link_stays() -> None:
    lines = ["Lihat Foto", "", "Evakuasi truk memakan waktu hampir tiga jam."]
    assert clean_lines(lines, "Judul").paragraphs == (lines[2],)


def test_format_article() -> None:
    article = Article("Judul", ("Satu.", "Dua."), Path("x.txt"))
    assert format_article(article) == "Judul\n\nSatu.\n\nDua.\n"


BOILERPLATE = [
    "Baca juga: Judul Lain",
    "ADVERTISEMENT",
    "(isa/isa)",
    "Jakarta, Pahami.id",
    "JAKARTA, KOMPAS.com - ",
    "Editor",
    "Tags",
    "Halaman 1 2 3",
    "Foto: Dok",
    "by",
]
LINES = st.one_of(
    st.sampled_from(BOILERPLATE),
    st.text(st.characters(blacklist_categories=("Cs",)), max_size=60),
    st.text("abcdeBJ .,:-()/\n\r\u00a0\u00c2\u00e2\u20ac", max_size=60),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(LINES, max_size=12))
def test_paragraphs_come_from_the_text(
    tmp_path_factory: pytest.TempPathFactory, lines: list[str]
) -> None:
    text = "\n".join(lines)
    path = tmp_path_factory.mktemp("any") / "any.txt"
    path.write_text(text, encoding="utf-8")
    try:
        article = read_article(path)
    except ArticleError as error:
        assert str(error).startswith(f"{path}: ")
        return
    whole = squash(repair_text(text))
    assert article.paragraphs
    for paragraph in article.paragraphs:
        assert paragraph.strip()
        assert paragraph == squash(paragraph)
        assert paragraph in whole


def large_page(data_bytes: int) -> str:
    """A news page whose inline data (a state script, a picture, styles) makes it megabytes."""
    state = (
        '{"items": [' + ",".join(['{"id": 1, "t": "teks berita lain"}'] * (data_bytes // 70)) + "]}"
    )
    picture = "data:image/png;base64," + "iVBORw0KGgo" * (data_bytes // 44)
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'>"
        "<title>Pasar Malam Ramadan Dibuka di Alun-alun | Warta Kota Contoh</title>"
        f"<style>{'.x{color:red}' * (data_bytes // 48)}</style>"
        f"<script>window.__STATE__ = {state};</script></head><body>"
        "<nav><a href='/'>Beranda</a> <a href='/kota'>Kota</a></nav>"
        "<h1>Pasar Malam Ramadan Dibuka di Alun-alun</h1>"
        f"<img src='{picture}' alt='foto'>"
        "<div class='isi'><p>Pemerintah kota membuka pasar malam Ramadan di alun-alun mulai "
        "Jumat sore dengan lebih dari 150 pedagang makanan dan pakaian.</p>"
        "<p>Pasar malam buka setiap hari pukul 16.00 hingga 23.00 WIB selama bulan puasa, "
        "dan pengunjung diminta memarkir kendaraan di gedung parkir balai kota.</p></div>"
        "</body></html>"
    )


def test_a_page_of_megabytes_of_inline_data_reads_as_its_article(tmp_path: Path) -> None:
    page = tmp_path / "besar.html"
    page.write_text(large_page(6_000_000), encoding="utf-8")
    assert page.stat().st_size > 6_000_000
    assert format_article(read_article(page)) == (
        "Pasar Malam Ramadan Dibuka di Alun-alun\n\n"
        "Pemerintah kota membuka pasar malam Ramadan di alun-alun mulai Jumat sore dengan "
        "lebih dari 150 pedagang makanan dan pakaian.\n\n"
        "Pasar malam buka setiap hari pukul 16.00 hingga 23.00 WIB selama bulan puasa, dan "
        "pengunjung diminta memarkir kendaraan di gedung parkir balai kota.\n"
    )
