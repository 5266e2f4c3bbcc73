"""Limits and cookie flags on a real server: request bodies over their limit are refused with 413
before anything is stored (licence upload: HANDLEFRIHED_MAX_UPLOAD_MB; Bindinger imports 50 MB;
measure evidence 21 MB), and with HANDLEFRIHED_SECURE_COOKIES=true the session cookie is Secure,
HttpOnly and SameSite=Lax and HSTS is sent. The server log then holds no e-mail address or password."""
import re

from conftest import launch, stop
from http_site import Site, csrf_of


def snapshots(site):
    return len(re.findall(r"/licenser/oejebliksbilleder/[0-9A-Fa-f-]{36}\"", site.get("/licenser").text))


def test_oversized_uploads_are_refused_and_cookies_are_locked_down():
    server = launch(env_extra={"HANDLEFRIHED_MAX_UPLOAD_MB": "1", "HANDLEFRIHED_SECURE_COOKIES": "true"})
    try:
        site = Site(server["url"])
        login_page = site.get("/log-ind")
        assert "max-age=" in login_page.headers.get("Strict-Transport-Security", "")
        # requests sends Secure cookies over https only; read Set-Cookie and send the cookie by hand.
        def session_cookie(response):
            cookie = next(h for h in response.raw.headers.getlist("Set-Cookie") if h.startswith("hf_session="))
            flags = {part.strip().lower() for part in cookie.split(";")[1:]}
            assert {"secure", "httponly", "samesite=lax"} <= flags, cookie
            return cookie.split(";")[0]
        site.http.headers["Cookie"] = session_cookie(login_page)
        r = site.http.post(server["url"] + "/log-ind", data={"_csrf": csrf_of(login_page.text), "email": server["email"],
                           "password": server["password"]}, allow_redirects=False)
        assert r.status_code == 303
        site.http.headers["Cookie"] = session_cookie(r)

        before = snapshots(site)
        token = csrf_of(site.get("/licenser").text)
        big = b"User Principal Name,Display Name\n" + b"x@demokommune.example,X\n" * 60000  # ≈ 1.4 MB
        r = site.http.post(server["url"] + "/licenser/indlaes", data={"_csrf": token}, files={"files": ("active-users.csv", big, "text/csv")})
        assert r.status_code == 413 and ("Nothing was stored" in r.text or "Intet er gemt" in r.text), r.status_code
        assert snapshots(site) == before

        token = csrf_of(site.get("/bindinger/import").text)
        r = site.http.post(server["url"] + "/bindinger/import/csv", data={"_csrf": token},
                           files={"file": ("systemer.csv", b"system,kind\n" + b"a" * (51 << 20), "text/csv")})
        assert r.status_code == 413

        measures = site.get("/nis2/foranstaltninger").text
        measure = re.search(r"/nis2/foranstaltninger/([0-9A-Fa-f-]{36})", measures).group(1)
        token = csrf_of(site.get(f"/nis2/foranstaltninger/{measure}").text)
        r = site.http.post(server["url"] + f"/nis2/foranstaltninger/{measure}/dokumentation", data={"_csrf": token},
                           files={"file": ("bevis.pdf", b"%PDF-1.4\n" + b"0" * (22 << 20), "application/pdf")})
        assert r.status_code == 413
    finally:
        stop(server)
    with open(server["log"]) as f:
        log = f.read()
    # The demo login line is printed to the console on purpose; nothing else may carry personal data.
    log = "\n".join(line for line in log.splitlines() if "log ind som" not in line)
    assert "@demokommune.example" not in log and server["password"] not in log
