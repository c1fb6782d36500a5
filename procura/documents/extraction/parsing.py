"""Reading dates, amounts and currencies as they are printed on invoices.

Notation is decided per document: ``1,234.56`` (US/UK) or ``1.234,56`` (continental Europe).
Dates with ``/`` are read month-first in US notation and day-first in European notation, unless
a part above 12 settles it; dates with ``.`` are always day-first, ISO dates are unambiguous.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from functools import cache, lru_cache


class Notation(StrEnum):
    US = "us"  # 1,234.56 and 03/04/2026 = March 4
    EU = "eu"  # 1.234,56 and 03/04/2026 = 3 April


MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_MONTH = r"(jan|feb|mar|apr|may|jun|jul|aug|sept|sep|oct|nov|dec)[a-z]*\.?"

DATE_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    # An ISO date may carry its time: "2025-06-02T10:15:22" (a Mexican CFDI's issue date).
    ("iso", re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})(?:\b|(?=T\d{1,2}:\d{2}))")),
    # The year first with slashes or dots: "2024/07/05" (East Asia, report generators),
    # "2024.07.05." (Hungary).
    ("ymd", re.compile(r"(?<![\d.,/])((?:19|20)\d{2})([/.])(\d{1,2})\2(\d{1,2})(?![\d/]|[.,]\d)")),
    (
        "dmy_name",
        re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?[\s\-]+{_MONTH}[\s\-,]+(\d{{4}})\b", re.I),
    ),
    ("mdy_name", re.compile(rf"\b{_MONTH},?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b", re.I)),
    # Month names in any of the invoice languages: "7. Mai 2014", "4 maart 2019",
    # "13 de noviembre de 2017", "1er juillet 2019" (OCR reads "1er" as "ler"), "styczeń 5, 2020".
    (
        "dmy_word",
        re.compile(
            r"\b(\d{1,2}|[lI](?=er\b))(?:\.|er|º|°)?\s*(?:de\s+)?([^\W\d_]{3,12})\.?,?\s+(?:de\s+)?"
            r"(\d{4})\b"
        ),
    ),
    # "styczeń 5, 2020", "Setembro, 23, 2016" (a comma after the month too).
    ("mdy_word", re.compile(r"\b([^\W\d_]{3,12})\.?,?\s+(\d{1,2}),?\s+(\d{4})\b")),
    ("dotted", re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b")),
    ("slashed", re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b")),
    ("dashed", re.compile(r"\b(\d{1,2})-(\d{1,2})-(\d{4})\b")),
    # Two-digit years, read as 20yy: "21.03.24", "28 Jan 15" (not part of a longer number,
    # a version "1.2.30.4" or an amount "1.234.56").
    ("dotted_yy", re.compile(r"(?<![\d.,])(\d{1,2})\.(\d{1,2})\.(\d{2})(?![\d.,]?\d)")),
    # A till receipt's "05/07/26 6:42 PM", a bill's "BILLING DATE 01/29/09".
    ("slashed_yy", re.compile(r"(?<![\d/.,])(\d{1,2})/(\d{1,2})/(\d{2})(?![\d/]|[.,]\d)")),
    (
        "dmy_name_yy",
        re.compile(rf"(?<![\d.,])(\d{{1,2}})[\s\-]+{_MONTH}[\s\-]+(\d{{2}})(?![\d.,:]?\d)", re.I),
    ),
]


DATE_LANGUAGES = ["en", "de", "fr", "nl", "es", "it", "pl", "pt"]


@lru_cache(maxsize=4096)
def month_number(word: str) -> int | None:
    """The month a month name (or its abbreviation) means in one of the invoice languages,
    as dateparser's language data knows it; None for any other word."""
    import dateparser

    settings = {"REQUIRE_PARTS": ["day", "month", "year"], "PREFER_DATES_FROM": "past"}
    parsed = dateparser.parse(
        f"15 {word} 2001",
        languages=DATE_LANGUAGES,
        settings=settings,
    )
    if parsed is None or parsed.year != 2001 or parsed.day != 15:
        return None
    return parsed.month


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def find_dates(text: str, notation: Notation) -> list[tuple[date, int, int]]:
    """Every date in ``text`` as (date, start, end), in order of appearance."""
    found: list[tuple[date, int, int]] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in DATE_PATTERNS:
        for m in pattern.finditer(text):
            if any(m.start() < e and m.end() > s for s, e in taken):
                continue
            value = _date_from_match(kind, m, notation)
            if value is not None:
                found.append((value, m.start(), m.end()))
                taken.append((m.start(), m.end()))
    return sorted(found, key=lambda item: item[1])


