"""API fuzzing: schemathesis generates requests from /api/openapi.yaml (every operation, its
parameters and their edge cases, plus methods the document does not declare) against the demo
server, authenticated with an API token of the demo administrator. Any server error, any response
that does not match the document, or the server going away fails the test.

HF_SCHEMATHESIS_EXAMPLES sets the examples per operation (default 40; the figures in
docs/security.md come from a run with 400)."""
import os
import re
import subprocess

from http_site import Site


def test_the_api_holds_to_its_document_under_generated_requests(own_server, tmp_path):
    server = own_server
    token = Site(server["url"]).login(server["email"], server["password"]).api_token("schemathesis")
    examples = os.environ.get("HF_SCHEMATHESIS_EXAMPLES", "40")
    report = tmp_path / "schemathesis.txt"
    result = subprocess.run(
        ["schemathesis", "--config-file", os.path.join(os.path.dirname(__file__), "schemathesis.toml"), "run", server["url"] + "/api/openapi.yaml", "--url", server["url"],
         "--header", f"Authorization: Bearer {token}", "--checks", "all", "--max-examples", examples,
         "--seed", "5049", "--no-color", "--request-timeout", "30"],
        capture_output=True, text=True, timeout=1800)
    report.write_text(result.stdout + result.stderr)
    summary = re.search(r"(\d+) generated", result.stdout)
    print(result.stdout[-1500:])
    assert server["process"].poll() is None, "the server died during API fuzzing:\n" + result.stdout[-4000:]
    assert result.returncode == 0, result.stdout[-6000:]
    assert summary and int(summary.group(1)) > 500, "schemathesis generated too few cases"
