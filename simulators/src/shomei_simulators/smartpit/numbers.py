"""Smart Pit numbers: 13 digits, the last a check digit of our own definition.

Smart Pit publishes only that its numbers have 13 digits. The simulator makes the 13th a Luhn
(mod 10) check digit over the first 12, so a mistyped digit at the store terminal is caught as it
would be by any real numbering, and tests can tell a made-up number from a well-formed one.
"""

import secrets
import unicodedata

LENGTH = 13


def luhn_digit(payload: str) -> str:
    total = 0
    # Doubling starts from the rightmost payload digit, the one next to the check digit.
    for position, char in enumerate(reversed(payload)):
        digit = int(char)
        if position % 2 == 0:
            digit = digit * 2 - 9 if digit * 2 > 9 else digit * 2
        total += digit
    return str((10 - total % 10) % 10)


def new_number() -> str:
    payload = str(secrets.randbelow(9) + 1) + "".join(str(secrets.randbelow(10)) for _ in range(LENGTH - 2))
    return payload + luhn_digit(payload)


def is_well_formed(number: str) -> bool:
    return len(number) == LENGTH and number.isascii() and number.isdigit() and luhn_digit(number[:-1]) == number[-1]


def normalise(typed: str) -> str:
    """What a person types at the terminal: spaces and hyphens are ignored, full-width digits read."""
    return "".join(c for c in unicodedata.normalize("NFKC", typed) if c not in " -")
