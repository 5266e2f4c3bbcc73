"""Plain HTTP helpers for the tests that talk to the server without a browser: a logged-in
session (cookies + CSRF token) and API tokens."""
import re

import requests

CSRF = re.compile(r'name="_csrf" value="([^"]+)"')


def csrf_of(html):
    m = CSRF.search(html)
    assert m, "no CSRF token on the page"
    return m.group(1)


class Site:
    """A browser-less visitor: keeps cookies, reads the CSRF token from each page it posts from."""

    def __init__(self, url):
        self.url = url
        self.http = requests.Session()

    def get(self, path, **kw):
        return self.http.get(self.url + path, allow_redirects=False, timeout=60, **kw)

    def post_form(self, page, action, data, files=None):
        """Posts `data` to `action` with the CSRF token from `page` (what a browser would do)."""
        token = csrf_of(self.get(page).text)
        return self.http.post(self.url + action, data={"_csrf": token, **data}, files=files, allow_redirects=False, timeout=300)

    def login(self, email, password):
        r = self.post_form("/log-ind", "/log-ind", {"email": email, "password": password})
        assert r.status_code in (302, 303), f"login failed: {r.status_code}"
        return self

    def api_token(self, name="tests"):
        r = self.post_form("/konto", "/konto/tokens", {"name": name})
        m = re.search(r"(hf_[A-Za-z0-9_\-]+)", r.text)
        assert m, "no token shown after creating one"
        return m.group(1)
