from __future__ import annotations

import pytest

from shomei_shared.crash_points import VARIABLE, CrashPoints
from shomei_shared.settings import BaseSettings, SettingsError


def test_a_crash_point_is_armed_only_in_development_and_test_and_only_when_known() -> None:
    test = BaseSettings(environment="test")
    assert CrashPoints.from_env(test, {"after_upload"}, {}) == CrashPoints()
    assert CrashPoints.from_env(test, {"after_upload"}, {VARIABLE: "after_upload"}).armed == "after_upload"
    with pytest.raises(SettingsError, match="unknown crash point"):
        CrashPoints.from_env(test, {"after_upload"}, {VARIABLE: "after_uplaod"})
    with pytest.raises(SettingsError, match="for tests"):
        CrashPoints.from_env(BaseSettings(environment="production", kafka_password="x"), {"after_upload"},
                             {VARIABLE: "after_upload"})


def test_an_unarmed_or_other_point_lets_the_process_live() -> None:
    CrashPoints().reached("after_upload")
    CrashPoints("after_capture").reached("after_upload")