def _date_from_match(kind: str, m: re.Match[str], notation: Notation) -> date | None:
    g = m.groups()
    if kind == "iso":
        return _safe_date(int(g[0]), int(g[1]), int(g[2]))
    if kind == "ymd":
        return _safe_date(int(g[0]), int(g[2]), int(g[3]))
    if kind == "dmy_name":
        return _safe_date(int(g[2]), MONTHS[g[1].lower()[:3]], int(g[0]))
    if kind == "dmy_name_yy":
        return _safe_date(2000 + int(g[2]), MONTHS[g[1].lower()[:3]], int(g[0]))
    if kind == "mdy_name":
        return _safe_date(int(g[2]), MONTHS[g[0].lower()[:3]], int(g[1]))
    if kind == "dmy_word":
        month = month_number(g[1])
        day = 1 if g[0] in {"l", "I"} else int(g[0])
        return _safe_date(int(g[2]), month, day) if month else None
    if kind == "mdy_word":
        month = month_number(g[0])
        return _safe_date(int(g[2]), month, int(g[1])) if month else None
    a, b, year = int(g[0]), int(g[1]), int(g[2])
    if kind == "slashed_yy":
        year += 2000
    if kind == "dotted_yy":
        return _safe_date(2000 + year, b, a)
    if kind == "dotted":
        return _safe_date(year, b, a)
    day_first = notation is Notation.EU
    if a > 12 >= b:
        day_first = True
    elif b > 12 >= a:
        day_first = False
    return _safe_date(year, b, a) if day_first else _safe_date(year, a, b)


# Currencies of countries that write dates month first (03/04/2026 = March 4).
MONTH_FIRST_CURRENCIES = frozenset({"USD"})
_NUMERIC_DATE = re.compile(r"(?<![\d/.,-])(\d{1,2})([/-])(\d{1,2})\2(\d{4}|\d{2})(?![\d/]|[.,]\d)")
# A US address: "San Mateo, CA 94401", "SPRINGFIELD NY 12999-0000".
US_STATE_ZIP = re.compile(
    r"[A-Za-z.],?\s+(?:A[KLRZ]|C[AOT]|D[CE]|FL|GA|HI|I[ADLN]|K[SY]|LA|M[ADEINOST]|N[CDEHJMVY]|O[HKR]"
    r"|PA|RI|S[CD]|T[NX]|UT|V[AT]|W[AIVY])\s+\d{5}(?:-\d{4})?\b"
)
# Nepal prints its own calendar's date (Bikram Sambat, "Miti") beside the Gregorian one; its year
# runs 56 or 57 years ahead, its first month starts about 13 April, and its months last these days.
_BS_MONTH_DAYS = (31, 31, 32, 31, 31, 31, 30, 29, 30, 29, 30, 30)


def _numeric_dates(text: str) -> list[tuple[int, int, int]]:
    """(first part, second part, four-digit year) of each date written in digits."""
    found = []
    for m in _NUMERIC_DATE.finditer(text):
        year = int(m.group(4))
        found.append((int(m.group(1)), int(m.group(3)), year + 2000 if year < 100 else year))
    return found


def _bikram_sambat(day: int, month: int, year: int) -> date | None:
    """About (within a few days) the Gregorian date of a Bikram Sambat date."""
    if not (1 <= month <= 12 and 1 <= day <= 32):
        return None
    start = date(year - 57, 4, 13)
    return start + timedelta(days=sum(_BS_MONTH_DAYS[: month - 1]) + day - 1)


