"""Word tables and patterns for the spoken-form rules in `podcast.normalize`.

Each table is plain data: adding an abbreviation, an acronym or a unit is one
new row here and one new test row in `tests/text/test_normalize.py`.
"""

from __future__ import annotations

import re


def words(table: str) -> list[str]:
    """Split a whitespace-separated word table."""
    return table.split()


LETTER_NAMES = dict(
    zip(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
        words("a be ce de e ef ge ha i je ka el em en o pe ki er es te u ve we eks ye zet"),
        strict=True,
    )
)

MONTHS = words(
    "Januari Februari Maret April Mei Juni Juli Agustus September Oktober November Desember"
)

MONTH_ABBREVIATIONS = {
    "Jan": 1, "Feb": 2, "Mar": 3, "Apr": 4, "Mei": 5, "Jun": 6, "Jul": 7,
    "Agu": 8, "Agt": 8, "Agus": 8, "Agst": 8, "Sep": 9, "Sept": 9, "Okt": 10,
    "Nov": 11, "Des": 12,
}  # fmt: skip

WEEKDAYS = words("Senin Selasa Rabu Kamis Jumat Jum'at Sabtu Minggu Ahad")

TIME_ZONES = {
    "WIB": "Waktu Indonesia Barat",
    "WITA": "Waktu Indonesia Tengah",
    "Wita": "Waktu Indonesia Tengah",
    "WIT": "Waktu Indonesia Timur",
}

# Written form -> spoken form. Keys ending in "." only match with their dot.
ABBREVIATIONS = {
    "Jl.": "Jalan", "Jln.": "Jalan", "Kec.": "Kecamatan", "Kab.": "Kabupaten",
    "Prov.": "Provinsi", "Kel.": "Kelurahan", "Kota.": "Kota",
    "dll.": "dan lain-lain", "dll": "dan lain-lain", "dsb.": "dan sebagainya",
    "dsb": "dan sebagainya", "dst.": "dan seterusnya", "dkk.": "dan kawan-kawan",
    "dkk": "dan kawan-kawan", "tsb.": "tersebut", "tsb": "tersebut",
    "yg": "yang", "dgn": "dengan", "tdk": "tidak", "utk": "untuk", "krn": "karena",
    "dr.": "dokter", "Dr.": "Doktor", "Prof.": "Profesor", "Ir.": "Insinyur",
    "Drs.": "Doktorandus", "Dra.": "Doktoranda", "Hj.": "Hajah", "Sdr.": "Saudara",
    "Sdri.": "Saudari", "Bpk.": "Bapak", "Jend.": "Jenderal", "Moh.": "Mohammad",
    "Muh.": "Muhammad", "Pj.": "Penjabat", "Plt.": "Pelaksana tugas",
    "Plh.": "Pelaksana harian", "tgl.": "tanggal", "hlm.": "halaman",
    "pkl.": "pukul", "Pkl.": "Pukul", "pkl": "pukul", "vs.": "lawan", "vs": "lawan",
    "a.n.": "atas nama", "s.d.": "sampai dengan", "s/d": "sampai dengan",
    "a.l.": "antara lain", "&": "dan",
    "Ust.": "Ustaz", "Ustz.": "Ustazah", "Pdt.": "Pendeta", "Mgr.": "Monsinyur",
    "Ny.": "Nyonya", "Tn.": "Tuan", "Tgk.": "Teungku", "K.H.": "Kiai Haji", "KH.": "Kiai Haji",
    "KH": "Kiai Haji", "drg.": "dokter gigi", "Drg.": "dokter gigi", "Bp.": "Bapak",
    "Pj": "Penjabat", "Plt": "Pelaksana tugas", "Plh": "Pelaksana harian",
    "Yth.": "Yang terhormat", "Kpd.": "Kepada", "u.p.": "untuk perhatian",
    "Telp.": "Telepon", "telp.": "telepon", "Tlp.": "Telepon", "tlp.": "telepon",
    "ext.": "ekstensi", "Ext.": "ekstensi", "jo.": "juncto", "Jo.": "juncto",
    "Wr.": "warahmatullahi", "Wb.": "wabarakatuh", "yoy": "year on year",
    "mtm": "month to month", "qtq": "quarter to quarter", "ytd": "year to date",
    "H.C.": "honoris causa", "Pol.": "Polisi", "Inf.": "Infanteri", "Kav.": "Kavaleri",
    "Purn.": "Purnawirawan", "apt.": "apoteker", "Ns.": "Ners",
    "Apt.": "Apoteker", "drh.": "dokter hewan", "Lamp.": "Lampiran", "TGH": "Tuan Guru Haji",
    "TGH.": "Tuan Guru Haji", "Hj": "Hajah", "Ust": "Ustaz", "Bpk": "Bapak", "Sdr": "Saudara",
    "Sdri": "Saudari", "Pdt": "Pendeta", "Yth": "Yang terhormat", "Kpd": "Kepada",
    "drg": "dokter gigi", "drh": "dokter hewan",
    "Gg.": "Gang", "Gg": "Gang", "Jl": "Jalan", "Jln": "Jalan", "Ds.": "Desa",
    "Dsn.": "Dusun", "Kp.": "Kampung", "Komp.": "Kompleks", "Lt.": "Lantai",
    "kab/kota": "kabupaten/kota", "Kab/Kota": "Kabupaten/Kota",
}  # fmt: skip

