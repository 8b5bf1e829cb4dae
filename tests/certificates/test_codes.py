import math

import pytest

from certificates.codes import ALPHABET, CODE_LENGTH, new_verification_code, normalise_code


def test_codes_carry_at_least_40_random_bits_from_an_unambiguous_alphabet():
    assert CODE_LENGTH * math.log2(len(ALPHABET)) >= 40
    assert not set(ALPHABET) & set("0O1IL")
    codes = {new_verification_code() for _ in range(200)}
    assert len(codes) == 200
    assert all(normalise_code(code) == code for code in codes)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("7KQ4-M9XD-2HFT", "7KQ4-M9XD-2HFT"),
        ("7kq4m9xd2hft", "7KQ4-M9XD-2HFT"),
        (" 7KQ4 M9XD – 2HFT ", "7KQ4-M9XD-2HFT"),
        ("7KQ4--M9XD-2HF", None),
        ("7KQ4-M9XD-2HFO", None),
        ("7KQ4-M9XD-2HFT-A", None),
        ("", None),
    ],
)
def test_typed_codes_are_normalised(typed, expected):
    assert normalise_code(typed) == expected
