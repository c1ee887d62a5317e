"""The cleaner's classifier: title from evidence, paragraph breaks, classes and their context."""

from __future__ import annotations

import random

import pytest

from podcast.text.clean import clean_lines
from podcast.text.clean.blocks import paragraphs
from podcast.text.clean.datelines import strip_dateline
from podcast.text.clean.features import Kind, kind_of, strip_widgets
from podcast.text.clean.title import choose_title
from tests.support import DATA

CASES = DATA / "clean"
HEADLINE = "Banjir Rob Rendam Ratusan Rumah di Pesisir Utara Semarang"
BODY = (
    "Banjir rob merendam ratusan rumah warga di pesisir utara Kota Semarang sejak Selasa sore, "
    "dengan ketinggian air mencapai lima puluh sentimeter di beberapa titik."
)
WRAPPED = [
    "Jakarta, 20 Maret 2025 - PT PLN (Persero) menambah 120 stasiun",
    "pengisian kendaraan listrik umum di sepanjang jalur mudik. Dengan",
    "tambahan itu, total SPKLU di jalur mudik mencapai 1.100 unit.",
]


@pytest.mark.parametrize(
    ("lines", "index"),
    [
        ([HEADLINE, "Rabu, 22 Januari 2025 09:45 WIB", BODY], 0),
        (["Promo Ramadan! Langganan Premium Diskon 50 Persen, Klik di Sini", HEADLINE, BODY], 1),
        (["Advertisement", HEADLINE, "Oleh: Taufik Budi", BODY], 1),
        (["Breaking", HEADLINE, BODY], 1),
        (
            [
                "SIARAN PERS",
                "Beranda / Berita / Siaran Pers",
                HEADLINE,
                "Jakarta, 10 Februari 2025",
            ],
            2,
        ),
        (
            [
                "Sponsored",
                "Menurut Survei, Pekerja Ingin Bekerja dari Rumah",
                HEADLINE,
                "",
                "Rabu, 5 Feb 2025",
            ],
            2,
        ),
        (["Trending", HEADLINE, "loading...", HEADLINE, BODY], 1),
        (["NEWS EKONOMI SPORT", "Home", "Lifestyle", HEADLINE, BODY], 3),
        (
            [
                "Kementerian Keuangan Republik Indonesia",
                "Tentang Kami | Layanan",
                HEADLINE,
                "Oleh Rina",
            ],
            2,
        ),
        (
            ["Fwd: Rilis - Banjir Rob", "", HEADLINE, "", "SEMARANG - Banjir rob kembali merendam"],
            2,
        ),
        (["Menu", "Home", "Kontak"], 0),
        (
            [
                "HARIAN RAKYAT    Halaman 3",
                "Senin, 28 April 2025",
                "",
                "PASAR MURAH DIGELAR DI 12 KECAMATAN",
                "",
                *WRAPPED,
            ],
            3,
        ),
        (["LINE TODAY", "Pemerintah Siapkan Diskon Tarif Tol Saat Mudik", "21 jam yang lalu"], 1),
        (["Judul Kembar", "", "by", HEADLINE, "", "Jakarta, Pahami.id", "", BODY], 0),
        (["Harian Jogja", "Advertisement", HEADLINE, "Senin, 20 Januari 2025 - 18:17 WIB"], 2),
    ],
)
def test_title_from_evidence(lines: list[str], index: int) -> None:
    assert choose_title(lines) == index


LONG = [
    "Harga emas batangan naik Rp 12.000 pada perdagangan Selasa menjadi Rp 1.620.000 per gram.",
    "Harga pembelian kembali atau buyback juga naik Rp 12.000 menjadi Rp 1.466.000 per gram.",
]


