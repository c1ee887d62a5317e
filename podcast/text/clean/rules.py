"""The cleaner's tables: lines to drop, list headers, and prefixes and suffixes glued to prose.

Each row is a name and an anchored pattern; the first whose pattern matches
a whole line (or the start or end of a paragraph) decides.
"""

from __future__ import annotations

import re

from podcast.text.clean.datelines import DOMAIN, OUTLET

ROLE = r"(?i:penulis|editor|reporter|pewarta|penyunting|redaktur|fotografer|kontributor)"
INITIALS = (
    r"[(\[](?:\*(?:/[a-z0-9]{1,12})*|[A-Z]{2,4}|[a-z]{2,5}(?:/[a-z0-9]{2,12})*|[a-z]/[a-z0-9]{2,12}"
    r"|[A-Za-z]{2,5}(?:/(?:[A-Za-z0-9]{2,12}|[A-Z]{1,3}-\d{1,3}))+"
    r"|[A-Z]{1,3}-\d{1,3})[)\]]"
)
PHOTO = r"(?i:antara\s+foto|foto|dok\.?|suara\.com)"
CREDIT = rf"[(\[](?:{PHOTO}|{DOMAIN})\s*[/:][^()\[\]]{{1,60}}[)\]]"
PHOTO_CREDIT = rf"[(\[]{PHOTO}\s*[/:][^()\[\]]{{1,60}}[)\]]"
# A person's name: one to five capitalised words ("Singgih Wiryono", "Cheppy A. Muchlis").
PERSON = r"(?-i:[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,4})"
FULL_NAME = r"(?-i:[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){1,4})"
# Photo desks and agencies whose "DESK/Photographer Name" closes a caption; outlets
# that also sign their articles this way (Tribunnews.com/Name) are left out.
PHOTO_DESKS = (
    "TEMPO", "KONTAN", "JIBI", "MI", "REUTERS", "Reuters", "AFP", "AP Photo", "AP",
    "EPA-EFE", "EPA", "Anadolu", "Xinhua", "Getty Images",
)  # fmt: skip
DESK_CREDIT = (
    rf"\b(?-i:{'|'.join(re.escape(desk) for desk in PHOTO_DESKS)})"
    rf"/{FULL_NAME}(?:/[\d/]+)?[)\]]?"
)
# "Outlet/Photographer Name" closing a caption, or standing alone under it.
CREDIT_TAIL = (
    rf"(?-i:(?:[A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*){{0,3}}|{DOMAIN})"
    rf"/[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){{0,4}})\.?"
)
SHARE = (
    r"(?:facebook|twitter|x|whatsapp|telegram|linkedin|line|e-?mail|pinterest"
    r"|salin\s+(?:link|tautan)|copy\s+link|copy|link)"
)


def line_rule(name: str, pattern: str) -> tuple[str, re.Pattern[str]]:
    """A whole-line rule: the pattern must match the stripped line from start to end."""
    return name, re.compile(pattern, re.IGNORECASE)


