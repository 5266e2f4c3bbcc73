"""The licence rules of specs/licensing.md written as DuckDB SQL, for a side-by-side benchmark with
the Handlefrihed CLI. Default policy, the bundled catalogue, an optional people file.

  python3 bench/duckdb_profile.py --check          generate 2,000 users, run both, compare users.csv
  python3 bench/duckdb_profile.py --time DIR        profile DIR, print the wall time in seconds
  python3 bench/duckdb_profile.py DIR > users.csv   profile DIR, write users.csv

The cheapest-cover step is memoised the same way as the CLI: distinct needs are joined to the
candidate combinations, then joined back to the users.
"""
import csv
import io
import itertools
import os
import subprocess
import sys
import tempfile
import time

import duckdb

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CATALOGUE = os.path.join(ROOT, "Packages", "Domain", "Sources", "Licensing", "Resources", "licence-catalogue.csv")
CAPS = ["office_desktop", "office_web", "office_mobile", "teams", "teams_phone", "audio_conferencing", "webinars", "archive",
        "windows_enterprise", "intune", "entra_p1", "entra_p2", "defender_endpoint_p1", "defender_endpoint_p2",
        "defender_office_p1", "defender_office_p2", "purview_ip_p1", "power_bi_pro", "ediscovery_premium"]
BIT = {c: 1 << i for i, c in enumerate(CAPS)}
KEEP_IF_HELD = sum(BIT[c] for c in ["windows_enterprise", "intune", "entra_p1", "entra_p2", "teams_phone", "audio_conferencing",
                                     "power_bi_pro", "defender_endpoint_p2", "defender_office_p1", "defender_office_p2", "ediscovery_premium"])
GIB = 1073741824
SIGNATURES = [("Exchange License Assign Date", "au"), ("Outlook (Windows)", "apps"), ("Prohibit Send/Receive Quota (Byte)", "mailbox"),
              ("Owner Principal Name", "odu"), ("Visited Page Count", "sp"), ("Synced File Count", "oda"),
              ("Team Chat Message Count", "teams"), ("Send Count", "email"), ("Activated On Shared Computer", "act")]