def _calendar_cue(dates: list[tuple[int, int, int]]) -> Notation | None:
    """The order an ambiguous Gregorian date (07/05/2024) is in, told by the Bikram Sambat date
    printed beside it (21/03/2081, which is 5 July 2024): the reading that falls on the same days."""
    gregorian = [d for d in dates if d[2] < 2060 and d[0] <= 12 and d[1] <= 12 and d[0] != d[1]]
    for a, b, year in gregorian:
        for c, d, bs_year in dates:
            if bs_year - year not in (56, 57):
                continue
            for day, month in {(c, d), (d, c)}:
                approx = _bikram_sambat(day, month, bs_year)
                if approx is None:
                    continue
                for notation, (mm, dd) in ((Notation.US, (a, b)), (Notation.EU, (b, a))):
                    candidate = _safe_date(year, mm, dd)
                    if candidate and abs((candidate - approx).days) <= 5:
                        return notation
    return None


# An issuer from a country that writes the day first, named by its tax number or its name.
_DAY_FIRST_PLACE = re.compile(
    r"\b(?:GSTIN|India|Nepal|United\s+Kingdom|Australia|ABN|New\s+Zealand|Singapore|Ireland)\b"
)


def date_order_cue(text: str) -> Notation | None:
    """Whether ``03/04/2026`` in ``text`` is 3 April (EU) or March 4 (US), when the page tells.

    A date of another calendar printed beside it tells for sure; then a date of the document
    whose day is above 12; otherwise the currency it is in tells the country's habit (the US
    writes month first; India, Nepal, the UK and Europe day first, whatever their digit
    grouping); without a currency, a US address (state and ZIP code) on a page whose amounts
    are written the US way (a European supplier billing a US customer writes 1.234,56 and
    04-07-2026 for 4 July)."""
    dates = _numeric_dates(text)
    by_calendar = _calendar_cue(dates)
    if by_calendar is not None:
        return by_calendar
    day_first = month_first = 0
    for a, b, year in dates:
        if year >= 2060:
            continue  # another calendar's year
        day_first += a > 12 >= b
        month_first += b > 12 >= a
    if day_first != month_first:
        return Notation.EU if day_first > month_first else Notation.US
    votes = currency_votes(text).most_common(1)
    us_address = bool(US_STATE_ZIP.search(text))
    if votes and votes[0][0] in MONTH_FIRST_CURRENCIES:
        # Dollars from India, the UK or Australia are still written there day first.
        return Notation.EU if _DAY_FIRST_PLACE.search(text) and not us_address else Notation.US
    if votes:
        return Notation.EU
    return Notation.US if us_address and detect_notation(text) is Notation.US else None


def date_order(text: str, notation: Notation) -> Notation:
    """The order of numeric dates: the page's own cue, else the number notation's habit."""
    return date_order_cue(text) or notation


def ambiguous_date(text: str, iso: str) -> bool:
    """Whether the date ``iso`` is printed in ``text`` only as digits whose day and month could
    be read either way round ("05/12/2026", "05/12/26")."""
    year, month, day = (int(part) for part in iso.split("-"))
    if day > 12 or day == month:
        return False
    return any(y == year and {a, b} == {day, month} for a, b, y in _numeric_dates(text))


def parse_date(text: str, notation: Notation = Notation.US) -> date | None:
    dates = find_dates(text, notation)
    return dates[0][0] if dates else None


# A number: optional sign, digits with optional thousands groups, an optional decimal part.
# Thousands groups of three (1,234,567 / 1.234.567 / 1'234'567), Indian lakh and crore groups
# (12,34,567.00), or groups split by a space when decimals follow (1 234,56; 8 864,10 zł).
_AMOUNT = (
    # Not inside a word, a code or a number; but right after a currency written with a full stop
    # ("Bs.1.836,80", "Rs.250").
    r"(?:(?<![\w.,/-])|(?<=\bRs\.)|(?<=\bBs\.))(-?)(\d{1,3}(?:[,.']\d{3})+|\d{1,2}(?:,\d{2})+,\d{3}{spaced}|\d+)"
    # "Rs. 59,000/-": an Indian whole-rupee amount closed by "/-".
    r"([.,]\d{1,4})?(?!(?!/-)[\w/-]|[.,]\d)"
)
# "R 25 285.00": groups split by a space before a decimal point (South Africa, SI style).
AMOUNT_RE = re.compile(
    _AMOUNT.replace("{spaced}", r"|\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?=\.\d{2}(?!\d))")
)
AMOUNT_RE_EU = re.compile(
    _AMOUNT.replace("{spaced}", r"|\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?=,\d{2}(?!\d))")
)
# Two (or four, as unit prices have) decimals, not part of a date ("11.09.2018") or a code.
_US_AMOUNT = re.compile(r"(?<![\d.,])(?:\d{1,3}(?:,\d{3})+|\d+)\.(?:\d{2}|\d{4})(?![.,]?\d)")
_EU_AMOUNT = re.compile(r"(?<![\d.,])(?:\d{1,3}(?:\.\d{3})+|\d+),(?:\d{2}|\d{4})(?![.,]?\d)")


