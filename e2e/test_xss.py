"""Stored and reflected XSS: a list of payloads goes into every text field of every form the
demo administrator can reach, into the one writing API operation, into a Bindinger CSV import and
into the query string of every page; then every page is read again and must show each payload as
text — no element, attribute or script that a payload brought in.

The crawler starts at /oversigt, follows same-site links (at most MAX_PAGES pages) and submits each
distinct form once; forms that end the session or take things away (log out, password, remove,
revoke, disable, purge, switch organisation) and file uploads are left out — the CSV import is
posted separately."""
import html.parser
import re
import urllib.parse

from http_site import Site

MAX_PAGES = 400
PAYLOADS = [
    '<script>alert("hfx1")</script>',
    '"><img src=x onerror=alert("hfx2")>',
    "'><svg onload=alert('hfx3')>",
    "</textarea></title><hfx4>",
    'javascript:alert("hfx5")',
    '<a href="javascript:alert(6)">hfx6</a>',
    "&lt;hfx7&gt; &#60;hfx7&#62;",
    '<iframe srcdoc="<script>alert(8)</script>">',
    # A quote followed by a combining mark is one Character; escaping by Character let the quote through.
    '"\u033c onmouseover=alert("hfx9") x="\u05c7<\u033chfx9>',
]
SKIP_ACTIONS = re.compile(r"log-ud|adgangskode|/slet|/fjern|deaktiver|tilbagekald|/organisation$|/sprog|/eksport|/import|indlaes|"
                          r"/bevis|genberegn")


