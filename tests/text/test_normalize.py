"""Spoken-form normalizer: one table of written -> spoken rows, plus properties."""

from __future__ import annotations

import doctest
import re
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from podcast.text.spoken import numbers as spoken_numbers
from podcast.text.spoken import speakable
from tests.support import ROOT

SEED = ROOT / "seeds" / "000_f270e526a9c4b75d.txt"

CASES = [
    # numbers
    ("number", "0", "nol"),
    ("number", "11 orang", "sebelas orang"),
    ("number", "100 rumah", "seratus rumah"),
    ("number", "1.000 warga", "seribu warga"),
    ("number", "10.000 peserta", "sepuluh ribu peserta"),
    ("number", "1.250.000 pemilih", "satu juta dua ratus lima puluh ribu pemilih"),
    ("number", "10,5 ton", "sepuluh koma lima ton"),
    ("number", "0,05", "nol koma nol lima"),
    ("number", "suhu -5 derajat", "suhu minus lima derajat"),
    ("number", "1,2 juta", "satu koma dua juta"),
    ("number", "3 miliar", "tiga miliar"),
    ("number", "2 triliun", "dua triliun"),
    ("number", "tahun 2025", "tahun dua ribu dua puluh lima"),
    ("number", "tahun 1998.", "tahun seribu sembilan ratus sembilan puluh delapan."),
    ("number", "1,000,000 dosis", "satu juta dosis"),
    ("number", "3.5 kali", "tiga koma lima kali"),
    ("number", "201.000", "dua ratus satu ribu"),
    ("number", "COVID-19", "Covid sembilan belas"),
    ("number", "Pemilu2024", "Pemilu dua ribu dua puluh empat"),
    ("number", "nomor 0812", "nomor nol delapan satu dua"),
    ("number", "1/2 bagian", "satu per dua bagian"),
    ("number", "20 poin rencana", "dua puluh poin rencana"),
    # money
    ("money", "Rp10.000", "sepuluh ribu rupiah"),
    ("money", "Rp 10,5 triliun", "sepuluh koma lima triliun rupiah"),
    ("money", "Rp 11,7 triliun", "sebelas koma tujuh triliun rupiah"),
    ("money", "Rp.100 ribu", "seratus ribu rupiah"),
    ("money", "Rp 5 juta", "lima juta rupiah"),
    ("money", "Rp5 jt", "lima juta rupiah"),
    ("money", "Rp 2 M", "dua miliar rupiah"),
    ("money", "Rp 25.000,-", "dua puluh lima ribu rupiah"),
    ("money", "Rp 10.000,00", "sepuluh ribu rupiah"),
    ("money", "US$ 500 juta", "lima ratus juta dolar a es"),
    ("money", "USD44 juta", "empat puluh empat juta dolar a es"),
    ("money", "$100", "seratus dolar a es"),
    ("money", "€ 20 juta", "dua puluh juta euro"),
    ("money", "EUR 3 miliar", "tiga miliar euro"),
    ("money", "S$ 1.000", "seribu dolar Singapura"),
    ("money", "Rp 10-15 juta", "sepuluh sampai lima belas juta rupiah"),
    ("money", "Rp 1 juta-Rp 2 juta", "satu juta rupiah sampai dua juta rupiah"),
    ("money", "Rp 15.000/kg", "lima belas ribu rupiah per kilogram"),
    ("money", "10 juta USD", "sepuluh juta dolar a es"),
    # percentages
    ("percent", "3,2%", "tiga koma dua persen"),
    ("percent", "3,2 persen", "tiga koma dua persen"),
    ("percent", "24,2persen", "dua puluh empat koma dua persen"),
    ("percent", "50-70%", "lima puluh sampai tujuh puluh persen"),
    ("percent", "naik 5 %", "naik lima persen"),
    ("percent", "100%", "seratus persen"),
    ("percent", "0,25%", "nol koma dua lima persen"),
    # dates
    ("date", "Sabtu (20/12)", "Sabtu, dua puluh Desember"),
    ("date", "pada Minggu (21/12).", "pada Minggu, dua puluh satu Desember."),
    ("date", "Senin (9/11/2023) lalu", "Senin, sembilan November dua ribu dua puluh tiga, lalu"),
    ("date", "Kamis 1/5", "Kamis, satu Mei"),
    ("date", "20 Desember 2025", "dua puluh Desember dua ribu dua puluh lima"),
    ("date", "31/12/24", "tiga puluh satu Desember dua ribu dua puluh empat"),
    ("date", "1 Januari", "satu Januari"),
    ("date", "20 Des 2025", "dua puluh Desember dua ribu dua puluh lima"),
    ("date", "5 Jan", "lima Januari"),
    ("date", "Agt 2024", "Agustus dua ribu dua puluh empat"),
    ("date", "17-08-1945", "tujuh belas Agustus seribu sembilan ratus empat puluh lima"),
    ("date", "2025-12-20", "dua puluh Desember dua ribu dua puluh lima"),
    ("date", "Jan bertemu Des", "Jan bertemu Des"),
    # times and zones
    ("time", "pukul 14.30 WIB", "pukul empat belas lewat tiga puluh menit Waktu Indonesia Barat"),
    ("time", "10:00 Wita", "pukul sepuluh Waktu Indonesia Tengah"),
    ("time", "06.00 WIT", "pukul enam Waktu Indonesia Timur"),
    ("time", "pkl. 08.00", "pukul delapan"),
    (
        "time",
        "14.30-16.00 WIB",
        "pukul empat belas lewat tiga puluh menit sampai pukul enam belas Waktu Indonesia Barat",
    ),
    ("time", "Pukul 09.05", "Pukul sembilan lewat lima menit"),
    ("time", "jam 7.15", "jam tujuh lewat lima belas menit"),
    (
        "time",
        "pukul 08.00 s.d. 10.00 WIB",
        "pukul delapan sampai pukul sepuluh Waktu Indonesia Barat",
    ),
    ("time", "pukul 9 pagi", "pukul sembilan pagi"),
    ("time", "Zona WIB", "Zona Waktu Indonesia Barat"),
    # ordinals
    ("ordinal", "ke-2", "kedua"),
    ("ordinal", "ke-1", "pertama"),
    ("ordinal", "HUT ke-597", "HUT kelima ratus sembilan puluh tujuh"),
    ("ordinal", "abad ke-21", "abad kedua puluh satu"),
    ("ordinal", "Ke-3 kalinya", "Ketiga kalinya"),
    ("ordinal", "HUT ke-80 RI", "HUT kedelapan puluh er i"),
    ("ordinal", "yang ke-100", "yang keseratus"),
    ("ordinal", "ke-11", "kesebelas"),
    # Roman numerals
    ("roman", "Komisi VII", "Komisi tujuh"),
    ("roman", "kuartal III", "kuartal tiga"),
    ("roman", "Paus Leo XIV", "Paus Leo keempat belas"),
    ("roman", "Perang Dunia II", "Perang Dunia kedua"),
    ("roman", "Hamengkubuwono X", "Hamengkubuwono kesepuluh"),
    ("roman", "abad XXI", "abad kedua puluh satu"),
    ("roman", "Raja Charles III", "Raja Charles ketiga"),
    ("roman", "Kodam III/Siliwangi", "Kodam tiga Siliwangi"),
    ("roman", "semester II", "semester dua"),
    ("roman", "DI Yogyakarta", "Daerah Istimewa Yogyakarta"),
    ("roman", "lagu MIX terbaru", "lagu MIX terbaru"),
    ("roman", "CIVIL", "CIVIL"),
    ("roman", "Vitamin C", "Vitamin C"),
    ("roman", "Platform X", "Platform X"),
    # ranges
    ("range", "2020-2025", "dua ribu dua puluh sampai dua ribu dua puluh lima"),
    ("range", "10-15 km", "sepuluh sampai lima belas kilometer"),
    ("range", "5 - 7 hari", "lima sampai tujuh hari"),
    ("range", "2020–2025", "dua ribu dua puluh sampai dua ribu dua puluh lima"),
    ("range", "usia 17-25 tahun", "usia tujuh belas sampai dua puluh lima tahun"),
    # units
    ("unit", "10 km", "sepuluh kilometer"),
    ("unit", "5 kg", "lima kilogram"),
    ("unit", "3 m", "tiga meter"),
    ("unit", "12 cm", "dua belas sentimeter"),
    ("unit", "8 mm", "delapan milimeter"),
    ("unit", "200 m2", "dua ratus meter persegi"),
    ("unit", "200 m²", "dua ratus meter persegi"),
    ("unit", "5 km2", "lima kilometer persegi"),
    ("unit", "1.500 ha", "seribu lima ratus hektare"),
    ("unit", "30°C", "tiga puluh derajat Celsius"),
    ("unit", "80 km/jam", "delapan puluh kilometer per jam"),
    ("unit", "60 mph", "enam puluh mil per jam"),
    ("unit", "100 MW", "seratus megawatt"),
    ("unit", "2 GW", "dua gigawatt"),
    ("unit", "900 kWh", "sembilan ratus kilowatt jam"),
    ("unit", "3 ton", "tiga ton"),
    ("unit", "2 liter", "dua liter"),
    ("unit", "250 ml", "dua ratus lima puluh mililiter"),
    ("unit", "16 GB", "enam belas gigabita"),
    ("unit", "100 Mbps", "seratus megabit per detik"),
    ("unit", "5km", "lima kilometer"),
    # abbreviations
    ("abbreviation", "Jl. Sudirman No. 5", "Jalan Sudirman nomor lima"),
    ("abbreviation", "Kec. Cilandak, Kab. Bogor", "Kecamatan Cilandak, Kabupaten Bogor"),
    ("abbreviation", "Prov. Jawa Barat", "Provinsi Jawa Barat"),
    ("abbreviation", "beras, gula, dll.", "beras, gula, dan lain-lain."),
    ("abbreviation", "sawah, kebun, dsb. yang", "sawah, kebun, dan sebagainya yang"),
    ("abbreviation", "Budi dkk. Mereka", "Budi dan kawan-kawan. Mereka"),
    ("abbreviation", "yg dgn tdk", "yang dengan tidak"),
    ("abbreviation", "dr. Andi", "dokter Andi"),
    ("abbreviation", "Dr. Andi", "Doktor Andi"),
    ("abbreviation", "Prof. Dr. Budi", "Profesor Doktor Budi"),
    ("abbreviation", "H. Ahmad", "Haji Ahmad"),
    ("abbreviation", "Hj. Siti", "Hajah Siti"),
    ("abbreviation", "Sdr. Andi", "Saudara Andi"),
    ("abbreviation", "Bpk. Joko", "Bapak Joko"),
    ("abbreviation", "Andi Wijaya, S.H., M.Si. mengatakan", "Andi Wijaya mengatakan"),
    ("abbreviation", "kata Rina, M.Si. Ia", "kata Rina. Ia"),
    ("abbreviation", "Persib vs Persija", "Persib lawan Persija"),
    ("abbreviation", "Johnson & Johnson", "Johnson dan Johnson"),
    ("abbreviation", "kasus tsb", "kasus tersebut"),
    ("abbreviation", "a.n. Budi", "atas nama Budi"),
    ("abbreviation", "Jl.Thamrin", "Jalan Thamrin"),
    # acronyms
    ("acronym", "AS", "a es"),
    ("acronym", "Presiden AS Donald Trump", "Presiden a es Donald Trump"),
    ("acronym", "Amerika Serikat (AS) dan Rusia", "Amerika Serikat, a es, dan Rusia"),
    ("acronym", "DPR", "de pe er"),
    ("acronym", "KPK", "ka pe ka"),
    ("acronym", "TNI dan Polri", "te en i dan Polri"),
    ("acronym", "PBB", "pe be be"),
    ("acronym", "BMKG", "be em ka ge"),
    ("acronym", "OJK dan BI", "o je ka dan be i"),
    ("acronym", "IHSG", "i ha es ge"),
    ("acronym", "BUMN", "be u em en"),
    ("acronym", "UMKM", "u em ka em"),
    ("acronym", "PDI-P", "pe de i pe"),
    ("acronym", "PT Telkom Indonesia Tbk", "pe te Telkom Indonesia te be ka"),
    ("acronym", "NATO", "Nato"),
    ("acronym", "ASEAN", "Asean"),
    ("acronym", "BRIN", "Brin"),
    ("acronym", "Bappenas", "Bappenas"),
    ("acronym", "UNESCO", "Unesco"),
    ("acronym", "KPPU", "ka pe pe u"),
    ("acronym", "XYZ", "eks ye zet"),
    ("acronym", "JAKARTA", "JAKARTA"),
    ("acronym", "as roda", "as roda"),
    # links, handles, hashtags, emoji
    ("link", "kompas.com", "kompas titik com"),
    ("link", "www.example.co.id/path", "example titik co titik id"),
    ("link", "https://news.detik.com/berita/d-123.", "news titik detik titik com."),
    ("link", "redaksi@tempo.co", "redaksi et tempo titik co"),
    ("link", "kata @jokowi hari ini", "kata hari ini"),
    ("link", "#Pemilu2024", "Pemilu dua ribu dua puluh empat"),
    ("link", "#IndonesiaMaju", "Indonesia Maju"),
    ("link", "Selamat 🎉🇮🇩 pagi", "Selamat pagi"),
    # punctuation
    ("punctuation", "para pemimpin… Saya", "para pemimpin. Saya"),
    ("punctuation", "tunggu... dan lihat", "tunggu, dan lihat"),
    ("punctuation", "Jakarta — Presiden", "Jakarta, Presiden"),
    ("punctuation", "“Diskusi berjalan,” ujarnya", "Diskusi berjalan, ujarnya"),
    ("punctuation", "• Poin pertama", "Poin pertama"),
    ("punctuation", "a  ,  b", "a, b"),
    ("punctuation", "Jakarta - Presiden", "Jakarta, Presiden"),
    ("punctuation", "Rusia-Ukraina", "Rusia-Ukraina"),
    ("punctuation", "Jum’at", "Jum'at"),
]