_MARK_NEAR = re.compile(r"^\s?(?:[$€£¥₹]|[A-Z]{3}\b)|(?:[$€£¥₹]|\b[A-Z]{3})\s?$")


def detect_notation(text: str) -> Notation:
    """US or European number notation, by which form the document's money amounts take.

    An amount with both separators ("1.163,40", "1,163.40") settles it more than a bare one, and
    one beside a currency mark more than one that may be a time of day ("08.30 Uhr")."""
    score = {Notation.US: 0, Notation.EU: 0}
    for notation, pattern, thousands in (
        (Notation.US, _US_AMOUNT, ","),
        (Notation.EU, _EU_AMOUNT, "."),
    ):
        for m in pattern.finditer(text):
            weight = 1
            if thousands in m.group(0):
                weight += 4
            before, after = text[max(0, m.start() - 4) : m.start()], text[m.end() : m.end() + 4]
            if _MARK_NEAR.search(before) or _MARK_NEAR.search(after):
                weight += 2
            score[notation] += weight
    return Notation.EU if score[Notation.EU] > score[Notation.US] else Notation.US


INDIAN_GROUPS = re.compile(r"\d{1,2}(?:,\d{2})+,\d{3}(?:\.\d{1,4})?")
SPACED_GROUPS = re.compile(r"^-?\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?=[.,]\d)")


_POINT_READ_AS_COMMA = re.compile(r"\d+,\d{2}")


def parse_number(token: str, notation: Notation) -> Decimal | None:
    """A number printed in ``notation``; thousands separators may be ``,`` ``.`` ``'`` or space."""
    raw = SPACED_GROUPS.sub(lambda m: re.sub(r"\s", "", m.group(0)), token.strip())
    raw = raw.replace("\u2212", "-")
    negative = raw.startswith("-") or (raw.startswith("(") and raw.endswith(")"))
    raw = raw.strip("-()")
    if not raw or not re.fullmatch(r"[\d.,']+", raw) or not raw[0].isdigit():
        return None
    decimal_sep, thousands_sep = (",", ".") if notation is Notation.EU else (".", ",")
    raw = raw.replace("'", "")
    if notation is Notation.US and INDIAN_GROUPS.fullmatch(raw):
        raw = raw.replace(",", "")  # 1,23,456.00: lakh and crore groups
    if notation is Notation.US and _POINT_READ_AS_COMMA.fullmatch(raw):
        # "TOTAL 29,53" on a US till receipt: two digits after a comma are no thousands group
        # but cents whose faint point the OCR read as a comma.
        raw = raw.replace(",", ".")
    if decimal_sep in raw:
        whole, _, frac = raw.rpartition(decimal_sep)
    else:
        whole, frac = raw, ""
    if thousands_sep in whole:
        groups = whole.split(thousands_sep)
        if any(len(g) != 3 for g in groups[1:]) or not groups[0]:
            return None
        whole = "".join(groups)
    if not whole.isdigit() or (frac and not frac.isdigit()):
        return None
    try:
        value = Decimal(f"{whole}.{frac}" if frac else whole)
    except InvalidOperation:
        return None
    return -value if negative else value


def find_amounts(text: str, notation: Notation) -> list[tuple[Decimal, int, int]]:
    """Numbers in ``text`` (not percentages, not parts of dates or codes) as (value, start, end)."""
    found: list[tuple[Decimal, int, int]] = []
    pattern = AMOUNT_RE_EU if notation is Notation.EU else AMOUNT_RE
    for m in pattern.finditer(text):
        after = text[m.end() : m.end() + 2].lstrip()
        if after.startswith("%"):
            continue
        value = parse_number(m.group(0), notation)
        if value is not None:
            found.append((value, m.start(), m.end()))
    return found


