"""Dutch text for users, written once: yes/no, numbers with a decimal comma, percentages, dates,
singular and plural, and text that a spreadsheet must show as text (never run as a formula).
"""

from __future__ import annotations

import datetime as dt
import re

YES, NO = "ja", "nee"
# What workers type for yes and no (read case-insensitively).
YES_WORDS = frozenset({"ja", "j", "yes", "y", "true", "waar", "1", "x"})
NO_WORDS = frozenset({"nee", "n", "no", "false", "onwaar", "0"})
NONE = "–"  # a number that is not there
MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
          "oktober", "november", "december")
# Text starting with these is run as a formula by Excel or LibreOffice (also when a CSV is opened).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def yes_no(flag: bool) -> str:
    return YES if flag else NO


def decimal(value: float, digits: int = 1) -> str:
    """12.5 -> '12,5' (Dutch decimal comma)."""
    return f"{value:.{digits}f}".replace(".", ",")


def number(value: float | None) -> str:
    """A count as it is, any other number with one decimal: '3', '2,5'; '–' for none."""
    if value is None:
        return NONE
    if isinstance(value, int) or float(value).is_integer():
        return str(int(value))
    return decimal(value)


def percent_points(share: float) -> int:
    """A share as the whole percent `pct` shows: 0.754 -> 75."""
    return round(share * 100)


def pct(share: float | None) -> str:
    """0.75 -> '75%'; '–' for none."""
    return NONE if share is None else f"{percent_points(share)}%"


def pct_change(before: float | None, after: float | None) -> str:
    """The change between two shares in percentage points, as the difference of the two
    percentages shown (40% -> 43%: '+3 procentpunten', never the rounded exact difference); ''
    when one is missing."""
    if before is None or after is None:
        return ""
    return signed_plural(percent_points(after) - percent_points(before), "procentpunt", "procentpunten")


def signed(value: float | None, unit: str = "") -> str:
    """+2, −1,5 (a real minus sign), 0; '' for none. `unit` follows the number: ' punt'."""
    if value is None:
        return ""
    sign = "+" if value > 0 else "−" if value < 0 else ""
    return f"{sign}{number(abs(value))}{unit}"


def plural(count: float, one: str, many: str) -> str:
    """'1 actie', '3 acties', '0 acties'."""
    return f"{number(count)} {one if count == 1 else many}"


def signed_plural(value: float | None, one: str, many: str) -> str:
    """'+1 punt', '−1 punt', '+3 punten', '0 punten', '+1,5 punten'; rounded to one decimal
    first (so 1,04 reads '+1 punt'); '' for none."""
    if value is None:
        return ""
    value = round(value, 1)
    return signed(value, f" {one if abs(value) == 1 else many}")


def long_date(day: dt.date | None) -> str:
    """'22 november 2026', without relying on the system locale; '' for no date."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}" if day else ""


def short_date(day: dt.date) -> str:
    """'20/03/2025', as a worker types it."""
    return day.strftime("%d/%m/%Y")


def strip_control(text: str) -> str:
    """Remove XML-illegal control characters (pasted from Word) but keep tabs and newlines."""
    return _CONTROL.sub("", text)


def as_text_cell(text: str, typed: bool = False) -> str:
    """Text for a spreadsheet cell that must show as it is: a leading apostrophe where the text
    would start a formula. `typed`: the text is entered as if typed (xlwings), where Excel also
    eats a leading apostrophe of the text itself."""
    if text.startswith(FORMULA_START) or (typed and text.startswith("'")):
        return "'" + text
    return text
