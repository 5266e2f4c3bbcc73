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


NGINX_CONF = """
worker_processes 1;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log;
events {{ worker_connections 1024; }}
http {{
    log_format upstream '$upstream_addr $status $request_uri';
    access_log {tmp}/access.log upstream;
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    upstream handlefrihed {{ server 127.0.0.1:{p1}; server 127.0.0.1:{p2}; }}
    server {{
        listen 127.0.0.1:{port};
        client_max_body_size 2g;
        location / {{
            proxy_pass http://handlefrihed;
            proxy_set_header Host $host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto $scheme;
        }}
    }}
}}
"""


@pytest.mark.skipif(not PG, reason="HF_PG_URL not set")
def test_sessions_continue_across_instances_behind_nginx_under_load():
    """nginx (round robin) in front of two instances on one PostgreSQL; wrk loads the dashboards and
    lists through it while a signed-in person reads pages and submits a form: every one of that
    person's requests is answered as signed in, both instances serve, and wrk sees no errors."""
    tmp = tempfile.mkdtemp(prefix="hf-nginx-")
    p1, p2, port = free_port(), free_port(), free_port()
    one = start(p1, ["--demo", "--migrate"], open(os.path.join(tmp, "one.log"), "w+"))
    two = None
    nginx = None
    try:
        wait(f"http://127.0.0.1:{p1}")
        two = start(p2, [], open(os.path.join(tmp, "two.log"), "w+"))
        wait(f"http://127.0.0.1:{p2}")
        with open(os.path.join(tmp, "one.log")) as f:
            password = re.search(r"adgangskoden (\S+)", f.read()).group(1)
        with open(os.path.join(tmp, "nginx.conf"), "w") as f:
            f.write(NGINX_CONF.format(tmp=tmp, p1=p1, p2=p2, port=port))
        nginx = subprocess.Popen(["nginx", "-p", tmp, "-e", os.path.join(tmp, "error.log"), "-c", os.path.join(tmp, "nginx.conf"),
                                  "-g", "daemon off;"])
        front = f"http://127.0.0.1:{port}"
        wait(front)
        from http_site import Site
        site = Site(front).login("admin@demokommune.example", password)
        cookie = site.http.cookies.get("hf_session")
        load = subprocess.Popen(["wrk", "-t2", "-c32", "-d20s", "-H", f"Cookie: hf_session={cookie}", "-s",
                                 os.path.join(ROOT, "bench", "soak.lua"), front], stdout=subprocess.PIPE, text=True,
                                env=dict(os.environ, HF_TOKEN=""))
        pages = ["/oversigt", "/licenser", "/nis2", "/nis2/risici", "/bindinger", "/bindinger/systemer", "/nis2/haendelser"]
        answered = 0
        deadline = time.time() + 15
        while time.time() < deadline:
            for path in pages:
                r = site.get(path)
                assert r.status_code == 200, f"{path} answered {r.status_code} through nginx: the session was lost"
                answered += 1
            r = site.post_form("/konto", "/konto/tokens", {"name": f"under load {answered}"})
            assert r.status_code == 200 and "hf_" in r.text, "a form posted through nginx was refused"
        out = load.communicate(timeout=60)[0]
        assert "not-200: 0 errors: 0" in out, out
        with open(os.path.join(tmp, "access.log")) as f:
            upstreams = {line.split()[0] for line in f if line.strip()}
        assert {f"127.0.0.1:{p1}", f"127.0.0.1:{p2}"} <= upstreams, f"not both instances served: {upstreams}"
        print(f"{answered} signed-in page views through nginx under load; wrk: {out.strip().splitlines()[-1]}")
    finally:
        if nginx:
            nginx.terminate()
            nginx.wait(timeout=20)
        for p in (two, one):
            if p:
                p.terminate()
                p.wait(timeout=90)  # a loaded instance finishes the requests it holds first
