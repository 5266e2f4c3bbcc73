"""The NIS2 register in a real browser on the demo data: every page passes the accessibility
audit, the board report prints on one A4 page, and the contingency plan prints with its call tree."""
import os

from selenium.webdriver.common.by import By

from conftest import SCREENSHOTS
from printing import page_images, pages, print_to_pdf, text
from test_journey import assert_accessible, click_and_wait, login


def test_register_pages_are_accessible(server, browser):
    login(browser, server)
    click_and_wait(browser, "NIS2 & beredskab", "NIS2 & beredskab")
    main = browser.find_element(By.TAG_NAME, "main").text
    assert "Medicinmodulet i omsorgssystemet svarer ikke" in main  # the demo's incident in progress
    assert "Hændelsesanmeldelse (72 timer)" in main
    assert "Anne Lund" in main  # untrained management member
    browser.save_screenshot(os.path.join(SCREENSHOTS, "nis2-dashboard.png"))
    for link, heading, name in [
        ("Risikoregister", "Risikoregister", "risks"),
        ("Foranstaltninger", "Sikringsforanstaltninger", "measures"),
        ("Aktiver og konsekvensanalyse", "Aktiver", "assets"),
        ("Beredskabsplaner", "Beredskabsplaner", "plans"),
        ("Registrering", "NIS2-registrering", "registration"),
        ("Kalender", "Kalender", "calendar"),
    ]:
        browser.get(server["url"] + "/nis2")
        click_and_wait(browser, link, heading)
        assert_accessible(browser, name)
        browser.save_screenshot(os.path.join(SCREENSHOTS, f"nis2-{name}.png"))
    # The demo's payroll system recovers slower than payroll may be down: rule 10's warning.
    browser.get(server["url"] + "/nis2/aktiver")
    assert "Lønsystem (fiktivt: LønData) kan først være genetableret efter sin RTO" in browser.find_element(By.TAG_NAME, "main").text


def test_board_report_prints_on_one_page(server, browser):
    login(browser, server)
    browser.get(server["url"] + "/nis2")
    click_and_wait(browser, "Rapport til ledelsen", "NIS2-status til ledelsen")
    assert_accessible(browser, "board report")
    pdf = print_to_pdf(browser, "board-report")
    assert pages(pdf) == 1
    printed = text(pdf)
    for expected in ("NIS2-status til ledelsen", "Sikringsforanstaltninger", "Største risici", "Ransomware krypterer ESDH", "Ledelsens uddannelse"):
        assert expected in printed, expected
    assert "Hent som ODT" not in printed
    assert page_images(pdf, "board-report")[0] > 0.01


def test_contingency_plan_prints_with_its_call_tree(server, browser):
    login(browser, server)
    browser.get(server["url"] + "/nis2/beredskab")
    click_and_wait(browser, "Medicinmodulet i omsorgssystemet er nede", "Medicinmodulet")
    assert_accessible(browser, "plan")
    click_and_wait(browser, "Udskriv planen (til papir)", "Beredskabsplan")
    pdf = print_to_pdf(browser, "contingency-plan")
    printed = text(pdf)
    for expected in ("Kaldetræ", "IT-vagten", "+45 20 11 22 33", "Distriktsleder Vest", "Nødprocedure", "Afblæsning"):
        assert expected in printed, expected
    assert pages(pdf) <= 2
    assert all(share > 0.002 for share in page_images(pdf, "contingency-plan"))
