"""Numbers as dates write them: any Unicode decimal digits (Arabic-Indic ٣٠,
Persian ۳۰, full-width ３０ are read by ``int`` directly) and CJK numerals,
both positional (二〇二〇) and with tens (三十一, 廿一)."""
from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def _cjk() -> tuple[dict[str, int], str, dict[str, int]]:
    from .forms import shared

    numerals = shared()[1]
    return numerals["cjk_digits"], numerals["cjk_ten"], numerals["cjk_twenty"]


def to_int(text: str) -> int | None:
    """The number ``text`` writes, or None if it is not one."""
    text = text.strip()
    if not text:
        return None
    if text.isdecimal():
        return int(text)
    digits, ten, tens = _cjk()
    if text[0] in tens:  # 廿一 = 21
        rest = to_int(text[1:]) if len(text) > 1 else 0
        return None if rest is None or rest > 9 else tens[text[0]] + rest
    if ten in text:  # 十 = 10, 三十 = 30, 三十一 = 31, 十五 = 15
        head, _, tail = text.partition(ten)
        high = 1 if not head else digits.get(head) if len(head) == 1 else None
        low = 0 if not tail else digits.get(tail) if len(tail) == 1 else None
        return None if high is None or low is None else high * 10 + low
    value = 0
    for char in text:  # 二〇二〇 = 2020, or mixed with digits
        if char in digits:
            value = value * 10 + digits[char]
        elif char.isdecimal():
            value = value * 10 + int(char)
        else:
            return None
    return value
