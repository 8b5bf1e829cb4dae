"""Verification codes: what a certificate prints and the public verification page looks up.

Twelve characters from a 30-character alphabet (about 59 random bits), printed in three groups
of four, e.g. ``7KQ4-M9XD-2HFT``. The alphabet leaves out characters people confuse when they
read a code off paper (0/O, 1/I/L) and U (read as V), so whatever someone types can be matched
without guessing.
"""

import re
import secrets

ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"
GROUPS = 3
GROUP_LENGTH = 4
CODE_LENGTH = GROUPS * GROUP_LENGTH
EXAMPLE_CODE = "7KQ4-M9XD-2HFT"

_SEPARATORS = re.compile(r"[\s\-‐‑‒–—]+")
_VALID = re.compile(f"[{ALPHABET}]{{{CODE_LENGTH}}}")


def format_code(characters: str) -> str:
    return "-".join(
        characters[start : start + GROUP_LENGTH] for start in range(0, CODE_LENGTH, GROUP_LENGTH)
    )


def new_verification_code() -> str:
    return format_code("".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH)))


def normalise_code(typed: str) -> str | None:
    """The code as stored (upper case, grouped with dashes), or None if `typed` cannot be one.

    Accepts lower case, spaces and missing or extra dashes."""
    characters = _SEPARATORS.sub("", typed or "").upper()
    if not _VALID.fullmatch(characters):
        return None
    return format_code(characters)
