"""Turning what workers really type into typed values, and back into cell text.

Accepts real date cells and strict day-first text dates, numbers stored as text, "ID – name"
in person columns, trailing spaces, and "ja"/"nee" or TRUE/FALSE. Anything else becomes an
`Invalid` that the checks report with its cell; parsing never raises.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import re
from collections.abc import Callable
from typing import Any

from .. import dutch
from . import schema
from .model import Invalid

# Excel's error values as calamine and xlwings hand them over. Typed into a cell, Excel makes
# them error values too, so such text is never taken for what a worker wrote.
EXCEL_ERRORS = frozenset({"#N/A", "#REF!", "#VALUE!", "#DIV/0!", "#NAME?", "#NULL!", "#NUM!", "#GETTING_DATA",
                          "#SPILL!", "#CALC!"})
# What Excel shows for them in Dutch: files always hold the English values.
DUTCH_EXCEL_ERRORS = {"#N/A": "#N/B", "#REF!": "#VERW!", "#VALUE!": "#WAARDE!", "#DIV/0!": "#DEEL/0!",
                      "#NAME?": "#NAAM?", "#NULL!": "#LEEG!", "#NUM!": "#GETAL!"}
_DATE_RE = re.compile(r"^(\d{1,2})([/.-])(\d{1,2})\2(\d{4})$")
_ISO_RE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[ T]00:00(?::00)?)?$")
_LIST_SPLIT = re.compile(r"[,;\n]+")


def clean_text(value: Any) -> str:
    """Cell value as trimmed text: 1.0 -> '1', dates as dd/mm/yyyy."""
    if value.__class__ is str:  # the common case first: this runs for every cell of a year
        return (value.replace("\r\n", "\n") if "\r" in value else value).strip()
    if value is None:
        return ""
    if isinstance(value, bool):
        return dutch.yes_no(value)
    if isinstance(value, float):
        if math.isfinite(value) and value.is_integer():
            return str(int(value))
        return repr(value)
    if isinstance(value, dt.datetime):
        value = value.date() if value.time() == dt.time() else value
        if isinstance(value, dt.datetime):
            return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, dt.date):
        return dutch.short_date(value)
    if isinstance(value, dt.timedelta):
        return str(value)
    return str(value).replace("\r\n", "\n").strip()


def norm_header(text: Any) -> str:
    """A header or label as compared: case, dashes and spacing do not matter."""
    return _norm_text(text if text.__class__ is str else clean_text(text))


@functools.lru_cache(maxsize=2048)  # headers and labels repeat in every workbook of a year
def _norm_text(text: str) -> str:
    return " ".join(text.casefold().replace("–", "-").split())


def is_excel_error(text: str) -> bool:
    return text.strip() in EXCEL_ERRORS


def parse(value: Any, type_: str, allowed: tuple[str, ...] | None = None) -> Any:
    """Parse one raw cell for a column of `type_`. Empty -> None; bad -> Invalid."""
    if value is None or value == "":
        return None
    if type_ == schema.DATE and isinstance(value, dt.date):  # a real date cell: no text round trip
        return value.date() if isinstance(value, dt.datetime) else value
    text = clean_text(value)
    if text == "":
        return None
    if text[0] == "#" and isinstance(value, str) and is_excel_error(text):
        return Invalid(text, type_)
    if type_ == schema.TEXT:
        return text
    try:
        return _PARSERS[type_](value, text, allowed)
    except (ValueError, OverflowError):
        return Invalid(text, type_)


def parser(type_: str, allowed: tuple[str, ...] | None = None) -> Callable[[Any], Any]:
    """`parse` for one column: the same answers, with the usual cells short-cut (a reader calls
    it for every cell of a year's workbooks). Anything unusual goes through `parse` itself; a
    property test (test_the_column_parser_answers_as_parse) holds every answer to `parse`'s.

    Kept for about 4 % of a yearly merge's CPU per workbook. Measured on a busy 2-core machine
    against `lambda v: parse(v, type_, allowed)`: reading the 24 demo team cases' grids into
    Cases (parse_grids, CPU time, 15 alternating rounds) took 2.23 ms per workbook with the short
    cuts and 2.54 ms without, 0.3 ms or 12 % saved; `scripts/bench_jaarcijfers.py --n 1000
    --zonder-baseline --runs 3` could not show it: its runs varied from 10 to 26 s either way.
    """
    from_text = _PARSERS[type_]
    number = type_ in _INT_TYPES
    date = type_ == schema.DATE

    def convert(value: Any) -> Any:
        if value is None or value == "":  # calamine gives "" for every empty cell of a row
            return None
        cls = value.__class__
        if cls is str:
            if "\r" not in value:  # then clean_text is only strip()
                text = value.strip()
                if not text:
                    return None
                if text[0] != "#":  # not an Excel error literal
                    try:
                        return from_text(value, text, allowed)
                    except (ValueError, OverflowError):
                        return Invalid(text, type_)
        elif number:
            if cls is float and value.is_integer():
                return int(value)
            if cls is int and -_EXACT <= value <= _EXACT:  # beyond, a float would not hold it
                return value
        elif date:
            if cls is dt.date:
                return value
            if cls is dt.datetime:
                return value.date()
        return parse(value, type_, allowed)

    return convert


def _text(value: Any, text: str, allowed: Any) -> str:
    return text


# Unicode's format characters (category Cf: zero-width space and joiners, soft hyphen, byte order
# mark, direction marks) and its spaces (Zs: non-breaking, thin, ...), as of Unicode 14; a test
# holds them to `unicodedata`. A pattern, because this runs for every reference of a year's workbooks.
INVISIBLE = re.compile(
    "[\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890-\u0891\u08e2\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064"
    "\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U00013438\U0001bca0-\U0001bca3"
    "\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f]")
ODD_SPACE = re.compile("[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")


def clean_id(text: str) -> str:
    """An ID or a reference as compared: invisible characters pasted with it (zero-width space,
    soft hyphen, byte order mark) gone, and any kind of space (non-breaking, thin) a plain one,
    collapsed. Excel shows 'P02' for 'P02\u200b', so werkboek reads it as P02 too."""
    if not text.isascii():
        text = ODD_SPACE.sub(" ", INVISIBLE.sub("", text))
    return " ".join(text.split())


def _id(value: Any, text: str, allowed: Any) -> str:
    return clean_id(text)


def _int(value: Any, text: str, allowed: Any) -> int:
    # ValueError here means "not this type": parse() turns it into an Invalid.
    if isinstance(value, (bool, dt.date, dt.timedelta)):
        raise ValueError(text)  # noqa: TRY004
    if isinstance(value, (int, float)):
        if not math.isfinite(value) or float(value) != int(value):
            raise ValueError(text)
        return int(value)
    normal = text.replace(" ", "")
    if re.fullmatch(r"[+-]?\d{1,9}([.,]0+)?", normal):
        return int(re.split(r"[.,]", normal)[0])
    raise ValueError(text)


def _date(value: Any, text: str, allowed: Any) -> dt.date:
    # Real date cells never get here (parse() returns them as they are). A bare number is not
    # taken for a date serial, and text only strictly day-first or ISO: never a guess.
    if isinstance(value, (int, float)):
        raise ValueError(text)  # noqa: TRY004  (parse() makes it an Invalid)
    m = _DATE_RE.match(text)
    if m:
        return dt.date(int(m.group(4)), int(m.group(3)), int(m.group(1)))
    m = _ISO_RE.match(text)
    if m:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    raise ValueError(text)


def _yesno(value: Any, text: str, allowed: Any) -> bool:
    low = text.lower()
    if low in dutch.YES_WORDS:
        return True
    if low in dutch.NO_WORDS:
        return False
    raise ValueError(text)


def _choice(value: Any, text: str, allowed: tuple[str, ...] | None) -> str:
    # Canonical spelling when it matches a list value but for case or spaces; otherwise keep
    # the text (the checks report values outside the list, with the list's own words).
    norm = " ".join(text.split())
    return _canonical(allowed or ()).get(norm.casefold(), norm)


@functools.lru_cache(maxsize=256)
def _canonical(allowed: tuple[str, ...]) -> dict[str, str]:
    out: dict[str, str] = {}
    for option in allowed:
        out.setdefault(option.casefold(), option)
    return out


# References keep what was typed (cleaned): which row it names is decided by `references`,
# which knows the rows ("Jan Peeters (P04)", "P04 – Jan", "jan", "p04" can all be P04).
def _ref(value: Any, text: str, allowed: Any) -> str:
    return clean_id(text)


def _refs(value: Any, text: str, allowed: Any) -> list[str]:
    return [part for part in (clean_id(p) for p in _LIST_SPLIT.split(text)) if part]


_PARSERS = {
    schema.TEXT: _text,
    schema.ID: _id,
    schema.INT: _int,
    schema.YEAR: _int,
    schema.SCORE: _int,
    schema.CIRCLE: _int,
    schema.DATE: _date,
    schema.YESNO: _yesno,
    schema.CHOICE: _choice,
    schema.PERSON: _ref,
    schema.MEETING: _ref,
    schema.GOAL: _ref,
    schema.SAFETY_GOAL: _ref,
    schema.PERSONS: _refs,
}


_EXACT = 2**53
_INT_TYPES = frozenset({schema.INT, schema.YEAR, schema.SCORE, schema.CIRCLE})


def to_cell(value: Any, type_: str) -> Any:
    """A typed value as the builder writes it into a cell."""
    if value is None:
        return None
    if isinstance(value, Invalid):
        return value.raw
    if type_ == schema.YESNO:
        return dutch.yes_no(value)
    if type_ == schema.PERSONS:
        return ", ".join(value)
    return value
