"""Word tables for codes, signs and fractions read by `podcast.text.spoken.codes`.

Vehicle plates, flight codes, chemical formulas, addresses' RT/RW, comparison
signs and fractions: adding an airline, a formula or a context word is one row
here and one test row in `tests/data/spoken/<section>.tsv`.
"""

from __future__ import annotations

from podcast.text.spoken.tables import words

# The region letters that open an Indonesian number plate ("B 2981 KJL").
PLATE_REGIONS = words("""A B D E F G H K L M N P R S T W Z AA AB AD AE AG BA BB BD BE BG BH
    BK BL BM BN BP DA DB DC DD DE DG DH DK DL DM DN DR DS DT EA EB ED KB KH KT KU PA PB PY""")

# Airline codes read letter by letter before a flight number ("JT 610").
AIRLINES = words("""GA JT ID QZ IU QG IW IN SJ IP XN AK D7 FD MH OD SQ TR 3K EK QR EY SV TK
    CX JL NH KE OZ CZ MU CA QF JQ VN VJ TG PR 5J IL 8B""")

# Words that make "ID 6541" a flight: up to a few words before the code.
FLIGHT_CONTEXT = words("""penerbangan pesawat maskapai Air Airlines Airways Airline Garuda
    Citilink AirAsia Lion Batik Sriwijaya Wings Pelita TransNusa Trigana Jet rute bandara
    Bandara mendarat terbang penumpang pilot awak tergelincir landasan""")

# Aircraft makers whose model numbers are read digit by digit and their variants as
# numbers ("Boeing 737-800" -> "Boeing tujuh tiga tujuh delapan ratus").
AIRCRAFT_MAKERS = words("Boeing Airbus ATR Embraer Bombardier Sukhoi")

# Words that make a following "KA" a train (kereta api) even without a number or name.
TRAIN_CONTEXT = words("""perlintasan jalur rel stasiun Stasiun penumpang perjalanan tiket
    jadwal kereta lintasan KA""")

# Vehicle classes written as a letter and a wheel count ("R2" -> "roda dua").
VEHICLE_CLASSES = {"R2": "roda dua", "R3": "roda tiga", "R4": "roda empat", "R6": "roda enam"}

# Chemical elements: a token made only of these and digits is a formula ("CO2", "H2SO4").
ELEMENTS = frozenset(
    words("""H He Li Be B C N O F Ne Na Mg Al Si P S Cl Ar K Ca Ti V Cr Mn Fe Co Ni Cu Zn
    As Se Br Kr Sr Ag Cd Sn Sb I Xe Cs Ba W Pt Au Hg Pb Ra U Pu Am Rn""")
)

# Formulas and science words without digits, or with a part no rule can read.
SCIENCE_WORDS = {
    "HCl": "ha ce el", "NaCl": "en a ce el", "NaOH": "en a o ha", "KOH": "ka o ha",
    "NOx": "en o eks", "SOx": "es o eks", "CO2e": "ce o dua ekuivalen",
    "HbA1c": "ha be a satu ce", "mRNA": "em er en a", "pH": "pe ha",
}  # fmt: skip

# Letters after these words are letter names ("Blok M" -> "Blok em", "SIM C" -> "SIM ce").
LETTER_CONTEXT = words("Blok blok Tower Menara Gedung SIM Lantai Hall Pintu Gerbang Terminal Zona")

# Words after which "±" is the margin of a measure ("plus minus"), not "about".
MARGIN_CONTEXT = ["margin of error", "galat", "toleransi", "simpangan", "margin", "akurasi"]

# Words that make "1:3" a ratio ("satu banding tiga").
RATIO_CONTEXT = words("skala berskala rasio perbandingan banding nisbah Skala Rasio Perbandingan")

COMPARISONS = {
    "≥": "lebih dari atau sama dengan", "≤": "kurang dari atau sama dengan",
    ">": "lebih dari", "<": "kurang dari", "~": "sekitar", "≈": "sekitar", "±": "kurang lebih",
}  # fmt: skip

# Fraction glyphs, spoken.
FRACTIONS = {
    "½": "setengah", "¼": "seperempat", "¾": "tiga perempat", "⅓": "sepertiga",
    "⅔": "dua pertiga", "⅕": "seperlima", "⅖": "dua perlima", "⅗": "tiga perlima",
    "⅘": "empat perlima", "⅙": "seperenam", "⅚": "lima perenam", "⅛": "seperdelapan",
    "⅜": "tiga perdelapan", "⅝": "lima perdelapan", "⅞": "tujuh perdelapan",
}  # fmt: skip

# Words before a handle that say it names an account ("akun @jokowi"): the
# handle is read as its words; elsewhere it is dropped.
ACCOUNT_CONTEXT = words("""akun Akun Instagram instagram TikTok Twitter X Facebook YouTube
    Threads cuitan Cuitan unggahan Unggahan kanal resmi""")

# Domain labels read as words however they look ("go", "co"): the rest of the
# short consonant-only labels are spelled ("bps" -> "be pe es").
DOMAIN_WORDS = words("go co ac or my sch web net mil com org www")
