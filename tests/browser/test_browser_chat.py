"""Headless Chromium against ``fundmatch app`` serving a small fixture index (slow)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser.server import browser_available, chromium, running_app, send_message
from tests.chat_fakes import build_fixture_index

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not browser_available(), reason="needs chromium, chromedriver and selenium"),
]


def test_a_message_renders_cards_without_exception(tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    env = build_fixture_index(tmp_path / "data")
    with running_app(env) as url:
        driver = chromium()
        try:
            driver.get(url)
            send_message(
                driver,
                "We are an SME from Germany developing industrial heat pumps for process heat.",
                wait_for="Industrial heat pumps for low-temperature process heat",
            )
            body = driver.find_element(By.TAG_NAME, "body").text
            assert "HORIZON-CL5-2026-D3-01-05" in body
            assert "26 days left" in body
            assert not driver.find_elements(By.CSS_SELECTOR, '[data-testid="stException"]')
            send_message(driver, "compare the first two", wait_for="Comparison of")
            WebDriverWait(driver, 60).until(
                lambda d: d.find_elements(By.CSS_SELECTOR, '[data-testid="stTable"]')
            )
            assert not driver.find_elements(By.CSS_SELECTOR, '[data-testid="stException"]')
        finally:
            driver.quit()