# Whole lines that are never article prose, in the order they are tried.
LINE_DROPS: tuple[tuple[str, re.Pattern[str]], ...] = (
    line_rule("closing mark", r"\*{3,}|#{3}|-{2,}|={3,}|\(\s*\*\s*\)"),
    line_rule(
        "name in brackets",
        rf"\((?-i:[A-Z][A-Z.'’]+(?:\s+[A-Z][A-Z.'’]+){{0,3}})\)|\({FULL_NAME}\)",
    ),
    line_rule("disclaimer", r"disclaimer\s*:.{0,500}"),
    line_rule(
        "mail header",
        r"(?:from|to|cc|date|subject|sent|dari|kepada|tanggal|subjek)\s*:.{0,200}"
        r"|(?:fwd?|re)\s*:.{0,200}|sent\s+from\s+my\s+\w+.{0,30}|dikirim\s+dari\s+.{0,40}",
    ),
    line_rule("no letters", r"[\W\d_]*"),
    line_rule("by", r"by|oleh"),
    line_rule("by name", rf"(?:by|oleh|jurnalis)\s*:?\s+{PERSON}"),
    line_rule("role name", rf"{ROLE}\s+{PERSON}"),
    line_rule("name | name", rf"{PERSON}\s*\|\s*{PERSON}"),
    line_rule("name, outlet", rf"{FULL_NAME},\s*{OUTLET}"),
    line_rule("outlet alone", OUTLET),
    line_rule("initials", INITIALS),
    line_rule("credit", CREDIT),
    line_rule("photo caption", r"(?:foto|photo|caption|keterangan foto)\s*:.{0,300}"),
    line_rule(
        "picture caption",
        r"(?:keterangan|sumber)\s+gambar\s*,.{0,300}|image\s+(?:source|caption)\s*,.{0,300}",
    ),
    line_rule("photo credit alone", CREDIT_TAIL),
    line_rule("credited caption", rf".{{0,300}}[.!?)]\s+(?:-\s+)?(?:\(c\)\s*)?{CREDIT_TAIL}"),
    line_rule(
        "photo in brackets",
        r".{0,300}[(\[][^()\[\]]{0,40}\b(?:foto|dok|photo|tangkapan\s+layar|screenshot)\b"
        r"[^()\[\]]{0,60}[)\]]",
    ),
    line_rule("captioned photo", rf".{{0,300}}(?:{PHOTO_CREDIT}|\bantara foto/\S.{{0,60}})"),
    line_rule("desk photo credit", rf".{{0,300}}{DESK_CREDIT}"),
    line_rule(
        "photo label last",
        r".{0,300}[.!?)]\s+(?-i:Foto|FOTO|Photo|Dok\.?)\s*[:/]\s*[^!?:]{1,80}",
    ),
    line_rule("illustration", r"ilustrasi\s*[.:]\s.{0,300}"),
    line_rule(
        "illustration caption",
        r"ilustrasi\s+(?!(?:ini|itu|tersebut|yang|karya|buatan|dibuat)\b)[^.!?]{3,150}\."
        r"(?:\s*[(\[][^()\[\]]{2,60}[)\]])?",
    ),
    line_rule("baca juga", r"baca\s*juga\s*(?:[:：].{0,200})?"),
    line_rule("lihat juga", r"(?:lihat|simak|tonton|saksikan)\s*juga\s*(?:[:：].{0,200})?"),
    line_rule("read more", r"baca\s+(?:(?:berita|artikel)\s+)?selengkapnya\b.{0,200}"),
    line_rule(
        "more articles",
        r"(?:baca|simak|lihat)\s+(?:juga\s+)?(?:artikel|berita|tulisan)\b.{0,120}"
        r"\b(?:lainnya|terkait)\b.{0,80}",
    ),
    line_rule("see more", r"simak\s+(?:(?:berita|artikel|informasi)\s+)?selengkapnya\b.{0,200}"),
    line_rule(
        "syndicated",
        r"artikel\s+ini\s+(?:telah\s+)?(?:tayang|terbit|dimuat)\s+di\b.{0,250}"
        r"|artikel\s+ini\s+(?:disalin|dikutip|diambil|bersumber|disadur)\s+dari\b.{0,200}"
        r"|disadur\s+dari\s*:?.{1,200}",
    ),
    line_rule(
        "comments",
        r"(?:\d+\s+)?(?:komentar|comments?)(?:\s*\(\d+\))?|tulis\s+komentar\b.{0,60}"
        r"|(?:tinggalkan|kirim|posting)\s+(?:komentar|balasan)\b.{0,60}"
        r"|leave\s+a\s+(?:reply|comment)\b.{0,60}|post\s+comment|lihat\s+komentar"
        r"|(?:silakan\s+)?(?:login|masuk)\s+untuk\s+(?:berkomentar|memberikan\s+komentar).{0,60}"
        r"|log\s+in\s+to\s+comment",
    ),
    line_rule(
        "video prompt",
        r".{0,80}\b(?:video|tayangan)\b.{0,60}\b(?:di\s+bawah\s+ini|berikut\s+ini)\b.{0,10}",
    ),
    line_rule(
        "advertisement",
        r"advertisement|iklan|ads|scroll\s+to\s+(?:continue|resume)\b.*"
        r"|(?:scroll|gulir)\s+(?:ke\s+bawah\s+)?untuk\s+(?:melanjutkan|lanjut)\b.{0,30}",
    ),
    line_rule(
        "newsletter",
        r"(?:dapatkan|terima)\b.{0,80}\b(?:di|ke|lewat|melalui)\s+(?:e-?mail|inbox|kotak\s+masuk)\b.{0,60}"
        r"|daftar(?:kan)?\s+(?:e-?mail|alamat\s+e-?mail)(?:\s+\w+){0,3}",
    ),
    line_rule(
        "blog platform",
        r"\d+\s+(?:responses?|comments?|komentar|tanggapan)\s+(?:to|untuk|pada)\b.{1,200}"
        r"|(?:powered\s+by|diberdayakan\s+oleh)\s+(?:blogger|wordpress|blogspot)\b.{0,40}",
    ),
    line_rule("fewer ads", r"baca\s+berita\s+dengan\s+sedikit\s+iklan.*"),
    line_rule("reading time", r"(?:waktu\s+)?baca\s+\d+\s+(?:menit|detik)"),
    line_rule("reporter", r"laporan\s+(?:wartawan|reporter|koresponden)\s+.{2,80}"),
    line_rule("reporter | place", rf"laporan\s+{FULL_NAME}\s*\|\s*{PERSON}"),
    line_rule("role alone", rf"{ROLE}\s*:?"),
    line_rule("credit line", rf"(?:{ROLE}|sumber)\s*:.{{1,120}}"),
    line_rule("source in brackets", r"[(\[]\s*sumber\s*:.{1,80}[)\]]"),
    line_rule("published by", r"artikel\s+yang\s+diterbitkan\s+oleh\b.{0,80}"),
    line_rule("outlet desk", rf"[(\[]\s*{DOMAIN}\s*-\s*[\w ]{{2,30}}[)\]]"),
    line_rule("role | role", rf"{ROLE}\b.{{1,80}}\|\s*{ROLE}\b.{{1,80}}"),
    line_rule("copyright", r"(?:copyright|hak\s+cipta\s+dilindungi|\(c\)|©).{0,200}"),
    line_rule(
        "copyright",
        r"(?:\S+\s+){0,6}(?:©|\(c\)\s*\d{4}|all\s+rights\s+reserved|hak\s+cipta).{0,200}",
    ),
    line_rule(
        "series note",
        r"(?:artikel|berita|konten|tulisan)\s+ini\s+(?:merupakan|adalah)\s+bagian\s+dari\b.{0,120}",
    ),
    line_rule("no copying", r"dilarang\s+(?:keras\s+)?(?:mengambil|menyalin|mengutip)\s+.{0,200}"),
    line_rule("page header", r".{0,80}\s(?:halaman|hal\.|page)\s*\d{1,3}"),
    line_rule("continued", r"(?:bersambung|lanjutan)\s+(?:ke|dari)\s+hal(?:aman|\.)?\s*\d{1,3}"),
    line_rule("page of pages", r"(?:halaman\s+)?\d+\s+dari\s+\d+(?:\s+halaman)?"),
    line_rule(
        "pages", r"halaman\s*:?(?:\s*\d+)*(?:\s*(?:selanjutnya|berikutnya|sebelumnya|semua))*"
    ),
    line_rule("next", r"(?:selanjutnya|berikutnya|next)\s*[»>›]*"),
    line_rule("next page", r"baca\s+halaman\s+(?:selanjutnya|berikutnya)"),
    line_rule(
        "next headline",
        r"(?:selanjutnya|berikutnya|menarik\s+dibaca|baca\s+selanjutnya)\s*:.{1,200}(?<![.!?])",
    ),
    line_rule(
        "video promo",
        r"(?:simak|saksikan|tonton|lihat)\s+(?:juga\s+)?video\b.{0,200}|video\s*:.{1,200}"
        r"|\[gambas:[^\]]*\]",
    ),
    line_rule("tags", r"(?:tags?|topik|tagar)\s*:.*|tags?"),
    line_rule(
        "share",
        rf"(?:(?:bagikan|share)(?:\s+(?:artikel|berita)(?:\s+ini)?)?\s*:?\s*)?(?:{SHARE}[\s,|·•/]*)*",
    ),
    line_rule(
        "follow channel",
        r"(?:ikuti|gabung(?:lah)?|follow|simak|cek)\b.{0,100}\b(?:whatsapp|google\s+news|telegram)\b.{0,100}",
    ),
    line_rule(
        "update promo",
        r"dapatkan\s+(?:update|informasi|berita)\b.{0,200}"
        r"\b(?:whatsapp|telegram|google\s+news|orion)\b.{0,200}",
    ),
    line_rule("breaking news promo", r"simak\s+breaking\s+news\b.{0,300}"),
    line_rule("more news", r"simak\s+berita\s+lainnya\b.{0,150}"),
    line_rule("editor's pick", r"pilihan\s+(?:editor|redaksi)\s*:.{0,200}"),
    line_rule(
        "desk",
        r"kumparan[a-z]+|(?:cnbc\s+indonesia\s+)?research|market|news|tech|lifestyle"
        r"|syariah|entrepreneur|opini|mymoney",
    ),
    line_rule("click here", r"klik\s+di\s+sini.{0,60}"),
    # An outlet's campaign closing the page: "... Ayo donasi via Kitabisa!"
    line_rule(
        "donation plea", r".{0,400}[.!?]\s+(?:ayo|yuk|mari)\s+(?:ber)?donasi\b[^.!?]{0,60}[.!?]?"
    ),
)
# Header lines of related-link and tag boxes, and the photo link before a caption:
# the headline-like lines after them go too.
LIST_HEADERS: tuple[tuple[str, re.Pattern[str]], ...] = (
    line_rule("photo link", r"lihat\s+foto"),
    line_rule("baca juga", r"baca\s*juga\s*[:：]?"),
    line_rule("lihat juga", r"(?:lihat|simak|tonton|saksikan)\s*juga\s*[:：]?"),
    line_rule(
        "related",
        r"(?:berita|artikel)\s+(?:terkait|lainnya|terpopuler|pilihan|selanjutnya|berikutnya)\s*:?",
    ),
    line_rule("popular", r"terpopuler|rekomendasi|pilihan\s+redaksi|populer"),
    line_rule("tags", r"tags?|topik\s*:"),
    line_rule(
        "more to read",
        r"(?:\w+\s+){0,2}(?:juga|lewatkan|lainnya|menarik|pilihan|terkait|terbaru|terkini)"
        r"(?:\s+\w+){0,2}\s*:",
    ),
    line_rule("summary", r"ringkasan|rangkuman|poin\s+penting|intisari|highlights?|key\s+points"),
)
# Text glued to the start or the end of a paragraph, tried until none applies.
PREFIXES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("advertisement", re.compile(r"ADVERTISEMENT\s*(?:SCROLL TO CONTINUE WITH CONTENT\s*)?")),
)
SENTENCE_END = r"(?<=[.!?\"”’)])\s*"
SUFFIXES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("initials", re.compile(rf"{SENTENCE_END}{INITIALS}$")),
    ("credit", re.compile(rf"{SENTENCE_END}{CREDIT}$")),
    (
        "baca juga",
        re.compile(rf"{SENTENCE_END}(?:Baca|Lihat|Simak)\s+[Jj]uga\s*[:：][^.!?]{{1,150}}$"),
    ),
    ("video", re.compile(rf"{SENTENCE_END}\[Gambas:[^\]]*\]$")),
    # What a scraper leaves of a video tag that it cut in half: "... Brasil Video CNN]".
    ("video residue", re.compile(r"(?<=\w)\s+(?:Gambas:)?Video\s+[\w ]{1,20}\]$")),
    ("closing mark", re.compile(rf"{SENTENCE_END}\*{{3,}}$")),
    (
        "advertisement",
        re.compile(rf"{SENTENCE_END}ADVERTISEMENT(?:\s+SCROLL TO CONTINUE WITH CONTENT)?$"),
    ),
)

# Rules whose line closes the article: what follows it is not the article's prose.
CLOSING = frozenset(
    {
        "initials", "credit", "credit line", "role | role", "role name", "copyright",
        "syndicated", "tags", "header tags", "closing mark", "comments",
        "source in brackets", "published by", "outlet desk", "name in brackets", "series note",
    }
)  # fmt: skip
# Name lines stand beside a role line ("Rina Ayu" then "Editor").
NAME = re.compile(r"[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,4}")
ROLE_LINE = re.compile(rf"{ROLE}\s*:?")
