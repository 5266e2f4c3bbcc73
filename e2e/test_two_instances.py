"""Two `serve` instances on one PostgreSQL share sessions: a login on one is valid on the other,
and a logout on the other ends it everywhere. Runs when HF_PG_URL names a PostgreSQL database
(scripts/test.sh sets it)."""
import http.cookiejar
import os
import re
import subprocess
import tempfile
import time
import urllib.parse
import urllib.request

import pytest

from conftest import ROOT, free_port

PG = os.environ.get("HF_PG_URL")


def start(port, extra, log):
    binary = os.environ.get("HF_BIN", os.path.join(ROOT, ".build", "debug", "handlefrihed"))
    env = dict(os.environ, DATABASE_URL=PG, HANDLEFRIHED_PORT=str(port))
    return subprocess.Popen([binary, "serve", *extra], env=env, stdout=log, stderr=subprocess.STDOUT)


def wait(url):
    for _ in range(120):
        try:
            urllib.request.urlopen(url + "/healthz", timeout=1)
            return
        except OSError:
            time.sleep(0.5)
    raise RuntimeError(url + " did not start")


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@pytest.mark.skipif(not PG, reason="HF_PG_URL not set")
def test_session_continues_across_instances():
    tmp = tempfile.mkdtemp(prefix="hf-two-")
    log1 = open(os.path.join(tmp, "one.log"), "w+")
    log2 = open(os.path.join(tmp, "two.log"), "w+")
    p1, p2 = free_port(), free_port()
    one = start(p1, ["--demo", "--migrate"], log1)
    try:
        wait(f"http://127.0.0.1:{p1}")
        two = start(p2, [], log2)
        try:
            wait(f"http://127.0.0.1:{p2}")
            log1.seek(0)
            password = re.search(r"adgangskoden (\S+)", log1.read()).group(1)
            jar = http.cookiejar.CookieJar()
            opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect)
            page = opener.open(f"http://127.0.0.1:{p1}/log-ind").read().decode()
            csrf = re.search(r'name="_csrf" value="([^"]+)"', page).group(1)
            form = urllib.parse.urlencode({"_csrf": csrf, "email": "admin@demokommune.example", "password": password}).encode()
            try:
                opener.open(f"http://127.0.0.1:{p1}/log-ind", data=form)
            except urllib.error.HTTPError as e:
                assert e.code == 303
            cookie = next(c for c in jar if c.name == "hf_session")
            # The same cookie, sent to the other instance (the jar is per host:port, so send it by hand).
            request = urllib.request.Request(f"http://127.0.0.1:{p2}/oversigt", headers={"Cookie": f"hf_session={cookie.value}"})
            body = urllib.request.build_opener(NoRedirect).open(request).read().decode()
            assert "<h1>Demokommune (fiktiv)</h1>" in body
            # Log out on instance two; instance one no longer accepts the session.
            csrf2 = re.search(r'name="_csrf" value="([^"]+)"', body).group(1)
            out = urllib.request.Request(f"http://127.0.0.1:{p2}/log-ud", data=urllib.parse.urlencode({"_csrf": csrf2}).encode(),
                                         headers={"Cookie": f"hf_session={cookie.value}"})
            try:
                urllib.request.build_opener(NoRedirect).open(out)
            except urllib.error.HTTPError as e:
                assert e.code == 303
            again = urllib.request.Request(f"http://127.0.0.1:{p1}/oversigt", headers={"Cookie": f"hf_session={cookie.value}"})
            try:
                urllib.request.build_opener(NoRedirect).open(again)
                assert False, "session survived logout"
            except urllib.error.HTTPError as e:
                assert e.code == 303
        finally:
            two.terminate()
            two.wait(timeout=20)
    finally:
        one.terminate()
        assert one.wait(timeout=20) == 0, "SIGTERM should stop the server gracefully with exit code 0"