# Expansions that can end a sentence: their dot is kept when it closes one.
SENTENCE_FINAL = {"dll.", "dsb.", "dst.", "dkk.", "tsb."}

# Titles before a personal name ("H. Ahmad" -> "Haji Ahmad").
NAME_TITLES = {"H.": "Haji"}

# "No. 5" -> "nomor 5"; only before a number.
NUMBER_SIGNS = {"No.": "nomor", "No": "nomor", "no.": "nomor", "Nomor": "nomor"}

# Academic degrees written after a name: ", S.H., M.Si." are dropped.
DEGREE = (
    r"(?:[SM]\.\s?[A-Z][A-Za-z]{0,3}\.?|Ph\.\s?D\.?|MBA|MPA|MSc|Lc\.?|Sp\.\s?[A-Z]{1,3}\.?"
    r"|S[EHTS]|M[MHT]|M\.?Si|S\.?Kom|M\.?Kom|S\.?Pd|M\.?Pd|S\.?Sos|S\.?Ag|M\.?Ag|SKM)"
)

# Read letter by letter with Indonesian letter names.
SPELLED = set(
    words("""AS RI DPR DPRD DPD MPR KPK TNI PBB BMKG OJK IHSG BI BUMN BUMD MK MA KPU DKI UMKM
    PDIP PDI-P PKB PKS PPP PSI UI ITB UGM IPB ITS BPS BPJS PLN BRI BNI BCA BTN BSI KTP
    PHK APBN APBD UU PT CV Tbk WNI WNA TKI PMI KUHP RUU PP SD SMP SMA SMK RS RSUD PNS ASN
    TPS BBM LPG CEO AI IT PM UE WHO IMF FBI CIA KRL MRT LRT BEI BKPM BPK BPKP BNPB BPBD
    BNN KKP KLHK ESDM PUPR KTT PSSI GMT UTC UEA PKH BLT PPN PPh NIK NPWP KPR DP TV HP
    GPS USB PC CCTV ATM KUR LSM TKP DPO OTT JPU PN PT MUI NU PBNU PWNU ITE POJK UMP UMK OTP
    XL PDAM LTE PUU KAI PO UUD AQI DNA RNA HIV CPO PU ATR""")
)

# Acronyms read as words; all-caps forms are spoken capitalized ("NATO" -> "Nato").
WORD_ACRONYMS = set(
    words("""ASEAN NATO OPEC APEC UNESCO UNICEF FIFA NASA BRIN POLRI BAPPENAS PEMPROV PILKADA
    PEMILU SATGAS BASARNAS BULOG DAMRI LAPAN PERTAMINA KAPOLRI KAPOLDA KEMENKEU KEMENLU
    BIN PAN HAM BAWASLU COVID SIM KADIN GOLKAR GERINDRA NASDEM HANURA PERPPU PERPU
    BANSOS TOEFL ISIS HAMAS UNRWA SARS BUMDES POLDA POLRES POLSEK KORLANTAS KUHAP""")
)

VOWELS = set("AEIOU")

CURRENCIES = {
    "Rp.": "rupiah", "Rp": "rupiah", "IDR": "rupiah", "US$": "dolar AS", "USD": "dolar AS",
    "S$": "dolar Singapura", "SGD": "dolar Singapura", "A$": "dolar Australia",
    "AUD": "dolar Australia", "$": "dolar AS", "€": "euro", "EUR": "euro",
    "£": "pound sterling", "GBP": "pound sterling", "¥": "yen", "JPY": "yen",
    "RM": "ringgit", "MYR": "ringgit",
}  # fmt: skip

SCALES = {
    "ribu": "ribu", "rb": "ribu", "juta": "juta", "jt": "juta", "miliar": "miliar",
    "milyar": "miliar", "M": "miliar", "triliun": "triliun", "T": "triliun",
}  # fmt: skip

