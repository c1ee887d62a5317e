"""Word tables for the kinds of numbers that only their context words decide.

Used by `podcast.text.spoken.context`: a score, a regulation number, a phone
number and a date can all be written "1-0", "5/2021", "0812-3456" or "1/6";
the words before them say which one it is. Adding a context word or a region
is one row here and one test row in `tests/data/spoken/<section>.tsv`.
"""

from __future__ import annotations

from podcast.text.spoken.tables import words

# A "n-n" score after one of these words (up to a few words before it) is read
# "dua lawan satu"; without them "2-1" stays a range ("dua sampai satu").
SCORE_CONTEXT = words("""menang kemenangan memenangi memenangkan kalah kekalahan mengalahkan
    dikalahkan skor imbang unggul keunggulan tumbang menumbangkan takluk menaklukkan
    ditaklukkan menundukkan ditundukkan membantai dibantai melibas dilibas mempermalukan
    agregat penalti set gim laga pertandingan berakhir babak hasil Liga vs versus lawan
    melawan kontra menjamu dijamu gol dibekuk membekuk menggilas digilas menghajar dihajar
    menekuk ditekuk mengandaskan dikandaskan kandas keok membungkam dibungkam""")

# A score is no score when a count word follows it ("laga 2-3 kali sepekan").
RANGE_FOLLOWERS = words("""kali tahun bulan minggu pekan hari jam menit detik persen orang
    ribu juta miliar triliun kilometer meter km kg unit buah pertandingan laga partai gelar
    poin musim edisi ton liter hektare rumah ekor warga siswa desa titik kasus jiwa korban""")

# Regulations read "nomor n tahun yyyy" when written "5/2021".
REGULATIONS = words("""UU PP Perpres Perppu Perpu Perda Pergub Perbup Perwal Perwali Perkada
    Keppres Kepres Inpres Kepmen Permen POJK SEOJK PBI PADG Perma Perkap Perpol Perban
    Perka Perdes Kepgub Kepbup SK SE Permendagri Permenkes Permendikbud
    Permendikbudristek Permenkeu PMK Permenaker Permenhub Kepmenkes""")

# Words that make "1/6" a day and a month ("pada 1/6" -> "pada satu Juni").
DATE_CONTEXT = [
    *words("tanggal tgl. tgl pada sejak mulai per jelang menjelang libur hingga sampai"),
    "cuti bersama",
]

# Words before a phone number: it is read digit by digit when it starts with 0
# or has seven digits or more ("hubungi 0812-3456-7890").
PHONE_CONTEXT = [
    *words("""telepon telp. telp tlp. tlp tel. HP ponsel WA WhatsApp hubungi menghubungi
    kontak narahubung CP fax faks faksimile nomor No. no."""),
    *["nomor telepon", "nomor ponsel", "nomor HP", "nomor WA", "contact person"],
]

# Words before a service number or code: any number of three digits or more is
# read digit by digit ("call center 112", "kode pos 40115").
SERVICE_CONTEXT = [
    *words("hotline SMS ext. ext"),
    *["call center", "pusat panggilan", "layanan darurat", "nomor darurat"],
    *["panggilan darurat", "kode pos", "layanan pengaduan"],
]

# Numbers that the emergency and public services answer on, read digit by digit
# after a phone word ("hubungi 112").
SERVICE_NUMBERS = words("110 112 113 115 117 118 119 129 123 141 147")

# Seven digits and more make a phone number after a phone word.
MIN_PHONE_DIGITS = 7

# Country codes read as their own group after "+".
COUNTRY_CODES = words("62 60 65 66 63 84 61 81 82 86 44 1")

# Season and school-year contexts: "musim 2024/2025" reads both years.
SEASON_CONTEXT = ["musim", "Musim", "tahun ajaran", "Tahun Ajaran", "TA"]

# Earthquake words that make "M 6,1" a magnitude.
QUAKE_CONTEXT = words("gempa Gempa gempabumi Gempabumi lindu guncangan GEMPA BMKG magnitudo")

# "Mw 6,1", "M 6,1": the magnitude sign before the number.
MAGNITUDE_SIGNS = words("Mw M")

# Short forms of provinces and cities read in full.
REGIONS = {
    "Jabar": "Jawa Barat", "Jateng": "Jawa Tengah", "Jatim": "Jawa Timur",
    "Jaksel": "Jakarta Selatan", "Jakpus": "Jakarta Pusat", "Jakbar": "Jakarta Barat",
    "Jaktim": "Jakarta Timur", "Jakut": "Jakarta Utara", "Sumut": "Sumatera Utara",
    "Sumbar": "Sumatera Barat", "Sumsel": "Sumatera Selatan", "Kalbar": "Kalimantan Barat",
    "Kalteng": "Kalimantan Tengah", "Kalsel": "Kalimantan Selatan",
    "Kaltim": "Kalimantan Timur", "Kaltara": "Kalimantan Utara", "Sulut": "Sulawesi Utara",
    "Sulteng": "Sulawesi Tengah", "Sulsel": "Sulawesi Selatan",
    "Sultra": "Sulawesi Tenggara", "Sulbar": "Sulawesi Barat", "Malut": "Maluku Utara",
    "Kepri": "Kepulauan Riau", "Babel": "Bangka Belitung",
    "NTB": "Nusa Tenggara Barat", "NTT": "Nusa Tenggara Timur",
    "DIY": "Daerah Istimewa Yogyakarta", "Tangsel": "Tangerang Selatan",
    "Pabar": "Papua Barat", "Pabarda": "Papua Barat Daya", "NAD": "Nanggroe Aceh Darussalam",
}  # fmt: skip

# "DI" before these names is Daerah Istimewa, not a Roman numeral or initials.
SPECIAL_REGIONS = words("Yogyakarta Yogya Jogja Jogjakarta Aceh")

# Religious honorifics after a holy name ("Nabi Muhammad SAW"); "AS" only after "Nabi".
HONORIFICS = {
    "SAW": "shallallahu alaihi wasallam", "saw": "shallallahu alaihi wasallam",
    "SWT": "subhanahu wa taala", "swt": "subhanahu wa taala",
    "AS": "alaihissalam", "as": "alaihissalam", "RA": "radhiyallahu anhu",
}  # fmt: skip

# Names after which those honorifics stand ("Allah SWT", "Nabi Ibrahim AS").
HOLY_NAMES = r"(?:Allah|Rasulullah|Rasul|Nabi\s+[A-Z][a-z']+|Muhammad|Sahabat\s+[A-Z][a-z']+)"

# Words after which all-caps initials are spelled ("berinisial AM" -> "a em").
INITIALS_CONTEXT = words("inisial berinisial Inisial Berinisial")

# Unit words that "/" reads as "per" before them ("Rp 250/saham").
PER_WORDS = words("""hari jam bulan tahun minggu pekan orang jiwa kepala keluarga saham lembar
    gram kg liter ton barel unit ekor malam kamar kursi porsi botol butir buah lot meter
    kWh kwh detik menit sak karung""")

# Currencies read after "/" ("Rp 16.250/US$" -> "per dolar AS").
PER_CURRENCIES = {"US$": "dolar AS", "USD": "dolar AS", "dolar": "dolar"}

# Roman-numbered classes with a letter ("Kelas IIA" -> "Kelas dua a").
CLASS_CONTEXT = words("Kelas kelas Golongan golongan Tipe tipe")

# Periods written with a Roman numeral and a year ("kuartal I/2024").
PERIOD_CONTEXT = words("kuartal Kuartal triwulan Triwulan semester Semester caturwulan")
