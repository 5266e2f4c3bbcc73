"""The offline `handlefrihed licences profile` command as a user runs it: no database, no server;
exit 0 with the contract's files, exit 2 with file, line and column on bad input."""
import json
import os
import subprocess
import tempfile

from conftest import ROOT

BINARY = os.environ.get("HF_BIN", os.path.join(ROOT, ".build", "debug", "handlefrihed"))


def run(*args, cwd=None):
    return subprocess.run([BINARY, *args], capture_output=True, text=True, cwd=cwd, env={k: v for k, v in os.environ.items() if k != "DATABASE_URL"})


def test_profile_writes_users_summary_and_report():
    with tempfile.TemporaryDirectory() as tmp:
        reports = os.path.join(tmp, "reports")
        assert run("demo", "licences", "--users", "800", "--out", reports).returncode == 0
        out, summary, html = (os.path.join(tmp, n) for n in ("users.csv", "summary.json", "report.html"))
        # Run from an empty folder: no database file may appear.
        result = run("licences", "profile", "--reports", reports, "--people", os.path.join(reports, "people.csv"),
                     "--out", out, "--summary", summary, "--html", html, cwd=tmp)
        assert result.returncode == 0, result.stderr
        assert "brugere profileret" in result.stderr
        with open(out, encoding="utf-8") as f:
            header = f.readline()
        assert header == "user_principal_name,department,current,current_dkk_month,recommended,recommended_dkk_month,monthly_saving_dkk,action,reasons,loses\n"
        with open(summary, encoding="utf-8") as f:
            s = json.load(f)
        assert s["as_of"] == "2026-03-01"
        assert s["users_profiled"] > 700
        assert set(s["actions"]) == {"remove", "keep", "downgrade", "upgrade", "change", "review"}
        with open(html, encoding="utf-8") as f:
            page = f.read()
        assert page.startswith("<!DOCTYPE html>") and "<svg" in page and "demokommune.example" not in page
        assert not [n for n in os.listdir(tmp) if n.endswith(".sqlite")]


def test_bad_input_exits_2_naming_file_line_and_column():
    with tempfile.TemporaryDirectory() as tmp:
        with open(os.path.join(tmp, "export.csv"), "w", encoding="utf-8") as f:
            f.write("Report Refresh Date,User Principal Name,Exchange License Assign Date,Assigned Products\n")
            f.write("2026-03-01,a@k.dk,2024-01-01,MICROSOFT 365 E3\n")
            f.write("2026-03-01,b@k.dk,1. januar 2024,MICROSOFT 365 E3\n")
        result = run("licences", "profile", "--reports", tmp)
        assert result.returncode == 2
        assert "export.csv:3:3 (Exchange License Assign Date)" in result.stderr
        assert result.stdout == ""
