"""Indonesian paragraphs split into Google-sized chunks: exact rows and properties."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from podcast.speech.chunks import MAX_CHARS, chunk

ROWS = [
    ("", []),
    ("  \n ", []),
    ("Presiden tiba di Jakarta.", ["Presiden tiba di Jakarta."]),
    (
        "Satu.\nDua dengan   spasi\tganda.",
        ["Satu. Dua dengan spasi ganda."],
    ),
    (
        "Harga cabai naik menjadi Rp 10.000 per kilogram pada pekan ini, sementara harga "
        "bawang merah turun 3,5 persen dibanding bulan lalu.",
        [
            "Harga cabai naik menjadi Rp 10.000 per kilogram pada pekan ini,",
            "sementara harga bawang merah turun 3,5 persen dibanding bulan lalu.",
        ],
    ),
    (
        "Rapat dimulai pukul 14.30 WIB di kantor gubernur. Semua kepala dinas hadir tepat "
        "waktu. Wartawan menunggu di luar gedung sejak pagi.",
        [
            "Rapat dimulai pukul 14.30 WIB di kantor gubernur. Semua kepala dinas hadir tepat"
            " waktu.",
            "Wartawan menunggu di luar gedung sejak pagi.",
        ],
    ),
    (
        "Kantor itu berada di Jl. Sudirman No. 5, Kec. Menteng, dan dipimpin oleh dr. Andi "
        "Wijaya yang baru dilantik pekan lalu oleh gubernur.",
        [
            "Kantor itu berada di Jl. Sudirman No. 5, Kec. Menteng,",
            "dan dipimpin oleh dr. Andi Wijaya yang baru dilantik pekan lalu oleh gubernur.",
        ],
    ),
    (
        "Para pengunjuk rasa berkumpul sejak pagi di depan gedung dewan dan kemudian bergerak "
        "menuju Jl. Thamrin untuk menyampaikan tuntutan mereka.",
        [
            "Para pengunjuk rasa berkumpul sejak pagi di depan gedung dewan dan kemudian bergerak"
            " menuju",
            "Jl. Thamrin untuk menyampaikan tuntutan mereka.",
        ],
    ),
    (
        "Gelar S.H. diraih Budi Santoso setelah menempuh kuliah hukum selama empat tahun penuh "
        "di Universitas Indonesia di Depok, Jawa Barat.",
        [
            "Gelar S.H. diraih Budi Santoso setelah menempuh kuliah hukum selama empat tahun penuh"
            " di Universitas",
            "Indonesia di Depok, Jawa Barat.",
        ],
    ),
    (
        "Prof. Dr. Siti Nurhaliza dan H. Ahmad Dahlan memberikan sambutan dalam acara peresmian "
        "gedung baru fakultas kedokteran kemarin siang.",
        [
            "Prof. Dr. Siti Nurhaliza dan H. Ahmad Dahlan memberikan sambutan dalam acara"
            " peresmian gedung baru",
            "fakultas kedokteran kemarin siang.",
        ],
    ),
    (
        "Pertemuan pada Sabtu (20/12) itu dihadiri utusan khusus Presiden Rusia Vladimir Putin, "
        "Kirill Dmitriev, serta utusan khusus Presiden AS Donald Trump.",
        [
            "Pertemuan pada Sabtu (20/12) itu dihadiri utusan khusus Presiden Rusia Vladimir"
            " Putin,",
            "Kirill Dmitriev, serta utusan khusus Presiden AS Donald Trump.",
        ],
    ),
    (
        "Menurut dia, program itu penting; tanpa dukungan daerah, target pemerintah sulit "
        "tercapai: anggaran terbatas dan waktu pelaksanaan sangat pendek sekali.",
        [
            "Menurut dia, program itu penting; tanpa dukungan daerah, target pemerintah sulit"
            " tercapai:",
            "anggaran terbatas dan waktu pelaksanaan sangat pendek sekali.",
        ],
    ),
    (
        "Pemerintah akan membangun jalan tol baru — yang menghubungkan dua provinsi — dalam "
        "waktu tiga tahun dengan biaya puluhan triliun rupiah dari APBN.",
        [
            "Pemerintah akan membangun jalan tol baru — yang menghubungkan dua provinsi —",
            "dalam waktu tiga tahun dengan biaya puluhan triliun rupiah dari APBN.",
        ],
    ),
    (
        "“Kami akan terus mendukung usulan ini sampai selesai,” kata Menteri Keuangan kepada "
        "wartawan di Jakarta. “Tidak ada jalan lain bagi kita semua.”",
        [
            "“Kami akan terus mendukung usulan ini sampai selesai,”",
            "kata Menteri Keuangan kepada wartawan di Jakarta. “Tidak ada jalan lain bagi kita"
            " semua.”",
        ],
    ),
    (
        "Apakah warga siap menghadapi musim hujan tahun ini? Pemerintah daerah mengaku sudah "
        "menyiapkan pompa air! Namun warga masih khawatir banjir datang lagi.",
        [
            "Apakah warga siap menghadapi musim hujan tahun ini?",
            "Pemerintah daerah mengaku sudah menyiapkan pompa air! Namun warga masih khawatir"
            " banjir datang lagi.",
        ],
    ),
    (
        "Warga menunggu bantuan di pengungsian sejak tiga hari lalu tanpa kepastian kapan mereka "
        "bisa kembali ke rumah masing masing yang rusak parah diterjang banjir bandang",
        [
            "Warga menunggu bantuan di pengungsian sejak tiga hari lalu tanpa kepastian kapan"
            " mereka bisa kembali",
            "ke rumah masing masing yang rusak parah diterjang banjir bandang",
        ],
    ),
    (
        "Sumber: https://www.example.com/berita/" + "a" * 100 + " dikutip pada Sabtu.",
        ["Sumber:", "https://www.example.com/berita/" + "a" * 100, "dikutip pada Sabtu."],
    ),
    (
        "Sebanyak 1.250 personel gabungan dikerahkan untuk mengamankan jalannya pertandingan "
        "final di Stadion Utama Gelora Bung Karno malam ini.",
        [
            "Sebanyak 1.250 personel gabungan dikerahkan untuk mengamankan jalannya pertandingan"
            " final di Stadion",
            "Utama Gelora Bung Karno malam ini.",
        ],
    ),
]


@pytest.mark.parametrize(("paragraph", "chunks"), ROWS, ids=[row[0][:30] for row in ROWS])
def test_chunks(paragraph: str, chunks: list[str]) -> None:
    assert chunk(paragraph) == chunks


WORDS = st.text(
    alphabet=st.sampled_from("abcXY019.,;:!?-—()/“”\"' "), min_size=1, max_size=30
).filter(lambda word: word.strip() != "")
PARAGRAPHS = st.lists(st.tuples(WORDS, st.sampled_from([" ", "  ", "\n", "\t"])), max_size=80).map(
    lambda pairs: "".join(word + space for word, space in pairs)
)


@given(PARAGRAPHS)
def test_chunks_rejoin_to_the_paragraph_and_fit(paragraph: str) -> None:
    chunks = chunk(paragraph)
    assert " ".join(chunks) == " ".join(paragraph.split())
    for part in chunks:
        assert len(part) <= MAX_CHARS or " " not in part
        assert part == part.strip() and part
