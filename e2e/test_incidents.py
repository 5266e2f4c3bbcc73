"""The NIS2 incident journey in a real browser: register → decide significant → see the deadlines
→ mark the early warning submitted → the final report's date is computed once the notification is
submitted → print the report (checked as PDF text and page images); with axe audits."""
import os

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

from conftest import SCREENSHOTS
from printing import page_images, pages, print_to_pdf, text
from test_journey import assert_accessible, click_and_wait, login


def submit(browser, form_selector):
    browser.find_element(By.CSS_SELECTOR, form_selector + " button[type=submit]").click()


def test_register_decide_and_follow_the_clock(server, browser):
    login(browser, server)
    click_and_wait(browser, "NIS2 & beredskab", "NIS2 & beredskab")
    assert_accessible(browser, "nis2")
    click_and_wait(browser, "Hændelser", "Hændelser")
    assert_accessible(browser, "incidents")
    browser.find_element(By.ID, "f-title").send_keys("Medicinmodulet i omsorgssystemet svarer ikke")
    Select(browser.find_element(By.ID, "f-severity")).select_by_value("high")
    submit(browser, "form.panel")
    WebDriverWait(browser, 20).until(EC.url_contains("/nis2/haendelser/"))
    assert "Ingen indberetningsfrister kører" in browser.page_source

    Select(browser.find_element(By.ID, "f-significant")).select_by_value("yes")
    browser.find_element(By.CSS_SELECTOR, "form[action$='/vaesentlighed'] button[type=submit]").click()
    WebDriverWait(browser, 20).until(EC.text_to_be_present_in_element((By.TAG_NAME, "main"), "Tidlig varsling (24 timer)"))
    main = browser.find_element(By.TAG_NAME, "main").text
    assert "Hændelsesanmeldelse (72 timer)" in main
    assert "(foreløbig)" in main
    assert "om 23 t" in main or "om 1 d" in main or "om 0 t" in main
    assert_accessible(browser, "incident")
    browser.save_screenshot(os.path.join(SCREENSHOTS, "incident-deadlines.png"))

    for stage in ("early_warning", "notification"):
        form = browser.find_element(By.CSS_SELECTOR, f"form[action$='/indberetning'] input[value='{stage}']").find_element(By.XPATH, "..")
        form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
        WebDriverWait(browser, 20).until(EC.text_to_be_present_in_element((By.TAG_NAME, "main"), "Indberettet:"))
    main = browser.find_element(By.TAG_NAME, "main").text
    assert "(foreløbig)" not in main
    assert main.count("indberettet") >= 2
    assert "Indberettet: hændelsesanmeldelse (72 timer)" in main

    # The final report's date is now one calendar month after the notification was submitted.
    final_row = next(r for r in browser.find_elements(By.CSS_SELECTOR, "main table tr") if "Endelig rapport" in r.text)
    assert "2026" in final_row.text or "2027" in final_row.text

    click_and_wait(browser, "Udskriv rapporten", "Hændelsesrapport")
    assert_accessible(browser, "incident report")
    pdf = print_to_pdf(browser, "incident-report")
    printed = text(pdf)
    assert "FORTROLIGT" in printed
    assert "Medicinmodulet i omsorgssystemet svarer ikke" in printed
    assert "Endelig rapport (1 måned)" in printed
    # Screen-only parts (navigation, the print hint) are not on paper.
    assert "Udskriv med browserens" not in printed
    assert "Licenser" not in printed
    shares = page_images(pdf, "incident-report")
    assert 1 <= pages(pdf) <= 4
    assert all(share > 0.002 for share in shares), shares
