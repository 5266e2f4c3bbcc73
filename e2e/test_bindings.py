"""Bindinger in a real browser on the demo data — the journey of issue 5: import from KITOS and a
spreadsheet → the bindings graph → the blast radius of removing Outlook → an exit plan → the tender
document, printed. Every Bindinger page passes the accessibility audit."""
import json
import os
import tempfile

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

from conftest import SCREENSHOTS
from printing import page_images, print_to_pdf, text
from test_journey import assert_accessible, click_and_wait, login

USAGES = [{"uuid": "7a1e0000-0000-4000-8000-000000000001", "systemContext": {"uuid": "7a1e0000-0000-4000-8000-0000000000aa", "name": "Borgerportal"},
           "general": {"localCallName": "Borgerportal (fiktiv: PortalNord)", "numberOfExpectedUsers": {"lowerBound": 90}},
           "gdpr": {"businessCritical": "No"}, "organizationUsage": {"responsibleOrganizationUnit": {"name": "Borgerservice"}}}]


def main_text(browser):
    return browser.find_element(By.TAG_NAME, "main").text


def submit(browser, form_css):
    old = browser.find_element(By.TAG_NAME, "html")
    browser.find_element(By.CSS_SELECTOR, form_css + " button[type=submit]").click()
    WebDriverWait(browser, 20).until(EC.staleness_of(old))


def test_import_graph_blast_radius_exit_plan_tender(server, browser):
    login(browser, server)
    click_and_wait(browser, "Bindinger", "Bindinger")
    assert "Microsoft Corporation" in main_text(browser)
    assert_accessible(browser, "bindings overview")
    browser.save_screenshot(os.path.join(SCREENSHOTS, "bindings-overview.png"))

    # Import: a system usage from KITOS, then a binding for it from a spreadsheet.
    click_and_wait(browser, "Import og eksport", "Import og eksport")
    assert_accessible(browser, "import")
    with tempfile.TemporaryDirectory() as tmp:
        usages = os.path.join(tmp, "it-system-usages.json")
        with open(usages, "w", encoding="utf-8") as f:
            json.dump(USAGES, f)
        browser.find_element(By.ID, "kitos-files").send_keys(usages)
        submit(browser, f"form[action='/bindinger/import/kitos']")
        assert "KITOS er indlæst: 1 nye og 0 opdaterede systemer" in main_text(browser)
        bindings = os.path.join(tmp, "bindinger.csv")
        with open(bindings, "w", encoding="utf-8") as f:
            f.write("system,vendor,product,product_category,component,type,scope,strength,substitutability,functions,workaround\n")
            f.write("Borgerportal (fiktiv: PortalNord),Microsoft Ireland Operations Ltd,Microsoft 365,office suite,Outlook,client_add_in,"
                    "administrative_process,degraded,other_vendor,Send kvittering som e-mail,Almindelig SMTP\n")
        browser.find_element(By.ID, "csv-file").send_keys(bindings)
        submit(browser, "form[action='/bindinger/import/csv']")
        assert "bindinger.csv er indlæst: 1 nye, 0 opdaterede" in main_text(browser)

    # The graph, filtered to Microsoft: the imported system is drawn and bound.
    click_and_wait(browser, "Graf", "Bindingsgraf")
    Select(browser.find_element(By.ID, "f-leverandoer")).select_by_visible_text("Microsoft Corporation")
    submit(browser, "form.filters")
    svg = browser.find_element(By.CSS_SELECTOR, "svg.graph")
    assert "Borgerportal" in svg.get_attribute("innerHTML") and "Microsoft 365 › Outlook" in svg.get_attribute("innerHTML")
    assert_accessible(browser, "graph")
    browser.save_screenshot(os.path.join(SCREENSHOTS, "bindings-graph.png"))

    # The blast radius of removing Outlook.
    click_and_wait(browser, "Konsekvens", "Konsekvens")
    Select(browser.find_element(By.ID, "f-maal")).select_by_visible_text("Microsoft 365 › Outlook")
    submit(browser, "form.filters")
    page = main_text(browser)
    assert "Konsekvens af at fjerne Microsoft 365 › Outlook" in browser.find_element(By.TAG_NAME, "h1").text
    rows = {r.find_element(By.CSS_SELECTOR, "td").text: r.text for r in browser.find_elements(By.CSS_SELECTOR, "table caption ~ tbody tr")}
    assert "hård" in rows["ESDH (fiktivt: DokuNord Sag)"] and "bundet direkte" in rows["ESDH (fiktivt: DokuNord Sag)"]
    assert "via ESDH (fiktivt: DokuNord Sag)" in rows["Journalisering af e-mails"]
    assert "forringet" in rows["Borgerportal (fiktiv: PortalNord)"]
    assert "Indlåsning:" in page
    assert_accessible(browser, "impact")
    browser.save_screenshot(os.path.join(SCREENSHOTS, "bindings-impact-outlook.png"))

    # An exit plan for the sub-area, against the ESDH contract's exit window.
    click_and_wait(browser, "Lav en exitplan for dette", "Exitplaner")
    assert Select(browser.find_element(By.ID, "f-target")).first_selected_option.text == "Microsoft 365 › Outlook"
    browser.find_element(By.ID, "f-title").send_keys("Jobcenteret uden Outlook")
    Select(browser.find_element(By.ID, "f-contract_id")).select_by_visible_text("DokuNord Sag – drift og licens")
    for box in browser.find_elements(By.CSS_SELECTOR, "input[name='departments[]']"):
        if box.get_attribute("value") == "Jobcenter":
            box.click()
    browser.find_element(By.ID, "f-phases").send_keys("1. Kortlæg brugen\n2. Pilot med IMAP-journalisering")
    browser.execute_script("document.getElementById('f-planned_done').value = arguments[0]", "2027-03-31")
    submit(browser, "form.panel")
    assert browser.find_element(By.TAG_NAME, "h1").text == "Jobcenteret uden Outlook"
    page = main_text(browser)
    assert "Ikke godkendt af ledelsen endnu." in page
    assert "Kan nås: opsig senest" in page or "Når ikke exitvinduet" in page
    assert "Jobcenter-fagsystem (fiktivt: JobNord): Book møder med borgere fra kalenderen" in page
    assert_accessible(browser, "exit plan")

    # The tender requirements as a document to attach, printed to PDF.
    click_and_wait(browser, "Udbudskrav til næste udbud (udskriv eller hent som ODT)", "Udbudskrav")
    assert_accessible(browser, "tender")
    pdf = print_to_pdf(browser, "tender-requirements")
    printed = " ".join(text(pdf).split())  # lines wrap where the printer chooses
    for expected in ("Udbudskrav: Jobcenteret uden Outlook", "Ingen tilføjelser, der kun virker i én kontorpakke",
                     "Exitbistand og tilbagelevering af data", "Jobcenter-fagsystem (fiktivt: JobNord) → Microsoft 365 › Outlook"):
        assert expected in printed, expected
    assert "Hent som ODT" not in printed
    assert page_images(pdf, "tender-requirements")[0] > 0.01


