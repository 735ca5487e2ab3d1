"""Headless Chromium: save a client, reload the page, reopen it, upload a PDF description, get cards (slow)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser.server import browser_available, chromium, running_app, send_message
from tests.chat_fakes import build_fixture_index
from tests.corpus_samples import make_pdf

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not browser_available(), reason="needs chromium, chromedriver and selenium"),
]
HEAT = "We are an SME from Germany developing industrial heat pumps for process heat."
TWINS = [
    [
        "Project description",
        "We are a university in Austria building digital twins of manufacturing lines",
        "to reduce downtime and energy use in factories, with pilot lines in two countries.",
    ]
]
UNDERSTOOD = "Here is what I understood"


def _body(driver) -> str:
    from selenium.webdriver.common.by import By

    return driver.find_element(By.TAG_NAME, "body").text


def _button(driver, caption: str):
    from selenium.webdriver.common.by import By

    return driver.find_element(By.XPATH, f"//button[normalize-space(.)='{caption}']")


def _idle(driver) -> bool:
    """No script run in progress (Streamlit shows its status widget while the script runs)."""
    from selenium.webdriver.common.by import By

    return not driver.find_elements(By.CSS_SELECTOR, '[data-testid="stStatusWidget"]')


def _click_until_shown(driver, caption: str, text: str) -> None:
    """Click the button whenever the app is idle until ``text`` shows: a click that lands while the
    rerun of the previous widget change is still going is dropped by the browser's Streamlit."""
    from selenium.webdriver.support.ui import WebDriverWait

    def shown(d) -> bool:
        if text in _body(d):
            return True
        if _idle(d):
            _button(d, caption).click()
        return False

    WebDriverWait(driver, 240, poll_frequency=2).until(shown)


def _no_exception(driver) -> None:
    from selenium.webdriver.common.by import By

    assert not driver.find_elements(By.CSS_SELECTOR, '[data-testid="stException"]')


def test_save_reload_reopen_and_upload_a_pdf_description(tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import WebDriverWait

    env = build_fixture_index(tmp_path / "data")
    description = tmp_path / "twins project.pdf"
    description.write_bytes(make_pdf(TWINS))
    with running_app(env) as url:
        driver = chromium()
        wait = WebDriverWait(driver, 240)
        try:
            driver.get(url)
            send_message(driver, HEAT, wait_for="Industrial heat pumps for low-temperature process heat")
            name = driver.find_element(By.XPATH, "//input[@aria-label='Client name']")
            name.send_keys("Acme Heat", Keys.ENTER)
            wait.until(lambda d: _button(d, "Save this client").is_enabled())
            _button(driver, "Save this client").click()
            wait.until(lambda d: "Saved Acme Heat." in _body(d))
            _no_exception(driver)

            driver.refresh()
            wait.until(lambda d: d.find_elements(By.XPATH, "//input[@aria-label='Client name']"))
            assert "Industrial heat pumps for low-temperature process heat" not in _body(driver)
            option = "//*[@role='option'][normalize-space(.)='Acme Heat']"
            driver.find_element(By.XPATH, "//input[@aria-label='Saved clients']").click()
            wait.until(lambda d: d.find_elements(By.XPATH, option))
            driver.find_element(By.XPATH, option).click()
            _click_until_shown(driver, "Open", "Opened Acme Heat.")
            wait.until(lambda d: "Industrial heat pumps for low-temperature process heat" in _body(d))
            assert "Current client: Acme Heat" in _body(driver)
            _no_exception(driver)

            upload = driver.find_elements(By.CSS_SELECTOR, "input[type='file']")[0]
            upload.send_keys(str(description))
            # The uploaded description is answered like a message: its profile, then the cards.
            wait.until(lambda d: "university · AT" in _body(d).split(UNDERSTOOD)[-1])
            answer = _body(driver).split(UNDERSTOOD)[-1]
            assert "Digital twins for manufacturing lines" in answer and "Eligibility: " in answer
            _no_exception(driver)
            driver.save_screenshot(str(tmp_path / "clients.png"))
        finally:
            driver.quit()
