"""The licence journey in a real browser: upload the nine usage reports → snapshot dashboard →
per-user table → one user's evidence → users.csv export; with axe audits and screenshots."""
import os
import subprocess
import tempfile
import urllib.request

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

from conftest import ROOT, SCREENSHOTS
from test_journey import assert_accessible, click_and_wait, login


def test_upload_dashboard_user_export(server, browser):
    binary = os.environ.get("HF_BIN", os.path.join(ROOT, ".build", "debug", "handlefrihed"))
    reports = tempfile.mkdtemp(prefix="hf-e2e-reports-")
    subprocess.run([binary, "demo", "licences", "--users", "500", "--out", reports, "--seed", "7"], check=True, capture_output=True)
    login(browser, server)
    click_and_wait(browser, "Licenser", "Licenser")
    assert_accessible(browser, "licences")

    assert browser.find_elements(By.ID, "f-files"), browser.page_source[-3000:]
    files = sorted(os.path.join(reports, f) for f in os.listdir(reports) if f != "people.csv")
    browser.find_element(By.ID, "f-files").send_keys("\n".join(files))
    browser.find_element(By.ID, "f-people").send_keys(os.path.join(reports, "people.csv"))
    browser.find_element(By.CSS_SELECTOR, "#upload-form button[type=submit]").click()
    WebDriverWait(browser, 60).until(EC.url_contains("/licenser/oejebliksbilleder/"))
    WebDriverWait(browser, 10).until(EC.presence_of_element_located((By.CSS_SELECTOR, "main svg")))
    page = browser.page_source
    assert "Øjebliksbilledet er gemt" in page or "Licensprofil pr." in page
    assert "Besparelse pr. år" in page
    assert_accessible(browser, "snapshot dashboard")
    browser.save_screenshot(os.path.join(SCREENSHOTS, "licences-dashboard.png"))
    snapshot_url = browser.current_url

    click_and_wait(browser, "Brugere med anbefalinger", "Brugere pr.")
    rows = browser.find_elements(By.CSS_SELECTOR, "main table tbody tr")
    assert len(rows) == 50
    assert_accessible(browser, "users table")
    browser.save_screenshot(os.path.join(SCREENSHOTS, "licences-users.png"))
    rows[0].find_element(By.TAG_NAME, "a").click()
    WebDriverWait(browser, 20).until(EC.text_to_be_present_in_element((By.TAG_NAME, "main"), "Hvad brugeren mister"))
    assert "Forbruget bag" in browser.page_source
    assert_accessible(browser, "user page")

    # The export, fetched with the browser's session.
    cookie = "; ".join(f"{c['name']}={c['value']}" for c in browser.get_cookies())
    request = urllib.request.Request(snapshot_url + "/brugere.csv", headers={"Cookie": cookie})
    body = urllib.request.urlopen(request).read().decode()
    assert body.startswith("user_principal_name,department,current,current_dkk_month,recommended,recommended_dkk_month,monthly_saving_dkk,action,reasons,loses\n")
    assert body.count("\n") > 450


def test_bad_file_is_refused_and_nothing_stored(server, browser):
    login(browser, server)
    browser.get(server["url"] + "/licenser")
    before = len(browser.find_elements(By.CSS_SELECTOR, "main table tbody tr"))
    bad = tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False)
    bad.write("Report Refresh Date,User Principal Name,Exchange License Assign Date,Assigned Products\n2026-03-01,a@k.dk,01-01-2024,MICROSOFT 365 E3\n")
    bad.close()
    browser.find_element(By.ID, "f-files").send_keys(bad.name)
    browser.find_element(By.CSS_SELECTOR, "#upload-form button[type=submit]").click()
    alert = WebDriverWait(browser, 30).until(EC.presence_of_element_located((By.CSS_SELECTOR, "main [role=alert]")))
    assert "intet er gemt" in alert.text
    assert "Exchange License Assign Date" in alert.text
    browser.get(server["url"] + "/licenser")
    assert len(browser.find_elements(By.CSS_SELECTOR, "main table tbody tr")) == before