CURRENCY_CODES = (
    "USD", "EUR", "GBP", "CHF", "CAD", "AUD", "NZD", "JPY", "CNY", "SEK", "NOK", "DKK", "PLN",
    "CZK", "HUF", "MXN", "BRL", "ZAR", "INR", "SGD", "HKD", "NPR", "PKR", "LKR", "VES", "BOB",
)  # fmt: skip
CURRENCY_SYMBOLS = {
    "CA$": "CAD", "C$": "CAD", "A$": "AUD", "AU$": "AUD", "NZ$": "NZD", "US$": "USD",
    "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR", "zł": "PLN", "Fr.": "CHF", "$": "USD",
}  # fmt: skip
_CODE_RE = re.compile(r"\b(" + "|".join(CURRENCY_CODES) + r")\b")


# Currencies written as words or abbreviations before or after an amount.
_WORD_MARKS = (
    # "Rs 1939", "Rs.250", a discount "Rs -40.00"; not a product code "RS-200".
    (
        re.compile(
            r"\bRs\.?(?:\s{0,6}(?=\d)|\s(?=-\d))|(?<=\d)\s?Rs\b|\bRupees\b"
            # The amount in words: "Rs. One hundred eighty-five only".
            r"|\bRs\.?\s+(?=(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\w+teen"
            r"|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|lakh)\b)",
            re.I,
        ),
        "INR",
    ),
    (re.compile(r"(?<=\d)\s?zł|\bzł\s?(?=\d)"), "PLN"),
    # The bolívar ("Bs. 1.836,80", "Bs.S", "Precio (Bs.)"), Venezuela's; Bolivia's boliviano is
    # also "Bs" (bolivar_currency tells which).
    (re.compile(r"\bBs\.?(?:[SF]\.?)?(?:\s{0,6}(?=\d)|\s?(?=\)))|(?<=\d)\s?Bs\b"), "VES"),
)


# Countries other than India whose currency is also printed "Rs" or "Rupees": named on the page by
# the country or its main towns. Nepal also by its own calendar's year beside the Gregorian one.
_RUPEE_PLACES = (
    (
        re.compile(r"\b(?:nepal|kathmandu|lalitpur|pokhara|bhaktapur|biratnagar|birgunj)\b", re.I),
        "NPR",
    ),
    (re.compile(r"\b(?:pakistan|karachi|lahore|islamabad|rawalpindi|faisalabad)\b", re.I), "PKR"),
    (re.compile(r"\b(?:sri\s*lanka|colombo|kandy)\b", re.I), "LKR"),
)
_INDIAN_RUPEE = re.compile(r"₹|\bINR\b|\bGSTIN\b")


def rupee_currency(text: str) -> str:
    """Which rupee a page's "Rs" is: India's unless the page names Nepal, Pakistan or Sri Lanka
    (and not the Indian rupee's own sign, code or GST number), or prints a Bikram Sambat date."""
    if _INDIAN_RUPEE.search(text):
        return "INR"
    for pattern, code in _RUPEE_PLACES:
        if pattern.search(text):
            return code
    years = [year for *_, year in _numeric_dates(text)]
    if any(later - year in (56, 57) for year in years for later in years):
        return "NPR"
    return "INR"


_BOLIVIA = re.compile(
    r"\b(?:bolivia|la\s*paz|cochabamba|santa\s*cruz\s*de\s*la\s*sierra|sucre|oruro|potos[íi])\b",
    re.I,
)


def bolivar_currency(text: str) -> str:
    """Which "Bs" a page's amounts are in: Venezuela's bolívar unless the page names Bolivia
    (or one of its main towns) and not Venezuela."""
    if _BOLIVIA.search(text) and not re.search(r"\bvenezuela\b", text, re.I):
        return "BOB"
    return "VES"