SEED_PARAGRAPH = (
    "Pertemuan pada Sabtu (20/12) itu dihadiri utusan khusus Presiden Rusia Vladimir Putin, "
    "Kirill Dmitriev, serta utusan khusus Presiden AS Donald Trump, Steve Witkoff, dan menantu "
    "Trump, Jared Kushner."
)
SEED_SPOKEN = (
    "Pertemuan pada Sabtu, dua puluh Desember, itu dihadiri utusan khusus Presiden Rusia "
    "Vladimir Putin, Kirill Dmitriev, serta utusan khusus Presiden a es Donald Trump, Steve "
    "Witkoff, dan menantu Trump, Jared Kushner."
)


@pytest.mark.parametrize(("category", "written", "spoken"), CASES)
def test_spoken_form(category: str, written: str, spoken: str) -> None:
    assert speakable(written) == spoken


def test_every_category_has_five_rows() -> None:
    counts = Counter(category for category, _, _ in CASES)
    print(dict(counts))
    assert len(CASES) >= 150
    assert min(counts.values()) >= 5


def test_seed_paragraph() -> None:
    assert speakable(SEED_PARAGRAPH) == SEED_SPOKEN


def test_number_helpers_doctests() -> None:
    assert doctest.testmod(spoken_numbers, raise_on_error=True).attempted > 0


