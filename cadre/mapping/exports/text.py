"""Text as every export format can hold it."""

import re
from decimal import Decimal

# XML 1.0 `Char`: no control characters but tab, line feed and carriage return; no lone surrogates, no U+FFFE/FFFF.
# XLSX is XML inside, so the same characters are refused there (openpyxl raises IllegalCharacterError).
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def clean(value) -> str:
    """The text without the characters an XML (or XLSX) file cannot hold."""
    if value is None:
        return ""
    return _NOT_XML.sub("", str(value))


def plain_decimal(value: Decimal) -> str:
    """A decimal without exponent or trailing zeros: 30.00 → "30", 1E+6 → "1000000" (xsd:decimal has no exponent)."""
    return format(value.normalize(), "f")


def percent(value: Decimal | None) -> str:
    return "" if value is None else f"{plain_decimal(value)}%"
