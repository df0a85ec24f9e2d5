from __future__ import annotations

import re

from shomei_print_gateway.domain.certificate import new_verification_code, normalised_code


def test_a_code_is_four_groups_of_four_readable_characters_and_never_repeats() -> None:
    codes = {new_verification_code() for _ in range(1000)}
    assert len(codes) == 1000
    assert all(re.fullmatch(r"[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}", code) for code in codes)


def test_a_typed_code_is_read_as_a_person_means_it() -> None:
    assert normalised_code("7kq4 m2xd 9p3f wa6t") == "7KQ4-M2XD-9P3F-WA6T"
    assert normalised_code("7KQ4M2XD9P3FWA6T") == "7KQ4-M2XD-9P3F-WA6T"
    assert normalised_code("OIL0-0000-0000-0000") == "0110-0000-0000-0000"
    assert normalised_code("7KQ4-M2XD-9P3F") == ""
    assert normalised_code("7KQ4-M2XD-9P3F-WA6U") == ""  # U is not in the alphabet
