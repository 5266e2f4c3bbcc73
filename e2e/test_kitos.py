"""`handlefrihed kitos pull` against a stand-in for KITOS's API v2 (served from this test on a loopback
port): pages are followed, the token is sent, the second pull asks only for changes since the first
(changedSinceGtEq) and a usage absent from a delta is not marked as removed; `kitos import` of saved
files refuses a bad file with file, line and column and changes nothing."""
import csv
import http.server
import io
import json
import os
import subprocess
import tempfile
import threading
import urllib.parse
import zipfile

from conftest import ROOT

BINARY = os.environ.get("HF_BIN", os.path.join(ROOT, ".build", "debug", "handlefrihed"))
ORG = "5e1f0000-0000-4000-8000-000000000751"


def usage(n, name, relation=None):
    u = {"uuid": f"1111111{n}-1111-4111-8111-111111111111", "systemContext": {"uuid": f"aaaaaaa{n}-aaaa-4aaa-8aaa-aaaaaaaaaaaa", "name": name},
         "general": {"numberOfExpectedUsers": {"lowerBound": 100 * n}}, "gdpr": {"businessCritical": "Yes" if n == 1 else "No"}}
    if relation:
        u["outgoingSystemRelations"] = [{"toSystemUsage": {"uuid": f"1111111{relation}-1111-4111-8111-111111111111"}}]
    return u


class Kitos:
    def __init__(self):
        self.requests = []
        self.data = {
            "it-system-usages": [usage(1, "DokuNord Sag", relation=2), usage(2, "Fagsystem Y"), usage(3, "Lønsystem")],
            "it-contracts": [{"uuid": "33333333-3333-4333-8333-333333333333", "name": "ESDH-kontrakt",
                              "supplier": {"organization": {"uuid": "44444444-4444-4444-8444-444444444444", "name": "DokuNord A/S", "cvr": "12345678"}},
                              "general": {"validity": {"validTo": "2027-06-30T00:00:00Z"}},
                              "systemUsages": [{"uuid": "11111111-1111-4111-8111-111111111111"}]}],
            "data-processing-registrations": [],
            "it-systems": [{"uuid": "aaaaaaa1-aaaa-4aaa-8aaa-aaaaaaaaaaaa", "name": "DokuNord Sag",
                            "rightsHolder": {"uuid": "44444444-4444-4444-8444-444444444444", "name": "DokuNord A/S"}}],
        }
        kitos = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                url = urllib.parse.urlparse(self.path)
                q = dict(urllib.parse.parse_qsl(url.query))
                endpoint = url.path.removeprefix("/api/v2/")
                kitos.requests.append((endpoint, q, self.headers.get("Authorization")))
                if self.headers.get("Authorization") != "Bearer hemmelig" or endpoint not in kitos.data:
                    self.send_response(401)
                    self.end_headers()
                    return
                items = kitos.data[endpoint]
                page, size = int(q.get("page", 0)), int(q.get("pageSize", 100))
                body = json.dumps(items[page * size:(page + 1) * size]).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"


def run(tmp, *args, token="hemmelig"):
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(HANDLEFRIHED_SQLITE=os.path.join(tmp, "db.sqlite"), KITOS_TOKEN=token)
    return subprocess.run([BINARY, *args], capture_output=True, text=True, env=env)


def assets(tmp):
    out = os.path.join(tmp, "export.zip")
    assert run(tmp, "export", "--org", "0751", "--out", out).returncode == 0
    with zipfile.ZipFile(out) as z:
        return list(csv.DictReader(io.StringIO(z.read("assets.csv").decode())))


def test_pull_follows_pages_and_then_asks_only_for_changes():
    kitos = Kitos()
    with tempfile.TemporaryDirectory() as tmp:
        pull = ("kitos", "pull", "--org", "0751", "--url", kitos.url, "--kitos-organisation", ORG, "--page-size", "2")
        first = run(tmp, *pull)
        assert first.returncode == 0, first.stderr
        assert "(alt): 3 nye og 0 opdaterede systemer" in first.stdout
        usage_requests = [q for e, q, _ in kitos.requests if e == "it-system-usages"]
        assert [q["page"] for q in usage_requests] == ["0", "1"]
        assert all(q["organizationUuid"] == ORG and "changedSinceGtEq" not in q for q in usage_requests)
        assert all(auth == "Bearer hemmelig" for _, _, auth in kitos.requests)

        # KITOS now lists only the renamed usage as changed.
        kitos.requests.clear()
        kitos.data["it-system-usages"] = [usage(2, "Fagsystem Y (ny version)")]
        second = run(tmp, *pull)
        assert second.returncode == 0, second.stderr
        assert "(ændringer siden sidst): 0 nye og 1 opdaterede systemer, 0 markeret som fjernet" in second.stdout
        by_endpoint = {e: q for e, q, _ in kitos.requests}
        for endpoint in ("it-system-usages", "it-contracts", "data-processing-registrations"):
            assert "changedSinceGtEq" in by_endpoint[endpoint], endpoint
        assert "changedSinceGtEq" not in by_endpoint["it-systems"] and by_endpoint["it-systems"]["usedInOrganizationUuid"] == ORG
        rows = assets(tmp)
        assert len(rows) == 3
        assert sorted(r["name"] for r in rows) == ["DokuNord Sag", "Fagsystem Y (ny version)", "Lønsystem"]
        # A delta that does not list a usage does not mean KITOS dropped it.
        assert all(r["kitos_removed_at"] == "\\N" for r in rows)
        # A full pull does: the usages KITOS no longer lists are marked, not deleted.
        full = run(tmp, *pull, "--full")
        assert full.returncode == 0 and "2 markeret som fjernet i KITOS" in full.stdout
        rows = assets(tmp)
        assert sorted(r["name"] for r in rows if r["kitos_removed_at"] == "\\N") == ["Fagsystem Y (ny version)"]

        # A wrong token: KITOS refuses, nothing changes, a clear message.
        third = run(tmp, *pull, token="forkert")
        assert third.returncode == 3 and "KITOS answered 401" in third.stderr and "intet er ændret" in third.stderr
        assert assets(tmp) == rows


def test_saved_files_import_and_a_bad_file_changes_nothing():
    kitos = Kitos()
    with tempfile.TemporaryDirectory() as tmp:
        good = os.path.join(tmp, "it-system-usages.json")
        with open(good, "w") as f:
            json.dump(kitos.data["it-system-usages"], f, indent=1)
        result = run(tmp, "kitos", "import", "--org", "0751", good)
        assert result.returncode == 0, result.stderr
        assert "3 nye og 0 opdaterede systemer" in result.stdout
        before = assets(tmp)
        bad = os.path.join(tmp, "it-system-usages-2.json")
        with open(bad, "w") as f:
            f.write('[\n {"uuid": "not-a-uuid", "systemContext": {"uuid": "aaaaaaa1-aaaa-4aaa-8aaa-aaaaaaaaaaaa", "name": "X"}}\n]\n')
        refused = run(tmp, "kitos", "import", "--org", "0751", bad)
        assert refused.returncode == 2
        assert "it-system-usages.json:2:11" in refused.stderr and "uuid" in refused.stderr
        assert assets(tmp) == before
