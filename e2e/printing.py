"""Checks printed output the way a person would see it: Chromium prints the page to PDF (as
"Save as PDF" does), poppler turns it into text and into page images."""
import base64
import os
import subprocess
import tempfile

from selenium.webdriver.common.print_page_options import PrintOptions

from conftest import SCREENSHOTS


def print_to_pdf(driver, name):
    options = PrintOptions()
    options.page_width = 21.0
    options.page_height = 29.7
    options.background = True
    pdf = base64.b64decode(driver.print_page(options))
    path = os.path.join(SCREENSHOTS, name + ".pdf")
    with open(path, "wb") as f:
        f.write(pdf)
    return path


def pages(pdf):
    info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True, check=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def text(pdf):
    return subprocess.run(["pdftotext", "-layout", pdf, "-"], capture_output=True, text=True, check=True).stdout


def page_images(pdf, name):
    """Renders every page to a PNG (kept for people to look at) and a grey PGM, and returns each
    page's share of dark pixels — a blank or nearly blank page means the print CSS hid the content."""
    shares = []
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["pdftoppm", "-r", "50", "-png", pdf, os.path.join(SCREENSHOTS, name)], check=True)
        subprocess.run(["pdftoppm", "-r", "50", "-gray", pdf, os.path.join(tmp, "p")], check=True)
        for file in sorted(os.listdir(tmp)):
            with open(os.path.join(tmp, file), "rb") as f:
                data = f.read()
            # Binary PGM: "P5\n<w> <h>\n<max>\n" then one byte per pixel.
            header, rest = data.split(b"\n", 3)[:3], data.split(b"\n", 3)[3]
            width, height = map(int, header[1].split())
            pixels = rest[: width * height]
            shares.append(sum(1 for p in pixels if p < 128) / len(pixels))
    return shares