def catalogue():
    with open(CATALOGUE, encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    out = []
    for i, r in enumerate(rows):
        whole, _, frac = r["price_dkk_month"].partition(".")
        out.append(dict(i=i, sku=r["sku"], name=r["product_name"].upper(), kind=r["kind"], elig=r["eligibility"],
                        ore=int(whole) * 100 + int((frac + "00")[:2]), mb=int(r["mailbox_gb"]), od=int(r["onedrive_gb"]),
                        caps=sum(BIT[c] for c in r["capabilities"].split(";") if c)))
    return out


def candidates(cat, max_products=3):
    bases = [p for p in cat if p["kind"] == "base"]
    addons = [p for p in cat if p["kind"] == "addon"]
    rows = []
    for b in bases:
        for k in range(0, max_products):
            for subset in itertools.combinations(addons, k):
                members = [b, *subset]
                rows.append((sum(1 << p["i"] for p in members), _or(p["caps"] for p in members),
                             max(p["mb"] for p in members), max(p["od"] for p in members), sum(p["ore"] for p in members),
                             len(members), "+".join(sorted((p["sku"] for p in members), key=lambda s: s.encode())),
                             any(p["elig"] == "frontline" for p in members), any(p["elig"] == "education" for p in members)))
    return rows


def _or(values):
    v = 0
    for x in values:
        v |= x
    return v


def classify(directory, people):
    files = {}
    for name in sorted(os.listdir(directory)):
        path = os.path.join(directory, name)
        if name.startswith(".") or not os.path.isfile(path) or (people and os.path.abspath(path) == os.path.abspath(people)):
            continue
        with open(path, encoding="utf-8-sig") as f:
            header = f.readline()
        for signature, kind in SIGNATURES:
            if signature in header:
                files.setdefault(kind, []).append(path)
                break
    return files


def profile(directory, people=None):
    cat = catalogue()
    con = duckdb.connect()
    con.execute("SET preserve_insertion_order = true")
    files = classify(directory, people)

    def src(kind):
        paths = files.get(kind)
        if not paths:
            return None
        lst = "[" + ",".join("'" + p.replace("'", "''") + "'" for p in paths) + "]"
        return f"read_csv({lst}, header=true, all_varchar=true)"

    con.execute("CREATE TABLE cat (i INTEGER, sku VARCHAR, name VARCHAR, kind VARCHAR, elig VARCHAR, ore BIGINT, mb INTEGER, od INTEGER, caps BIGINT)")
    con.executemany("INSERT INTO cat VALUES (?,?,?,?,?,?,?,?,?)", [(p["i"], p["sku"], p["name"], p["kind"], p["elig"], p["ore"], p["mb"], p["od"], p["caps"]) for p in cat])
    con.execute("CREATE TABLE cand (mask UBIGINT, caps BIGINT, mb INTEGER, od INTEGER, cost BIGINT, n INTEGER, k VARCHAR, fl BOOLEAN, ed BOOLEAN)")
    con.executemany("INSERT INTO cand VALUES (?,?,?,?,?,?,?,?,?)", candidates(cat))

    d = lambda col: f"date_diff('day', DATE '1970-01-01', CAST(NULLIF(\"{col}\", '') AS DATE))"
    key = 'lower(trim("User Principal Name"))'
    # Multi-piece product names (e.g. "ENTERPRISE MOBILITY + SECURITY E3") are protected before splitting on '+'.
    protect = 'upper("Assigned Products")'
    for p in cat:
        if "+" in p["name"]:
            protect = f"replace({protect}, '{p['name']}', '{p['name'].replace('+', '§')}')"
    con.execute(f"""
        CREATE TABLE au AS
        SELECT * FROM (
          SELECT row_number() OVER () AS rn, {key} AS key, trim("User Principal Name") AS upn,
                 lower(coalesce("Is Deleted", '')) = 'true' AS deleted, {protect} AS products,
                 greatest({d('Exchange Last Activity Date')}, {d('OneDrive Last Activity Date')}, {d('SharePoint Last Activity Date')},
                          {d('Skype For Business Last Activity Date')}, {d('Yammer Last Activity Date')}, {d('Teams Last Activity Date')}) AS last,
                 least({d('Exchange License Assign Date')}, {d('OneDrive License Assign Date')}, {d('SharePoint License Assign Date')},
                       {d('Skype For Business License Assign Date')}, {d('Yammer License Assign Date')}, {d('Teams License Assign Date')}) AS since,
                 {d('Exchange Last Activity Date')} AS exch, {d('Teams Last Activity Date')} AS teams,
                 {d('Report Refresh Date')} AS refresh
          FROM {src('au')})
        WHERE key <> '' AND key <> '(unknown)'
        QUALIFY row_number() OVER (PARTITION BY key ORDER BY rn) = 1
    """)
    refresh = [f"SELECT max({d('Report Refresh Date')}) AS r FROM {src(k)}" for k in files]
    as_of = con.execute(" UNION ALL ".join(refresh)).fetchall()
    as_of = max(r[0] for r in as_of if r[0] is not None)

    con.execute(f"""
        CREATE TABLE held AS
        SELECT au.key, bit_or(1::UBIGINT << c.i) AS mask FROM au,
               unnest(string_split(au.products, '+')) AS t(piece)
        JOIN cat c ON c.name = replace(trim(piece), '§', '+')
        GROUP BY au.key
    """)
    parts = []

    def add(kind, sql):
        if src(kind):
            parts.append(sql.format(src=src(kind)))

    yes = lambda col: f"lower(coalesce(\"{col}\", '')) IN ('yes', 'true')"
    add("apps", f"SELECT {key} AS key, {d('Last Activity Date')} AS last, ({yes('Windows')} OR {yes('Mac')}) AS desk, {yes('Web')} AS web, {yes('Mobile')} AS mob, {yes('Teams')} AS tflag, NULL::INTEGER AS exch, NULL::INTEGER AS teams, 0::BIGINT AS mbytes, false AS arch, 0::BIGINT AS obytes, 0::BIGINT AS shared FROM {{src}}")
    add("mailbox", f"SELECT {key}, {d('Last Activity Date')}, false, false, false, false, {d('Last Activity Date')}, NULL, CAST(coalesce(NULLIF(\"Storage Used (Byte)\", ''), '0') AS BIGINT), {yes('Has Archive')}, 0, 0 FROM {{src}}")
    add("odu", f"SELECT lower(trim(\"Owner Principal Name\")), {d('Last Activity Date')}, false, false, false, false, NULL, NULL, 0, false, CAST(coalesce(NULLIF(\"Storage Used (Byte)\", ''), '0') AS BIGINT), 0 FROM {{src}}")
    for k in ("sp", "oda"):
        add(k, f"SELECT {key}, {d('Last Activity Date')}, false, false, false, false, NULL, NULL, 0, false, 0, 0 FROM {{src}}")
    add("email", f"SELECT {key}, {d('Last Activity Date')}, false, false, false, false, {d('Last Activity Date')}, NULL, 0, false, 0, 0 FROM {{src}}")
    add("teams", f"SELECT {key}, {d('Last Activity Date')}, false, false, false, false, NULL, {d('Last Activity Date')}, 0, false, 0, 0 FROM {{src}}")
    add("act", f"SELECT {key}, NULL, false, false, false, false, NULL, NULL, 0, false, 0, CASE WHEN lower(\"Activated On Shared Computer\") IN ('true','yes') THEN 1 WHEN lower(\"Activated On Shared Computer\") IN ('false','no','') THEN 0 ELSE CAST(\"Activated On Shared Computer\" AS BIGINT) END FROM {{src}}")
    con.execute("CREATE TABLE other AS SELECT key, max(last) AS last, bool_or(desk) AS desk, bool_or(web) AS web, bool_or(mob) AS mob, bool_or(tflag) AS tflag, "
                "max(exch) AS exch, max(teams) AS teams, max(mbytes) AS mbytes, bool_or(arch) AS arch, max(obytes) AS obytes, sum(shared) AS shared FROM ("
                + " UNION ALL ".join(parts) + ") GROUP BY key")
    if people:
        con.execute(f"CREATE TABLE ppl AS SELECT * FROM (SELECT row_number() OVER () AS rn, lower(trim(user_principal_name)) AS key, NULLIF(trim(department), '') AS dept, "
                    f"CASE lower(trim(coalesce(frontline_eligible, ''))) WHEN '' THEN NULL WHEN 'true' THEN true WHEN 'yes' THEN true WHEN 'ja' THEN true WHEN '1' THEN true ELSE false END AS fl, "
                    f"CASE lower(trim(coalesce(education_eligible, ''))) WHEN '' THEN NULL WHEN 'true' THEN true WHEN 'yes' THEN true WHEN 'ja' THEN true WHEN '1' THEN true ELSE false END AS ed, "
                    f"lower(trim(coalesce(desktop_override, ''))) IN ('true','yes','ja','1') AS dov "
                    f"FROM read_csv('{people}', header=true, all_varchar=true)) QUALIFY row_number() OVER (PARTITION BY key ORDER BY rn) = 1")
    else:
        con.execute("CREATE TABLE ppl (key VARCHAR, dept VARCHAR, fl BOOLEAN, ed BOOLEAN, dov BOOLEAN)")
    given = {k: (k in files) for k in ("apps", "mailbox", "odu", "act")}
    base_mask = sum(1 << p["i"] for p in cat if p["kind"] == "base")
    fl_base = sum(1 << p["i"] for p in cat if p["kind"] == "base" and p["elig"] == "frontline")
    ed_base = sum(1 << p["i"] for p in cat if p["kind"] == "base" and p["elig"] == "education")
    # Per held mask: capabilities, largest mailbox and OneDrive, cost.
    con.execute("""
        CREATE TABLE masks AS
        SELECT h.mask, bit_or(c.caps) AS caps, max(c.mb) AS mb, max(c.od) AS od, sum(c.ore) AS ore,
               string_agg(c.sku, '+' ORDER BY c.sku) AS skus,
               bool_or(c.kind = 'base' AND c.caps & 1 = 1) AS heavy
        FROM (SELECT DISTINCT mask FROM held UNION SELECT DISTINCT mask FROM cand) h
        JOIN cat c ON (h.mask >> c.i) & 1 = 1
        GROUP BY h.mask
    """)
    recent = lambda col: f"({col} IS NOT NULL AND {as_of} - {col} <= 90)"
    con.execute(f"""
        CREATE TABLE u AS
        SELECT au.rn, au.upn, p.dept, h.mask AS cur, m.caps AS held_caps, m.mb AS held_mb, m.od AS held_od, m.ore AS cur_ore,
               greatest(au.last, o.last) AS last, au.since,
               coalesce(o.desk, false) AS desk, coalesce(o.web, false) AS web, coalesce(o.mob, false) AS mob, coalesce(o.tflag, false) AS tflag,
               greatest(au.exch, o.exch) AS exch, greatest(au.teams, o.teams) AS teams, coalesce(o.mbytes, 0) AS mbytes, coalesce(o.arch, false) AS arch,
               coalesce(o.obytes, 0) AS obytes, coalesce(o.shared, 0) AS shared, coalesce(p.dov, false) AS dov,
               coalesce(p.fl, (h.mask & {fl_base}::UBIGINT) <> 0) AS fl, coalesce(p.ed, (h.mask & {ed_base}::UBIGINT) <> 0) AS ed
        FROM au JOIN held h USING (key) JOIN masks m ON m.mask = h.mask
        LEFT JOIN other o USING (key) LEFT JOIN ppl p USING (key)
        WHERE NOT au.deleted AND (h.mask & {base_mask}::UBIGINT) <> 0
    """)
    desk = " OR ".join(x for x in [
        "desk" if given["apps"] else None, "shared > 0" if given["act"] else None, "dov",
        None if given["apps"] else f"(held_caps & {BIT['office_desktop']}) <> 0"] if x)
    web = "web" if given["apps"] else f"(held_caps & {BIT['office_web']}) <> 0"
    mob = "mob" if given["apps"] else f"(held_caps & {BIT['office_mobile']}) <> 0"
    arch = "arch" if given["mailbox"] else f"(held_caps & {BIT['archive']}) <> 0"
    mb = (f"CASE WHEN mbytes * 10 > 9 * {50 * GIB} THEN 100 WHEN mbytes * 10 > 9 * {2 * GIB} OR arch THEN 50 "
          f"WHEN mbytes > 0 OR {recent('exch')} THEN 2 ELSE 0 END") if given["mailbox"] else "held_mb"
    od = f"CASE WHEN obytes * 10 > 9 * {2 * GIB} THEN 1024 ELSE 2 END" if given["odu"] else "held_od"
    kept = [f"(held_caps & {KEEP_IF_HELD}) <> 0"]
    if not given["apps"]:
        kept.append(f"(held_caps & {BIT['office_desktop'] | BIT['office_web'] | BIT['office_mobile']}) <> 0")
    if not given["mailbox"]:
        kept.append(f"(held_caps & {BIT['archive']}) <> 0")
    con.execute(f"""
        CREATE TABLE need AS
        SELECT *, NOT {recent('last')} AS inactive, since IS NOT NULL AND {as_of} - since <= 30 AS new_licence,
               (held_caps & {KEEP_IF_HELD})
                 | CASE WHEN {desk} THEN {BIT['office_desktop']} ELSE 0 END
                 | CASE WHEN {web} THEN {BIT['office_web']} ELSE 0 END
                 | CASE WHEN {mob} THEN {BIT['office_mobile']} ELSE 0 END
                 | CASE WHEN {recent('teams')} OR {'tflag' if given['apps'] else 'false'} THEN {BIT['teams']} ELSE 0 END
                 | CASE WHEN {arch} THEN {BIT['archive']} ELSE 0 END AS r,
               {mb} AS nmb, {od} AS nod, ({' OR '.join(kept)}) AS kept
        FROM u
    """)
    con.execute("""
        CREATE TABLE best AS
        WITH needs AS (SELECT DISTINCT r, nmb, nod, fl, ed FROM need WHERE NOT inactive),
        ok AS (SELECT n.*, c.* FROM needs n JOIN cand c ON (c.caps & n.r) = n.r AND c.mb >= n.nmb AND c.od >= n.nod
               AND (NOT c.fl OR n.fl) AND (NOT c.ed OR n.ed))
        SELECT * FROM ok QUALIFY cost = min(cost) OVER (PARTITION BY r, nmb, nod, fl, ed)
    """)
    rows = con.execute(f"""
        WITH pick AS (
          SELECT n.rn, b.mask, b.cost FROM need n JOIN best b ON b.r = n.r AND b.nmb = n.nmb AND b.nod = n.nod AND b.fl = n.fl AND b.ed = n.ed
          WHERE NOT n.inactive
          QUALIFY row_number() OVER (PARTITION BY n.rn ORDER BY (b.mask = n.cur) DESC, b.n, b.k) = 1)
        SELECT n.upn, coalesce(n.dept, ''), mc.skus, n.cur_ore,
               CASE WHEN n.inactive AND NOT n.new_licence THEN '' WHEN p.mask IS NULL THEN mc.skus ELSE mr.skus END,
               CASE WHEN n.inactive AND NOT n.new_licence THEN 0 WHEN p.mask IS NULL THEN n.cur_ore ELSE p.cost END AS rec_ore,
               CASE WHEN n.inactive AND NOT n.new_licence THEN 'remove' WHEN n.inactive THEN 'keep' WHEN p.mask IS NULL THEN 'review'
                    WHEN p.mask = n.cur THEN 'keep' WHEN p.cost < n.cur_ore THEN 'downgrade' WHEN p.cost > n.cur_ore THEN 'upgrade' ELSE 'change' END,
               CASE WHEN n.inactive AND NOT n.new_licence THEN 'no_activity_90d' WHEN n.inactive THEN 'new_licence' ELSE concat_ws(';',
                 CASE WHEN {'n.desk' if given['apps'] else 'false'} THEN 'desktop_apps' END,
                 CASE WHEN {'n.shared > 0' if given['act'] else 'false'} THEN 'shared_computer' END,
                 CASE WHEN n.dov THEN 'desktop_override' END,
                 CASE WHEN {'n.mbytes * 10 > 9 * ' + str(50 * GIB) if given['mailbox'] else 'false'} THEN NULL
                      WHEN {'n.mbytes * 10 > 9 * ' + str(2 * GIB) if given['mailbox'] else 'false'} THEN 'mailbox_over_2gb' END,
                 CASE WHEN {'n.mbytes * 10 > 9 * ' + str(50 * GIB) if given['mailbox'] else 'false'} THEN 'mailbox_over_50gb' END,
                 CASE WHEN {'n.arch' if given['mailbox'] else 'false'} THEN 'archive' END,
                 CASE WHEN {'n.obytes * 10 > 9 * ' + str(2 * GIB) if given['odu'] else 'false'} THEN 'onedrive_over_2gb' END,
                 CASE WHEN {recent('n.teams')} OR {'n.tflag' if given['apps'] else 'false'} THEN 'teams' END,
                 CASE WHEN n.fl THEN 'frontline_eligible' END, CASE WHEN n.ed THEN 'education_eligible' END,
                 CASE WHEN n.kept THEN 'kept_unmeasured' END, CASE WHEN p.mask IS NULL THEN 'no_cover' END) END,
               CASE WHEN n.inactive AND NOT n.new_licence THEN n.held_caps WHEN n.inactive OR p.mask IS NULL THEN 0
                    ELSE n.held_caps & ~mr.caps END AS loses
        FROM need n JOIN masks mc ON mc.mask = n.cur
        LEFT JOIN pick p ON p.rn = n.rn LEFT JOIN masks mr ON mr.mask = p.mask
        ORDER BY n.rn
    """).fetchall()
    return rows


def write_csv(rows, out):
    out.write("user_principal_name,department,current,current_dkk_month,recommended,recommended_dkk_month,monthly_saving_dkk,action,reasons,loses\n")
    w = csv.writer(out, lineterminator="\n")
    money = lambda ore: ("-" if ore < 0 else "") + f"{abs(ore) // 100}.{abs(ore) % 100:02d}"
    for upn, dept, cur, cur_ore, rec, rec_ore, action, reasons, loses in rows:
        w.writerow([upn, dept, cur, money(cur_ore), rec, money(rec_ore), money(cur_ore - rec_ore), action, reasons,
                    ";".join(c for c in CAPS if loses & BIT[c])])


def main():
    args = sys.argv[1:]
    if args and args[0] == "--check":
        binary = os.environ.get("HF_BIN", os.path.join(ROOT, ".build", "release", "handlefrihed"))
        with tempfile.TemporaryDirectory() as tmp:
            subprocess.run([binary, "demo", "licences", "--users", "3000", "--out", tmp], check=True, capture_output=True)
            people = os.path.join(tmp, "people.csv")
            cli = subprocess.run([binary, "licences", "profile", "--reports", tmp, "--people", people], check=True, capture_output=True, text=True).stdout
            buf = io.StringIO()
            write_csv(profile(tmp, people), buf)
            a, b = cli.splitlines(), buf.getvalue().splitlines()
            diffs = [(x, y) for x, y in zip(a, b) if x != y]
            print(f"Agreement on 3,000 generated users: {len(a) - 1} CLI rows, {len(b) - 1} DuckDB rows, {len(diffs)} differing rows.")
            for x, y in diffs[:5]:
                print(f"  CLI:    {x}\n  DuckDB: {y}")
            sys.exit(0 if not diffs and len(a) == len(b) else 1)
    if args and args[0] == "--time":
        directory = args[1]
        start = time.perf_counter()
        buf = io.StringIO()
        write_csv(profile(directory, os.path.join(directory, "people.csv")), buf)
        with open(os.devnull, "w") as f:
            f.write(buf.getvalue())
        print(f"{time.perf_counter() - start:.2f}")
        return
    directory = args[0]
    people = os.path.join(directory, "people.csv") if os.path.exists(os.path.join(directory, "people.csv")) else None
    write_csv(profile(directory, people), sys.stdout)


if __name__ == "__main__":
    main()