# Unit symbol after a number -> spoken unit. Longest symbols are tried first.
UNITS = {
    "km/jam": "kilometer per jam", "km/j": "kilometer per jam", "km/h": "kilometer per jam",
    "m/detik": "meter per detik", "m/s": "meter per detik",
    "km²": "kilometer persegi", "km2": "kilometer persegi",
    "m²": "meter persegi", "m2": "meter persegi", "m³": "meter kubik", "m3": "meter kubik",
    "cm": "sentimeter", "mm": "milimeter", "km": "kilometer", "m": "meter",
    "kg": "kilogram", "mg": "miligram", "gr": "gram", "g": "gram",
    "ha": "hektare", "°C": "derajat Celsius", "° C": "derajat Celsius",
    "°F": "derajat Fahrenheit", "°": "derajat", "mph": "mil per jam",
    "kWh": "kilowatt jam", "MWh": "megawatt jam", "GWh": "gigawatt jam",
    "kW": "kilowatt", "MW": "megawatt", "GW": "gigawatt",
    "ton": "ton", "liter": "liter", "ml": "mililiter",
    "KB": "kilobita", "MB": "megabita", "GB": "gigabita", "TB": "terabita",
    "Mbps": "megabit per detik", "Gbps": "gigabit per detik", "kbps": "kilobit per detik",
    "bps": "basis poin", "bp": "basis poin", "pts": "poin", "VA": "volt ampere",
    "SR": "skala Richter", "LS": "Lintang Selatan", "LU": "Lintang Utara",
    "BT": "Bujur Timur", "BB": "Bujur Barat",
    "Hz": "hertz", "kHz": "kilohertz", "MHz": "megahertz", "GHz": "gigahertz",
    "mdpl": "meter di atas permukaan laut", "m dpl": "meter di atas permukaan laut",
    "mg/dL": "miligram per desiliter", "dL": "desiliter", "dl": "desiliter",
    "mmol": "milimol", "L": "liter", "mmHg": "milimeter air raksa",
    "µg": "mikrogram", "μg": "mikrogram", "mcg": "mikrogram",
    "ppm": "pe pe em", "ppb": "pe pe be", "MWp": "megawatt peak", "kWp": "kilowatt peak",
    "kV": "kilovolt", "kVA": "kilovolt ampere", "TWh": "terawatt jam", "mAh": "miliampere jam",
    "W": "watt", "V": "volt", "dB": "desibel", "µSv": "mikrosievert", "μSv": "mikrosievert",
    "mSv": "milisievert", "IU": "unit internasional", "kkal": "kilokalori",
    "kcal": "kilokalori", "bph": "barel per hari", "bopd": "barel minyak per hari",
    "MMSCFD": "juta standar kaki kubik per hari", "GT": "gross ton", "DWT": "ton bobot mati",
    "NM": "mil laut", "cc": "ce ce", "Ha": "hektare", "cm²": "sentimeter persegi",
    "cm³": "sentimeter kubik", "cm2": "sentimeter persegi", "cm3": "sentimeter kubik",
    "mL": "mililiter",
}  # fmt: skip

# Roman numerals after these words are cardinal ("Komisi VII" -> "Komisi tujuh").
ROMAN_CARDINAL_CONTEXT = words("""Komisi kuartal triwulan caturwulan semester Bab Pasal Pelita Kodam
    Korem Jilid Tahap Gelombang Kelas Golongan Seri Sesi Babak Zona Lantai Kuartal Triwulan
    Semester Level Pangdam Kasdam Lantamal Koarmada Pangkoarmada Kogabwilhan
    Pangkogabwilhan Koopsud Koopsau Kosek Lanal Eselon eselon Repelita tahap Fase fase kelas
    Divre Ring Wilayah Regional Sektor Kuadran""")

# Roman numerals after these words are ordinal ("abad XXI" -> "abad kedua puluh satu").
ROMAN_ORDINAL_CONTEXT = [
    *words("""abad Abad PON Olimpiade Popnas Porprov Porda Peparnas Kongres Muktamar Munas
    Muswil Musda Rakernas Rakornas Mukernas Amandemen amandemen"""),
    *["Perang Dunia", "SEA Games", "Asian Games", "Asian Para Games", "ASEAN Para Games"],
]

# Titles that mark a regnal number after a name ("Paus Leo XIV").
REGNAL_TITLES = words("Paus Raja Ratu Sultan Kaisar Pangeran Putri Sri")

# Places and units named before a Roman numeral that counts them ("Gedung Nusantara II",
# "Dapil Jatim I", "Gang Melati III"): the numeral is cardinal.
CARDINAL_NAME_TITLES = words("Gedung Dapil dapil Gang Menara Wisma Tower Blok Rusun")

# Names that take a regnal number even without a title ("Hamengkubuwono X").
REGNAL_NAMES = set(
    words("""Hamengkubuwono Hamengkubuwana Buwono Pakubuwono Pakualam Alam Mangkunegara Leo
    Elizabeth Charles Henry Louis George Edward William Paulus Benediktus Pius Gregorius
    Yohanes Felipe Frederik Gustaf Napoleon Ramses Rama""")
)

ROMAN = re.compile(r"M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})")
ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