@pytest.mark.parametrize(
    ("lines", "per_line", "expected"),
    [
        (WRAPPED, False, [" ".join(WRAPPED)]),
        (LONG, True, LONG),
        (LONG, False, [" ".join(LONG)]),
        (
            [*LONG, "Kenaikan harga emas sejalan dengan penguatan harga emas dunia di pasar."],
            False,
            [*LONG, "Kenaikan harga emas sejalan dengan penguatan harga emas dunia di pasar."],
        ),
        (
            ["SAMARINDA,", "KOMPAS.com -- Gubernur meresmikan jembatan baru di kota itu."],
            False,
            ["SAMARINDA, KOMPAS.com -- Gubernur meresmikan jembatan baru di kota itu."],
        ),
        ([LONG[0], "Suara Merdeka"], False, [LONG[0], "Suara Merdeka"]),
        (
            ["Tiket Kereta Api Libur Imlek Ludes Terjual", LONG[1]],
            False,
            ["Tiket Kereta Api Libur Imlek Ludes Terjual", LONG[1]],
        ),
        (LONG, None, LONG),
    ],
)
def test_paragraph_breaks(lines: list[str], per_line: bool | None, expected: list[str]) -> None:
    assert paragraphs(lines, per_line is not None, bool(per_line)) == expected


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (BODY, Kind.GOOD),
        ("Ia menolak menjawab pertanyaan penyidik dalam pemeriksaan itu.", Kind.NEAR),
        (HEADLINE, Kind.SHORT),
        ("BERANDA JOGJA SLEMAN BANTUL", Kind.BAD),
        ("Save my name, email, and website in this browser for the next time I comment.", Kind.BAD),
        (
            "Download aplikasi KabarKini di Google Play dan App Store untuk berita terkini.",
            Kind.BAD,
        ),
        ("Link has been copied to clipboard", Kind.BAD),
        ("Lewati Podcast dan lanjutkan membaca", Kind.BAD),
        ("“We will not give up on the people of Gaza,” kata Menlu Sugiono.", Kind.GOOD),
        ("Saksikan live streaming program-program BTV di sini", Kind.BAD),
        ("Cek status penerima bantuan sosial di situs cekbansos.kemensos.go.id.", Kind.NEAR),
        (
            "Kirim berkas pendaftaran melalui situs resmi kementerian sebelum akhir bulan ini.",
            Kind.NEAR,
        ),
    ],
)
def test_kind(text: str, kind: Kind) -> None:
    assert kind_of(text) is kind


@pytest.mark.parametrize(
    ("line", "left"),
    [
        ("icon-share-whatsappicon-share-facebookicon-share-twitter", ""),
        ("share-facebookshare-twittershare-email", ""),
        ("play-buttonWarga berkumpul di halaman rumah.", "Warga berkumpul di halaman rumah."),
        ("icon-facebook icon-twitter", ""),
        ("Persib lolos ke babak play-off musim ini.", "Persib lolos ke babak play-off musim ini."),
    ],
)
def test_widget_names_go(line: str, left: str) -> None:
    assert strip_widgets(line) == left


@pytest.mark.parametrize(
    ("text", "rest", "city"),
    [
        ("Luwu, IDN Times - Banjir bandang menerjang.", "Banjir bandang menerjang.", "Luwu"),
        ("SAMARINDA–Seorang mahasiswa ditemukan.", "Seorang mahasiswa ditemukan.", "Samarinda"),
        (
            "Bandar Lampung (Lampost.co) -- Harga singkong anjlok.",
            "Harga singkong anjlok.",
            "Bandar Lampung",
        ),
        (
            "Jakarta: Pemerintah menetapkan awal Ramadan.",
            "Pemerintah menetapkan awal Ramadan.",
            "Jakarta",
        ),
        ("Jakarta, 20 Maret 2025 - PT PLN menambah SPKLU.", "PT PLN menambah SPKLU.", "Jakarta"),
        ("IDXChannel - Nilai tukar rupiah menguat.", "Nilai tukar rupiah menguat.", None),
    ],
)
def test_first_paragraph_datelines(text: str, rest: str, city: str | None) -> None:
    assert strip_dateline(text, first=True)[::2] == (rest, city)
    assert strip_dateline(text, first=False)[0] == text


def test_unsure_keeps_everything() -> None:
    lines = [
        "Gempa tidak berpotensi tsunami.",
        "",
        "Warga diminta tetap tenang",
        "",
        "Sekolah libur.",
    ]
    assert clean_lines(lines, "Judul").paragraphs == (lines[0], lines[2], lines[4])


def test_a_short_first_paragraph_with_a_dateline_stays() -> None:
    lines = ["Advertisement", "", "JAKARTA - Gempa mengguncang Jakarta pagi ini.", "", BODY]
    assert clean_lines(lines, "Judul").paragraphs == ("Gempa mengguncang Jakarta pagi ini.", BODY)


def test_a_list_after_a_colon_stays() -> None:
    lines = [BODY, "", "Syarat Pendaftaran:", "Kartu keluarga", "Akta kelahiran", "", BODY]
    expected = (BODY, "Syarat Pendaftaran:", "Kartu keluarga", "Akta kelahiran", BODY)
    assert clean_lines(lines, "Judul").paragraphs == expected
    numbered = [BODY, "", "Jadwalnya:", "1. Senin di Tambaksari", "2. Rabu di Wonokromo", "", BODY]
    assert clean_lines(numbered, "Judul").paragraphs == (BODY, *numbered[2:5], BODY)


