"""Dates, reporting periods and numbers as a reader of the build's language writes them: ISO dates and periods and
English digits for English (the handbook's form), Babel's zh_Hans_CN patterns for Chinese (2026年11月22日, 2026年第3季度)."""

from __future__ import annotations

import re
from datetime import date, datetime

from babel.dates import format_date, format_datetime, format_skeleton
from babel.numbers import format_currency, format_decimal, format_percent

from .messages import SOURCE, language

LOCALES = {"zh": "zh_Hans_CN"}  # the Babel locale each edition other than English writes in
CURRENCY = "CNY"  # the handbook's money is yuan

_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")
_YEAR = re.compile(r"^\d{4}$")
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _locale() -> str | None:
    """The Babel locale of the build's language; None for English, which keeps the handbook's ISO and digit forms."""
    return None if language() == SOURCE else LOCALES[language()]


def day(d: date) -> str:
    """A calendar day: 2026-11-22, 2026年11月22日."""
    locale = _locale()
    return d.isoformat() if locale is None else format_date(d, "long", locale=locale)


def moment(t: datetime) -> str:
    """A time of day to the minute, as given (the caller picks the time zone): 2026-11-22 09:30, 2026年11月22日 09:30."""
    locale = _locale()
    if locale is None:
        return t.strftime("%Y-%m-%d %H:%M")
    return f"{format_date(t.date(), 'long', locale=locale)} {format_datetime(t, 'HH:mm', locale=locale)}"


def month(period: str | date) -> str:
    """A month, as a period label (2026-10) or any day in it: 2026-10, 2026年10月."""
    if isinstance(period, date):
        first, label = period.replace(day=1), f"{period.year}-{period.month:02d}"
    else:
        match = _MONTH.match(period)
        if not match:
            raise ValueError(f"{period!r} is not a month (YYYY-MM)")
        first, label = date(int(match.group(1)), int(match.group(2)), 1), period
    locale = _locale()
    return label if locale is None else format_skeleton("yMMM", first, locale=locale)


def quarter(q: str) -> str:
    """A quarter label: 2026-Q3, 2026年第3季度."""
    match = _QUARTER.match(q)
    if not match:
        raise ValueError(f"{q!r} is not a quarter (YYYY-Qn)")
    locale = _locale()
    first = date(int(match.group(1)), int(match.group(2)) * 3 - 2, 1)
    return q if locale is None else format_skeleton("yQQQ", first, locale=locale)


def period(label: str) -> str:
    """A reporting period of any cadence (2026-W07, 2026-10, 2026-Q3, 2026) or a day (2026-11-22) in the build's
    language; a label that is none of them, as given."""
    locale = _locale()
    if locale is None:
        return label
    try:
        if _YEAR.match(label):
            return format_skeleton("y", date(int(label), 1, 1), locale=locale)
        if _DAY.match(label):
            return day(date.fromisoformat(label))
        if _MONTH.match(label):
            return month(label)
        if _QUARTER.match(label):
            return quarter(label)
        if match := _WEEK.match(label):
            return format_skeleton("yw", date.fromisocalendar(int(match.group(1)), int(match.group(2)), 1), locale=locale)
    except ValueError:  # shaped like a period but naming none (2026-13): shown as written, as data values are
        pass
    return label


def _pattern(digits: int) -> str:
    return "#,##0" + ("." + "0" * digits if digits else "")


def number(x: float, digits: int = 0) -> str:
    """A number with thousands grouped and `digits` decimals: 1,234.5."""
    locale = _locale()
    if locale is None:
        return f"{x:,.{digits}f}"
    return format_decimal(x, _pattern(digits), locale=locale, decimal_quantization=True)


def percent(fraction: float, digits: int = 0) -> str:
    """A fraction as a percentage with `digits` decimals: 12.5 % in English, 12.5% in Chinese."""
    locale = _locale()
    if locale is None:
        return f"{fraction * 100:.{digits}f} %"
    return format_percent(fraction, _pattern(digits) + "%", locale=locale, decimal_quantization=True)


def money(x: float, digits: int = 0) -> str:
    """An amount of yuan, whole unless `digits` are asked for: 1,234 ¥ in English, ¥1,234 in Chinese."""
    locale = _locale()
    if locale is None:
        return f"{x:,.{digits}f} ¥"
    return format_currency(x, CURRENCY, "¤" + _pattern(digits), locale=locale, currency_digits=False, decimal_quantization=True)
