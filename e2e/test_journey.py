"""The newcomer's journey in a real browser: login → dashboard → language switch → logout,
with an accessibility audit (axe-core, WCAG 2.1 A/AA) of each page on the way."""
import os

import axe_playwright_python
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

from conftest import SCREENSHOTS


def assert_accessible(driver, name):
    # axe-core 4.x, as shipped inside the axe-playwright-python package (only its script is used).
    with open(os.path.join(os.path.dirname(axe_playwright_python.__file__), "axe.min.js"), encoding="utf8") as f:
        driver.execute_script(f.read())
    driver.set_script_timeout(60)
    results = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
        ".then(r => done(r), e => done({violations: [{id: 'axe-error', help: String(e), nodes: []}]}));")
    violations = [f"{v['id']}: {v['help']} ({len(v['nodes'])} nodes)" for v in results["violations"]]
    assert not violations, f"{name}: " + "; ".join(violations)


def login(driver, server):
    driver.get(server["url"] + "/")
    driver.find_element(By.ID, "f-email").send_keys(server["email"])
    driver.find_element(By.ID, "f-password").send_keys(server["password"])
    driver.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
    # A click that submits a form does not wait for the next page; wait for it.
    WebDriverWait(driver, 20).until(EC.url_contains("/oversigt"))


def click_and_wait(driver, link_text, heading):
    driver.find_element(By.LINK_TEXT, link_text).click()
    WebDriverWait(driver, 20).until(EC.text_to_be_present_in_element((By.TAG_NAME, "h1"), heading))


def test_login_dashboard_language_logout(server, browser):
    browser.get(server["url"] + "/")
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "da"
    assert browser.find_element(By.TAG_NAME, "h1").text == "Log ind"
    assert_accessible(browser, "login")

    login(browser, server)
    assert browser.current_url.endswith("/oversigt")
    assert browser.find_element(By.TAG_NAME, "h1").text == "Demokommune (fiktiv)"
    assert "Demodata" in browser.find_element(By.CLASS_NAME, "demo-banner").text
    nav = browser.find_element(By.CSS_SELECTOR, "nav.main-nav").text
    for item in ("Oversigt", "Licenser", "Bindinger", "NIS2 & beredskab", "Fællesskab", "Administration"):
        assert item in nav
    assert_accessible(browser, "dashboard")
    browser.save_screenshot(os.path.join(SCREENSHOTS, "dashboard-da.png"))

    click_and_wait(browser, "English", "Demokommune")
    WebDriverWait(browser, 20).until(lambda d: d.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en")
    assert "Overview" in browser.find_element(By.CSS_SELECTOR, "nav.main-nav").text
    browser.save_screenshot(os.path.join(SCREENSHOTS, "dashboard-en.png"))

    click_and_wait(browser, "Community", "Community")
    assert_accessible(browser, "community")

    click_and_wait(browser, "Dansk", "Fællesskab")
    click_and_wait(browser, "Administration", "Personer")
    assert "Mette Kjær" in browser.page_source
    assert_accessible(browser, "people")
    browser.save_screenshot(os.path.join(SCREENSHOTS, "people-da.png"))

    browser.find_element(By.CSS_SELECTOR, "header form.inline button").click()  # Log ud
    WebDriverWait(browser, 20).until(EC.url_contains("/log-ind"))
    browser.get(server["url"] + "/oversigt")
    assert "/log-ind" in browser.current_url


def test_wrong_password_shows_a_message(server, browser):
    browser.get(server["url"] + "/log-ind")
    browser.find_element(By.ID, "f-email").send_keys(server["email"])
    browser.find_element(By.ID, "f-password").send_keys("not the password")
    browser.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
    alert = WebDriverWait(browser, 20).until(EC.presence_of_element_located((By.CSS_SELECTOR, "[role=alert]")))
    assert "Forkert e-mail eller adgangskode" in alert.text


def test_keyboard_skip_link_reaches_main(server, browser):
    login(browser, server)
    from selenium.webdriver.common.keys import Keys
    body = browser.find_element(By.TAG_NAME, "body")
    body.send_keys(Keys.TAB)
    active = browser.switch_to.active_element
    assert active.get_attribute("class") == "skip"
    active.send_keys(Keys.ENTER)
    assert browser.current_url.endswith("#main")