class Findings(html.parser.HTMLParser):
    """Collects what a payload could have injected: inline scripts, event-handler attributes,
    javascript: URLs, iframes and the custom element <hfx4>."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found = []
        self.in_script = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag in ("hfx4", "hfx7", "iframe") or (tag == "img" and "onerror" in attributes) or (tag == "svg" and "onload" in attributes):
            self.found.append(f"<{tag} {attrs}>")
        if tag == "script" and "src" not in attributes:
            self.found.append("inline <script>")
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"{tag} {name}={value!r}")
            if name in ("href", "src", "action", "formaction") and (value or "").strip().lower().startswith("javascript:"):
                self.found.append(f"{tag} {name}={value!r}")


def injected(body):
    parser = Findings()
    parser.feed(body)
    return parser.found


class Form(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms = []
        self.select = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.forms.append({"action": a.get("action", ""), "method": a.get("method", "get").lower(), "enctype": a.get("enctype", ""),
                               "fields": [], "password": False, "file": False})
        elif not self.forms:
            return
        elif tag == "input":
            kind = a.get("type", "text").lower()
            if kind == "password":
                self.forms[-1]["password"] = True
            elif kind == "file":
                self.forms[-1]["file"] = True
            elif kind in ("checkbox", "radio"):
                if not any(f[0] == a.get("name") for f in self.forms[-1]["fields"]):
                    self.forms[-1]["fields"].append((a.get("name"), kind, a.get("value", "on")))
            elif kind not in ("submit", "button", "reset"):
                self.forms[-1]["fields"].append((a.get("name"), kind, a.get("value", "")))
        elif tag == "textarea":
            self.forms[-1]["fields"].append((a.get("name"), "textarea", ""))
        elif tag == "select":
            self.select = [a.get("name"), "select", None]
            self.forms[-1]["fields"].append(self.select)
        elif tag == "option" and self.select is not None and self.select[2] in (None, ""):
            self.select[2] = a.get("value", "")

    def handle_endtag(self, tag):
        if tag == "select":
            self.select = None


def fill(fields, payload):
    data = []
    for name, kind, value in fields:
        if not name:
            continue
        if kind == "hidden" or kind in ("checkbox", "radio", "select"):
            data.append((name, value or ""))
        elif kind == "number":
            data.append((name, "1"))
        elif kind == "date":
            data.append((name, "2026-12-01"))
        elif kind == "datetime-local":
            data.append((name, "2026-12-01T10:00"))
        elif kind == "email":
            data.append((name, "xss@demokommune.example"))
        else:
            data.append((name, payload))
    return data


def links(base, body):
    for href in re.findall(r'href="([^"]+)"', body):
        url = urllib.parse.urljoin(base, href.replace("&amp;", "&"))
        if urllib.parse.urlsplit(url).netloc == urllib.parse.urlsplit(base).netloc and "/log-ud" not in url:
            yield url.split("#")[0]


def crawl(site, start="/oversigt"):
    seen, queue, pages = set(), [site.url + start], {}
    while queue and len(pages) < MAX_PAGES:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        r = site.http.get(url, allow_redirects=False, timeout=60)
        if "text/html" not in r.headers.get("Content-Type", ""):
            continue
        pages[url] = r.text
        queue.extend(u for u in links(url, r.text) if u not in seen)
    return pages


def test_payloads_in_every_field_come_back_as_text(own_server):
    server = own_server
    site = Site(server["url"]).login(server["email"], server["password"])
    origin = server["url"]

    # Stored: every form, each text field carrying a payload (a different one per form).
    pages = crawl(site)
    submitted = set()
    responses = []
    n = 0
    for url, body in list(pages.items()):
        parser = Form()
        parser.feed(body)
        for form in parser.forms:
            action = urllib.parse.urljoin(url, form["action"] or url)
            key = (re.sub(r"[0-9a-fA-F-]{36}", ":id", action), form["method"], tuple(f[0] for f in form["fields"]))
            if form["method"] != "post" or form["password"] or form["file"] or SKIP_ACTIONS.search(urllib.parse.urlparse(action).path) \
                    or key in submitted:
                continue
            submitted.add(key)
            payload = PAYLOADS[n % len(PAYLOADS)]
            n += 1
            r = site.http.post(action, data=fill(form["fields"], payload), allow_redirects=True, timeout=60)
            assert r.status_code < 500, f"{action} answered {r.status_code}"
            responses.append((action, r.text))
    assert len(submitted) >= 25, f"only {len(submitted)} forms were found: {sorted(submitted)}"

    # The one writing API operation.
    token = site.api_token("xss")
    for payload in PAYLOADS[:3]:
        r = site.http.post(f"{origin}/api/v1/organisations/0999/nis2/incidents", json={"title": payload, "description": payload,
                           "severity": "high", "awareAt": "2026-11-28T10:00:00Z"}, headers={"Authorization": f"Bearer {token}"}, timeout=60)
        assert r.status_code in (200, 201), r.text

    # A Bindinger CSV import whose names are payloads (they end up in the SVG graph too).
    csv = "system,kind,owner,used_by,users,criticality\n" + "".join(
        f'"{p.replace(chr(34), chr(34) * 2)}",system,"{p.replace(chr(34), chr(34) * 2)}",,10,high\n' for p in PAYLOADS)
    token_csrf = re.search(r'name="_csrf" value="([^"]+)"', site.get("/bindinger/import").text).group(1)
    r = site.http.post(f"{origin}/bindinger/import/csv", data={"_csrf": token_csrf}, files={"file": ("systemer.csv", csv, "text/csv")},
                       allow_redirects=True, timeout=60)
    assert r.status_code < 500

    # Reflected: every page's query parameters (and an unknown path) replaced by payloads.
    reflected = [f"{origin}/{urllib.parse.quote(PAYLOADS[0])}", f"{origin}/bindinger/konsekvens?maal={urllib.parse.quote(PAYLOADS[1])}"]
    for url in pages:
        parts = urllib.parse.urlsplit(url)
        params = urllib.parse.parse_qsl(parts.query)
        if params:
            q = urllib.parse.urlencode([(k, PAYLOADS[i % len(PAYLOADS)]) for i, (k, _) in enumerate(params)])
            reflected.append(urllib.parse.urlunsplit((parts.scheme, parts.netloc, parts.path, q, "")))
    for url in reflected:
        r = site.http.get(url, allow_redirects=False, timeout=60)
        assert r.status_code < 500, f"{url} answered {r.status_code}"
        responses.append((url, r.text))

    # Every page again, now holding the stored payloads; plus every form's answer.
    after = crawl(site)
    problems = [(url, found) for url, body in list(after.items()) + responses for found in injected(body)]
    stored = sum(1 for body in after.values() if "hfx" in body)
    print(f"{len(pages)} pages, {len(submitted)} forms, {len(reflected)} reflected URLs; payloads shown on {stored} of {len(after)} pages")
    assert stored >= 20, "the payloads were not stored anywhere visible"
    assert not problems, "\n".join(f"{u}: {f}" for u, f in problems[:30])
