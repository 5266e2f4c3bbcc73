"""Starts a real `handlefrihed serve --demo` on a private SQLite file and a free loopback port,
and a headless Chromium (Debian's chromium + chromium-driver) to drive it."""
import os
import re
import socket
import subprocess
import tempfile
import time
import urllib.request

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SCREENSHOTS = os.path.join(ROOT, "e2e", "screenshots")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


BINARY = os.environ.get("HF_BIN", os.path.join(ROOT, ".build", "debug", "handlefrihed"))


def launch(args=("serve", "--demo"), env_extra=None, database=None):
    """Starts the server on a free loopback port; SQLite in a fresh folder unless `database` (a
    SQLite path) or `env_extra` (e.g. DATABASE_URL) says otherwise. Returns url, demo login, process."""
    port = free_port()
    tmp = tempfile.mkdtemp(prefix="hf-e2e-")
    env = dict(os.environ, HANDLEFRIHED_SQLITE=database or os.path.join(tmp, "e2e.sqlite"), HANDLEFRIHED_PORT=str(port))
    env.pop("DATABASE_URL", None)
    env.update(env_extra or {})
    log = open(os.path.join(tmp, "serve.log"), "w+")
    proc = subprocess.Popen([BINARY, *args], env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    m = None
    for _ in range(240):
        log.seek(0)
        text = log.read()
        m = re.search(r"log ind som (\S+) med adgangskoden (\S+)", text) or m
        if m or "--demo" not in args:
            try:
                urllib.request.urlopen(url + "/healthz", timeout=1)
                break
            except OSError:
                pass
        if proc.poll() is not None:
            raise RuntimeError("server exited:\n" + text)
        time.sleep(0.5)
    else:
        proc.terminate()
        raise RuntimeError("server did not start")
    return {"url": url, "email": m.group(1) if m else None, "password": m.group(2) if m else None, "process": proc,
            "log": log.name, "env": env}


def stop(server):
    server["process"].terminate()
    server["process"].wait(timeout=20)


@pytest.fixture(scope="session")
def server():
    s = launch()
    yield s
    stop(s)


@pytest.fixture
def own_server():
    """A demo server of the test's own, for tests that change a lot."""
    s = launch()
    yield s
    stop(s)


@pytest.fixture
def browser():
    os.makedirs(SCREENSHOTS, exist_ok=True)
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900", "--lang=da"):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    driver.implicitly_wait(2)
    yield driver
    driver.quit()