# What tells which country's krona/krone a page's "kr" is when nothing names the issuer's
# country: the VAT's name and the words its invoices print, or its main towns.
_KRONE_COUNTRIES = (
    (
        re.compile(
            r"\b(?:mva|merverdiavgift|forfallsdato|å\s*betale|foretaksregisteret|norge|norway"
            r"|oslo|bergen|trondheim|stavanger|drammen|tromsø)\b",
            re.I,
        ),
        "NOK",
    ),
    (
        re.compile(
            r"\b(?:momsreg\w*|förfallodatum|att\s*betala|org\.?\s*nr|sverige|sweden|stockholm"
            r"|göteborg|malmö|uppsala)\b",
            re.I,
        ),
        "SEK",
    ),
    (
        re.compile(
            r"\b(?:cvr|forfaldsdato|at\s*betale|danmark|denmark|københavn|aarhus|odense"
            r"|aalborg)\b",
            re.I,
        ),
        "DKK",
    ),
)


def krone_currency(text: str) -> str | None:
    """Which krona/krone a page's "kr" is, by the one Nordic country its words or towns point to;
    None when they point to none or to several."""
    found = {code for pattern, code in _KRONE_COUNTRIES if pattern.search(text)}
    return found.pop() if len(found) == 1 else None


# Words of invoices written in languages whose countries pay in euros: Dutch (BTW, factuur,
# bedrag, totaal), French with its VAT (TVA, TTC, H.T.), German with its VAT (MwSt., USt.,
# Umsatzsteuer), Italian and Portuguese invoices with IVA. Not Spanish nor English, written in
# many countries that pay in other currencies; and not a Canadian page (TPS, TVQ, GST, HST) nor a
# Swiss one.
_EURO_AREA_WORDS = re.compile(
    r"\b(?:btw|factuur\w*|totaal|bedrag|betalingstermijn"
    r"|tva|t\.?t\.?c|mwst|ust|umsatzsteuer|mehrwertsteuer|rechnungsbetrag"
    r"|fattura|fatura)\b",
    re.I,
)
_NOT_EURO_AREA = re.compile(
    r"\b(?:tps|tvq|qst|gst|hst|schweiz|suisse|svizzera|switzerland|canada|qu[ée]bec)\b", re.I
)


def euro_area_currency(text: str) -> str | None:
    """ "EUR" when the page's invoice words are those of languages written only in the euro area
    (and nothing points elsewhere); None otherwise. For a page that prints no currency."""
    if _EURO_AREA_WORDS.search(text) and not _NOT_EURO_AREA.search(text):
        return "EUR"
    return None


def currency_votes(text: str, *, beside_amounts: bool = True) -> Counter[str]:
    """How often each currency is named in ``text``, by ISO code, symbol or abbreviation. A
    symbol counts only where it marks an amount, unless ``beside_amounts`` is False."""
    votes: Counter[str] = Counter(_CODE_RE.findall(text))
    for pattern, code in _WORD_MARKS:
        count = len(pattern.findall(text))
        if count and code == "INR":
            code = rupee_currency(text)
        elif count and code == "VES":
            code = bolivar_currency(text)
        if count:
            votes[code] += count
            text = pattern.sub(" ", text)
    rest = _CODE_RE.sub(" ", text)
    for symbol, code in CURRENCY_SYMBOLS.items():
        count = len(_symbol_marks(symbol).findall(rest)) if beside_amounts else rest.count(symbol)
        if count:
            votes[code] += count
        # Every occurrence is taken out, voting or not, so that "US$" is not counted as "$" too.
        rest = rest.replace(symbol, " " * len(symbol))
    return votes


@cache
def _symbol_marks(symbol: str) -> re.Pattern[str]:
    """A currency symbol that marks an amount: right before or after one on its line ("$ 12.00",
    "12,00 €", "-$5.00"), or a column's unit in brackets ("Amount ($)", "Tax [₹]"). A symbol alone
    (a logo's stroke, the desk's grain read as "$" by the OCR) is no vote."""
    s = re.escape(symbol)
    return re.compile(
        rf"{s}[ \t]{{0,4}}[-+]?[ \t]?\d|(?<=\d){s}|\d[ \t]{{1,4}}{s}|[(\[][ \t]?{s}[ \t]?[)\]]"
    )