def test_seed_article_has_no_digits() -> None:
    paragraphs = [p for p in SEED.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    spoken = [speakable(paragraph) for paragraph in paragraphs]
    assert not any(re.search("[0-9]", paragraph) for paragraph in spoken)


WORDS = st.sampled_from(
    str.split(
        "Presiden AS DPR KPK NATO Jokowi bertemu di Jakarta pada Sabtu (20/12) pukul 14.30 WIB "
        "Rp 10,5 triliun 3,2% 50-70% ke-2 Komisi VII Paus Leo XIV 10 km 2020-2025 Jl. No. 5 dll. "
        "kompas.com @jokowi #Pemilu2024 … — “kata” , . ( ) 1.000 -5 US$ 500 juta 31/12/24 "
        "20 Des 2025 S.H. vs & tsb abad XXI 30°C 10:00 Wita"
    )
)


@settings(max_examples=300, deadline=None)
@given(st.lists(WORDS, max_size=25).map(" ".join))
def test_speakable_is_idempotent_on_news_like_text(text: str) -> None:
    once = speakable(text)
    assert speakable(once) == once
    assert "  " not in once
    assert not re.search("[0-9]", once)


@settings(max_examples=500, deadline=None)
@given(st.text())
def test_speakable_never_raises(text: str) -> None:
    spoken = speakable(text)
    assert isinstance(spoken, str)
    assert "  " not in spoken
    assert not re.search("[0-9]", spoken)