def test_the_other_bindings_pages_are_accessible(server, browser):
    login(browser, server)
    for path, heading, name in [
        ("/bindinger/systemer", "Systemer og processer", "systems"),
        ("/bindinger/leverandoerer", "Leverandører", "vendors"),
        ("/bindinger/kontrakter", "Kontrakter og exitvinduer", "contracts"),
        ("/bindinger/indlaasning", "Indlåsning", "lock-in"),
        ("/bindinger/kontorpakke", "Skift af kontorpakke", "office move"),
        ("/bindinger/exitplaner", "Exitplaner", "exit plans"),
    ]:
        browser.get(server["url"] + path)
        assert heading in browser.find_element(By.TAG_NAME, "h1").text
        assert_accessible(browser, name)
    browser.get(server["url"] + "/bindinger/hvad-hvis")
    Select(browser.find_element(By.ID, "f-s1")).select_by_visible_text("Microsoft 365 › Outlook")
    Select(browser.find_element(By.ID, "f-s2")).select_by_visible_text("Microsoft 365 › Outlook")
    Select(browser.find_element(By.ID, "f-a2")).select_by_visible_text("Borgerservice")
    submit(browser, "form[action='/bindinger/hvad-hvis']")
    cards = browser.find_elements(By.CSS_SELECTOR, ".side-by-side .card")
    assert len(cards) == 2 and "Journalisér e-mails fra Outlook" in cards[0].text
    assert_accessible(browser, "what-if")
    browser.save_screenshot(os.path.join(SCREENSHOTS, "bindings-what-if.png"))
    browser.get(server["url"] + "/bindinger/kontorpakke")
    page = main_text(browser)
    assert "Borgerservice" in page and "blokeret" in page and "Hjemmeplejen" in page
    browser.get(server["url"] + "/bindinger/systemer")
    browser.find_element(By.LINK_TEXT, "ESDH (fiktivt: DokuNord Sag)").click()
    WebDriverWait(browser, 20).until(EC.text_to_be_present_in_element((By.TAG_NAME, "h1"), "ESDH"))
    assert_accessible(browser, "system")
    browser.get(server["url"] + "/bindinger/leverandoerer")
    browser.find_element(By.LINK_TEXT, "Microsoft Corporation").click()
    WebDriverWait(browser, 20).until(EC.text_to_be_present_in_element((By.TAG_NAME, "h1"), "Microsoft Corporation"))
    assert_accessible(browser, "vendor")