def test_related_headlines_after_a_label_go() -> None:
    lines = [BODY, "", "Jangan Lewatkan:", "Kejagung Periksa Mantan Pejabat Kementerian ESDM", BODY]
    assert clean_lines(lines, "Judul").paragraphs == (BODY, BODY)


def test_closing_credit_ends_the_article_unless_prose_goes_on() -> None:
    footer = (
        "Depresi bukan persoalan sepele. Jika Anda merasakan gejala depresi, segera hubungi "
        "layanan kesehatan jiwa terdekat atau Layanan Sejiwa di 119 ekstensi 8."
    )
    assert clean_lines([BODY, "", f"{BODY} (dra/k16)", "", footer], "Judul").paragraphs == (
        BODY,
        BODY,
    )
    goes_on = [BODY, "", "(dra/k16)", "", BODY, "", f"Lalu {BODY}"]
    assert clean_lines(goes_on, "Judul").paragraphs == (BODY, BODY, f"Lalu {BODY}")


def test_short_line_among_prose_stays_and_among_chrome_goes() -> None:
    among_prose = [BODY, "", "Penyaluran lewat Bulog", "", BODY]
    assert clean_lines(among_prose, "Judul").paragraphs == (BODY, "Penyaluran lewat Bulog", BODY)
    among_chrome = [BODY, "", "Podcast", "", "Dunia Pagi Ini", "", "Akhir dari Podcast", "", BODY]
    assert clean_lines(among_chrome, "Judul").paragraphs == (BODY, BODY)


def test_calls_and_contacts_at_the_tail_go() -> None:
    lines = [
        BODY,
        "",
        "Masyarakat yang membutuhkan bantuan dapat menghubungi layanan darurat 112.",
        "",
        "Punya info atau klaim yang ingin dicek kebenarannya? Kirim ke WhatsApp 0811-8196-9293.",
    ]
    assert clean_lines(lines, "Judul").paragraphs == tuple(lines[0:3:2])


@pytest.mark.parametrize(
    "line",
    [
        "Warga yang kehilangan anggota keluarga dapat melapor ke posko BPBD atau mengirim surel "
        "ke posko@bpbd.jatengprov.go.id untuk pendataan.",
        "Pemerintah kota membuka hotline 0812-3456-7890 bagi warga yang terdampak banjir agar "
        "bantuan dapat segera disalurkan ke rumah mereka.",
    ],
)
def test_a_one_line_article_with_a_contact_stays(line: str) -> None:
    assert clean_lines([line], "Judul").paragraphs == (line,)
    assert clean_lines(["Advertisement", "", line], "Judul").paragraphs == (line,)


HEAD_CHROME = [
    "HOME NEWS EKONOMI SPORT", "Skip to main content", "Advertisement", "Share", "Facebook",
    "icon-share-whatsapp", "Mohon matikan AdBlock Anda", "Subscribe to our newsletter",
    "Berita Terkini", "Link has been copied to clipboard", "LIVE TV",
]  # fmt: skip
TAIL_CHROME = [
    "(red/ant)", "Editor: Rina Ayu", "Berita Terkait", "Komentar (2)", "Tinggalkan Komentar",
    "Follow kami di Google News", "Copyright © 2025 Contoh Media", "Related Posts",
    "Download aplikasi Contoh di Google Play untuk berita terkini setiap hari.",
]  # fmt: skip


@pytest.mark.parametrize("seed", range(200))
def test_prose_survives_random_chrome(seed: int) -> None:
    chance = random.Random(seed)
    # Scraped texts (scraped_*) hold no headline: their title is made from the lede.
    goldens = sorted(p for p in CASES.glob("*.clean.txt") if not p.name.startswith("scraped_"))
    title, *truth = chance.choice(goldens).read_text(encoding="utf-8").rstrip("\n").split("\n\n")
    head = chance.sample(HEAD_CHROME, chance.randint(0, 6))
    tail = chance.sample(TAIL_CHROME, chance.randint(0, 6))
    separator = chance.choice(["\n", "\n\n"])
    page = separator.join([*head, title, *truth, *tail]).split("\n")
    found = clean_lines(page[choose_title(page) + 1 :], title)
    assert page[choose_title(page)] == title
    assert found.paragraphs == tuple(truth)
