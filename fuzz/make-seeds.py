#!/usr/bin/env python3
"""Writes the seed corpora in fuzz/seeds/<target>/ from the test fixtures and the demo data.

    python3 fuzz/make-seeds.py [path-to-handlefrihed-binary]

Uses the debug binary (`swift build`) to write demo usage reports and to export the demo
municipality as an archive; everything else comes from the fixtures named below. The seeds are
committed, so fuzz/run.sh needs no server or database; re-run this after a format change.
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SEEDS = os.path.join(ROOT, "fuzz", "seeds")
SEP = b"\x1e"  # FuzzInput.fileSeparator
BINARY = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, ".build", "debug", "handlefrihed")


def write(target, name, data):
    folder = os.path.join(SEEDS, target)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, name), "wb") as f:
        f.write(data)


def read(path):
    with open(os.path.join(ROOT, path), "rb") as f:
        return f.read()


def head(data, lines):
    return b"".join(data.splitlines(keepends=True)[:lines])


def main():
    shutil.rmtree(SEEDS, ignore_errors=True)
    tmp = tempfile.mkdtemp()
    reports = os.path.join(tmp, "reports")
    subprocess.run([BINARY, "demo", "licences", "--users", "25", "--out", reports], check=True, stdout=subprocess.DEVNULL)
    files = sorted(f for f in os.listdir(reports) if f != "people.csv")
    # Active users first: the reader needs it; the other eight follow.
    files.sort(key=lambda f: f != "active-users.csv")
    report_bytes = [read(os.path.join(reports, f)) for f in files]
    write("FuzzLicenceReports", "all-nine.csv", SEP.join(head(b, 12) for b in report_bytes))
    write("FuzzLicenceReports", "active-users-only.csv", head(report_bytes[0], 30))
    for name, data in zip(files, report_bytes):
        write("FuzzCSV", name, head(data, 8))
    catalogue = read("Packages/Domain/Sources/Licensing/Resources/licence-catalogue.csv")
    write("FuzzCSV", "catalogue.csv", head(catalogue, 10))
    write("FuzzCSV", "quoted.csv", b'\xef\xbb\xbfa;b;"c ""quoted""; and\r\nbroken"\r\n1;2;3\r\n\r\n"x";;\n')
    write("FuzzCatalogue", "bundled.csv", catalogue)
    people = read(os.path.join(reports, "people.csv"))
    write("FuzzPeople", "demo.csv", head(people, 20))
    write("FuzzPeople", "danish-booleans.csv",
          "user_principal_name,department,frontline_eligible,education_eligible,desktop_override\nA@k.dk,Hjemmeplejen,ja,NEJ,1\na@k.dk,IT,nej,,\n".encode())
    write("FuzzPolicy", "empty.json", b"{}")
    write("FuzzPolicy", "full.json",
          b'{"headroom": 0.8, "inactivity_days": 60, "grace_days": 30, "frontline_departments": ["Hjemmeplejen"], "keep_if_held": []}')
    # As in Packages/Domain/Tests/BindingsTests/KitosTests.swift and e2e/test_kitos.py.
    usages = [{"uuid": "11111111-1111-4111-8111-111111111111",
               "systemContext": {"uuid": "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa", "name": "DokuNord Sag"},
               "general": {"localCallName": "ESDH", "numberOfExpectedUsers": {"lowerBound": 500, "upperBound": 1000}},
               "gdpr": {"businessCritical": "Yes"},
               "organizationUsage": {"responsibleOrganizationUnit": {"uuid": "cccccccc-cccc-4ccc-8ccc-cccccccccccc", "name": "Digitalisering"}},
               "outgoingSystemRelations": [{"uuid": "dddddddd-dddd-4ddd-8ddd-dddddddddddd",
                                            "toSystemUsage": {"uuid": "22222222-2222-4222-8222-222222222222", "name": "Y"}}],
               "lastModified": "2026-10-01T08:30:00.123Z"},
              {"uuid": "22222222-2222-4222-8222-222222222222",
               "systemContext": {"uuid": "bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb", "name": "Fagsystem Y"},
               "general": {"localCallName": None}, "gdpr": {"businessCritical": "DontKnow"}}]
    contracts = [{"uuid": "33333333-3333-4333-8333-333333333333", "name": "ESDH-kontrakt 2022",
                  "supplier": {"organization": {"uuid": "44444444-4444-4444-8444-444444444444", "name": "DokuNord A/S", "cvr": "12345678"}},
                  "general": {"validity": {"valid": True, "validFrom": "2022-07-01T00:00:00", "validTo": "2027-06-30T00:00:00"}},
                  "agreementPeriod": {"irrevocableUntil": "2025-06-30T00:00:00"},
                  "termination": {"terminatedAt": None, "terms": {"noticePeriodMonths": {"uuid": "55555555-5555-4555-8555-555555555555", "name": "6 måneder"}}},
                  "systemUsages": [{"uuid": "11111111-1111-4111-8111-111111111111", "name": "ESDH"}]}]
    systems = [{"uuid": "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa", "name": "DokuNord Sag",
                "rightsHolder": {"uuid": "44444444-4444-4444-8444-444444444444", "name": "DokuNord A/S"}}]
    processing = [{"uuid": "66666666-6666-4666-8666-666666666666", "name": "Databehandleraftale ESDH",
                   "dataProcessors": [{"uuid": "44444444-4444-4444-8444-444444444444", "name": "DokuNord A/S", "cvr": "12345678"}],
                   "systemUsages": [{"uuid": "11111111-1111-4111-8111-111111111111"}]}]
    kitos_files = {"it-system-usages.json": json.dumps(usages, ensure_ascii=False), "it-systems.json": json.dumps(systems, ensure_ascii=False),
                   "it-contracts.json": json.dumps(contracts, ensure_ascii=False),
                   "data-processing-registrations.json": json.dumps(processing, ensure_ascii=False)}
    write("FuzzKitos", "all-four.json", SEP.join(kitos_files[n].encode() for n in
          ["it-system-usages.json", "it-systems.json", "it-contracts.json", "data-processing-registrations.json"]))
    write("FuzzKitos", "usages-only.json", kitos_files["it-system-usages.json"].encode())
    write("FuzzBindingsCSV", "systems.csv",
          "system,kind,owner,used_by,users,criticality,kitos_uuid\nESDH,system,Digitalisering,Jobcenter; Økonomi,800,critical,\n"
          "Journalisering,proces,,,,,\n".encode())
    write("FuzzBindingsCSV", "vendors.csv",
          "vendor;cvr;country;parent;non_eu_compellable;open_source\nMicrosoft Ireland;IE123;ie;Microsoft;ja;nej\n".encode())
    write("FuzzBindingsCSV", "bindings.csv",
          ("system,vendor,product,product_category,component,type,scope,strength,substitutability,functions,workaround,"
           "removal_cost,removal_effort_days,evidence\n"
           "ESDH,Microsoft,Outlook,office,Outlook add-in,client_add_in,system,hard,replaceable_with_effort,Journalisering af mail; Kalender,"
           "Manuel upload,250000,40.5,Leverandørens dokumentation\n").encode())
    db = os.path.join(tmp, "seed.sqlite")
    env = dict(os.environ, HANDLEFRIHED_SQLITE=db)
    env.pop("DATABASE_URL", None)
    subprocess.run([BINARY, "migrate"], env=env, check=True, stdout=subprocess.DEVNULL)
    subprocess.run([BINARY, "demo", "municipality"], env=env, check=True, stdout=subprocess.DEVNULL)
    archive = os.path.join(tmp, "demo.zip")
    subprocess.run([BINARY, "export", "--org", "0999", "--out", archive], env=env, check=True, stdout=subprocess.DEVNULL)
    write("FuzzArchive", "demo.zip", read(archive))
    with zipfile.ZipFile(archive) as z:
        order = [n for n in z.namelist() if n != "manifest.json"]
        write("FuzzArchiveFiles", "demo-files.txt", SEP.join(head(z.read(n), 6) for n in order))
    shutil.rmtree(tmp)
    for target in sorted(os.listdir(SEEDS)):
        folder = os.path.join(SEEDS, target)
        print(target, len(os.listdir(folder)), "seeds,", sum(os.path.getsize(os.path.join(folder, f)) for f in os.listdir(folder)), "bytes")


if __name__ == "__main__":
    main()
