#!/usr/bin/env python3
"""Independent verifier of a draw record, written from README "The draw" alone (standard library only).

Checks or re-derives every field of the record: the snapshot files' hashes and directoryHash, the seed against its
commitment and the commitment ledger, seedStatus, the departments, the eligible count, the strata (ratio, by ratio,
top-up), the entities in order with their names and classes, the groups, members, leaders and recusals, every
substitution (递补) in order and, given the year's records, the entities the yearly cap excluded. Prints each
difference (starting with the record's field) and "mismatch", exit 1; or "match", exit 0; exit 2 when an input
cannot be read."""
import argparse, csv, hashlib, hmac, io, json, math, os, re, sys
from decimal import Decimal

ALGORITHM = "stratified-hmac-sha256/v2"
MAX = 2**64 - 1
ACTIVE = {"存续", "在业", "开业"}
MINIMUM_PER_DEPARTMENT = 4  # 004 §14
COMMITTED, NOT_COMMITTED = "事先承诺", "未事先承诺"


class Stream:
    def __init__(self, seed, label):
        self.key, self.label, self.block, self.words = seed.encode(), label, 0, []

    def word(self):
        if not self.words:
            digest = hmac.new(self.key, f"{self.label}|{self.block}".encode(), hashlib.sha256).digest()
            self.words = [int.from_bytes(digest[i:i + 8], "big") for i in range(0, 32, 8)]
            self.block += 1
        return self.words.pop(0)

    def below(self, n):
        limit = MAX - (MAX % n)
        while True:
            w = self.word()
            if w < limit:
                return w % n

    def choose(self, items, k):
        pool = list(items)
        for j in range(k):
            r = j + self.below(len(pool) - j)
            pool[j], pool[r] = pool[r], pool[j]
        return pool[:k]


def utf16(text):
    return text.encode("utf-16-be")


def ceil(ratio, n):
    return int(math.ceil(ratio * n))


def sha256(data):
    return hashlib.sha256(data).hexdigest()


def in_scope(e, rule):
    return (rule["industry"] is None or e["行业"] == rule["industry"]) and (rule["region"] is None or e["区域"] == rule["region"])


def select(campaign, seed, rule, directory):
    """(eligible count, strata, chosen entities) as README "The draw" defines them."""
    excluded = set(rule["excluded"])
    eligible = sorted((e for e in directory if e["状态"] in ACTIVE and in_scope(e, rule) and e["统一社会信用代码"] not in excluded),
                      key=lambda e: utf16(e["统一社会信用代码"]))
    n, by_risk = len(eligible), rule["ratioByRisk"]
    if not by_risk:
        by_ratio = min(n, ceil(rule["ratio"], n))
        k = min(n, max(rule["minimum"], by_ratio))
        return n, [("*", rule["ratio"], n, by_ratio, k - by_ratio)], Stream(seed, f"{campaign}|entities").choose(eligible, k)
    chosen, strata = [], []
    for risk in sorted({e["信用风险分类"] for e in eligible}, key=utf16):
        members = [e for e in eligible if e["信用风险分类"] == risk]
        ratio = by_risk.get(risk, rule["ratio"])
        k = min(len(members), ceil(ratio, len(members)))
        chosen += Stream(seed, f"{campaign}|entities|{risk}").choose(members, k)
        strata.append([risk, ratio, len(members), k, 0])
    shortfall = min(rule["minimum"], n) - len(chosen)
    if shortfall > 0:
        drawn = {e["统一社会信用代码"] for e in chosen}
        rest = [e for e in eligible if e["统一社会信用代码"] not in drawn]
        top_up = Stream(seed, f"{campaign}|entities|top-up").choose(rest, shortfall)
        chosen += top_up
        for s in strata:
            s[4] = sum(1 for e in top_up if e["信用风险分类"] == s[0])
    return n, [tuple(s) for s in strata], chosen


def belongs(inspector, department):
    return inspector["单位"] in (department["id"], department["name"])


def qualified(inspector, on):
    return inspector["证件有效期至"] != "" and inspector["证件有效期至"] >= on


def assign(campaign, seed, drawn_on, rule, entities, inspectors):
    """(groups, recusals, None) or (None, None, refusal)."""
    g = min(rule["groups"], len(entities))
    shuffled = Stream(seed, f"{campaign}|groups").choose(entities, len(entities))
    group_of = {uscc: i % g for i, uscc in enumerate(shuffled)}
    ok = [i for i in inspectors if qualified(i, drawn_on)]
    for d in rule["departments"]:
        count = sum(1 for i in ok if belongs(i, d))
        if count < rule["minimumPerDepartment"]:
            return None, None, f"department {d['id']}: {count} qualified inspectors, fewer than {rule['minimumPerDepartment']} (004 §14)"
    per = rule["inspectorsPerDepartment"]
    members, recusals = [[] for _ in range(g)], []
    for d in rule["departments"]:
        pool = sorted((i for i in ok if belongs(i, d)), key=lambda i: utf16(i["执法证号"]))
        if len(pool) < g * per:
            return None, None, f"department {d['id']}: {len(pool)} qualified, {g * per} needed"
        order, passed_over = Stream(seed, f"{campaign}|inspectors|{d['id']}").choose(pool, len(pool)), []
        for group in range(g):
            candidates, passed_over, taken = passed_over + order, [], 0
            while taken < per:
                if not candidates:
                    return None, None, f"department {d['id']}: group {group + 1} cannot be filled after recusals"
                inspector = candidates.pop(0)
                conflict = next((c for c in inspector["回避对象"] if group_of.get(c) == group), None)
                if conflict is not None:
                    recusals.append(f"{group + 1}/{inspector['执法证号']}/{conflict}")
                    passed_over.append(inspector)
                    continue
                members[group].append((inspector["执法证号"], d["id"]))
                taken += 1
            order = candidates
    groups = []
    for group in range(g):
        leader = next(c for c, dep in members[group] if dep == rule["leadDepartment"])
        groups.append({"number": group + 1, "entities": [u for u in entities if group_of[u] == group],
                       "members": members[group], "leader": leader})
    return groups, recusals, None


def apply_substitutions(groups, substitutions):
    groups = [dict(g, members=list(g["members"])) for g in groups]
    for s in substitutions:
        group = next(g for g in groups if g["number"] == s["group"])
        group["members"] = [s["replacement"] if m["certificateNumber"] == s["replaced"] else m for m in group["members"]]
        if group["leaderCertificateNumber"] == s["replaced"]:
            group["leaderCertificateNumber"] = s["replacement"]["certificateNumber"]
    return groups


def substitute(record, earlier, inspectors, replaced, on):
    """The substitution README defines, as a dict of its derived fields, or a refusal string."""
    groups = apply_substitutions(record["groups"], earlier)
    group = next((g for g in groups if any(m["certificateNumber"] == replaced for m in g["members"])), None)
    if group is None:
        return None, f"{replaced} serves in no group"
    department_id = next(m["departmentId"] for m in group["members"] if m["certificateNumber"] == replaced)
    department = next((d for d in record["inspectorRule"]["departments"] if d["id"] == department_id), {"id": department_id, "name": department_id})
    out = {m["certificateNumber"] for g in groups for m in g["members"]} | {s["replaced"] for s in earlier}
    entities = set(group["entityUsccs"])
    pool = sorted((i for i in inspectors if belongs(i, department) and qualified(i, on) and i["执法证号"] not in out
                   and not any(c in entities for c in i["回避对象"])), key=lambda i: utf16(i["执法证号"]))
    if not pool:
        return None, "no inspector left to draw from"
    label = f"{record['campaignId']}|substitution|{len(earlier) + 1}"
    chosen = Stream(record["seed"], label).choose(pool, 1)[0]
    return {"group": group["number"], "label": label, "poolSize": len(pool),
            "poolSha256": sha256("".join(i["执法证号"] + "\n" for i in pool).encode()),
            "replacement.certificateNumber": chosen["执法证号"], "replacement.name": chosen["姓名"],
            "replacement.departmentId": department_id, "replacement.email": chosen.get("邮箱", "")}, None


def read_csv(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        reader = csv.DictReader(f)
        rows = []
        for row in reader:
            row = {(k or "").strip(): (v or "").strip() for k, v in row.items()}
            row["_line"] = reader.line_num
            rows.append(row)
    return rows


class Verifier:
    def __init__(self):
        self.differences = []

    def add(self, text):
        self.differences.append(text)

    def field(self, name, recorded, recomputed):
        if recorded != recomputed:
            self.add(f"{name}: recorded {recorded}, recomputed {recomputed}")

    def snapshot(self, name, recorded, found, where):
        if (recorded or "") != (found or ""):
            self.add(f"{name}: recorded '{recorded}', snapshot '{found}' ({where})")


def verify(record, folder, substitutions, year):
    v = Verifier()
    if record.get("algorithm") != ALGORITHM:
        v.add(f"algorithm: recorded '{record.get('algorithm')}', this verifier knows only '{ALGORITHM}'")
        return v.differences

    # The snapshot: each file's bytes against the record, and directoryHash over the record's list.
    files = record["snapshot"]
    names = [os.path.splitext(f["file"])[0] for f in files]
    if names != ["entities", "inspectors", "departments"] or files[-1]["file"] != "departments.csv":
        v.add(f"snapshot: recorded {[f['file'] for f in files]}, expected entities, inspectors and departments.csv in that order")
    v.field("directoryHash", record["directoryHash"], sha256("".join(f"{f['sha256']}  {f['file']}\n" for f in files).encode()))
    for i, f in enumerate(files):
        path = os.path.join(folder, f["file"])
        if not os.path.exists(path):
            v.add(f"snapshot[{i}].sha256: {f['file']} is missing from the snapshot folder")
            continue
        with open(path, "rb") as stream:
            found = sha256(stream.read())
        if found != f["sha256"]:
            v.add(f"snapshot[{i}].sha256: {f['file']} has been changed: recorded {f['sha256']}, the file's is {found}")
    by_kind = {os.path.splitext(f["file"])[0]: os.path.join(folder, f["file"]) for f in files}
    if any(not by_kind.get(k, "").endswith(".csv") for k in ("entities", "inspectors")):
        raise ValueError("this verifier reads CSV snapshots only (entities.csv, inspectors.csv)")
    directory = read_csv(by_kind["entities"])
    inspectors = read_csv(by_kind["inspectors"])
    for row in inspectors:
        row["回避对象"] = [c.strip() for c in re.split("[;；]", row.get("回避对象", "")) if c.strip()]
    departments = read_csv(os.path.join(folder, "departments.csv")) if os.path.exists(os.path.join(folder, "departments.csv")) else []

    # The seed, its commitment and the ledger of commitments.
    seed, commitment, ledger = record["seed"], record.get("seedCommitment"), record.get("commitments") or []
    if commitment and sha256(seed.encode()) != commitment.lower():
        v.add(f"seedCommitment: SHA-256(seed) = {sha256(seed.encode())}, recorded commitment {commitment}")
    for k, entry in enumerate(ledger):
        if not re.fullmatch("[0-9a-fA-F]{64}", entry["commitment"]):
            v.add(f"commitments[{k}].commitment: not a SHA-256 in hex")
        v.field(f"commitments[{k}].replaces", entry.get("replaces") or "(none)", "(none)" if k == 0 else ledger[k - 1]["commitment"])
        if k > 0 and not ((entry.get("reason") or "").strip() and (entry.get("approvedBy") or "").strip()):
            v.add(f"commitments[{k}].reason: a re-commitment needs a reason and the approving leader (approvedBy)")
    if ledger:
        v.field("seedCommitment", commitment or "(none)", ledger[-1]["commitment"])
    committed = commitment is not None and ledger and ledger[-1]["commitment"].lower() == commitment.lower() and not ledger[-1]["seedRevealedWithIt"]
    v.field("seedStatus", record["seedStatus"], COMMITTED if committed else NOT_COMMITTED)

    # The departments, against departments.csv.
    rule, irule = record["rule"], record["inspectorRule"]
    v.field("inspectorRule.departments.length", len(irule["departments"]), len(departments))
    for i, (d, row) in enumerate(zip(irule["departments"], departments)):
        v.snapshot(f"inspectorRule.departments[{i}].id", d["id"], row["部门代码"], f"departments.csv:{row['_line']}")
        v.snapshot(f"inspectorRule.departments[{i}].name", d["name"], row["部门名称"], f"departments.csv:{row['_line']}")
    if departments:
        v.field("inspectorRule.leadDepartment", irule["leadDepartment"], departments[0]["部门代码"])
    if irule["minimumPerDepartment"] < MINIMUM_PER_DEPARTMENT:
        v.add(f"inspectorRule.minimumPerDepartment: recorded {irule['minimumPerDepartment']}, below 004 §14's {MINIMUM_PER_DEPARTMENT}")

    # The entities the yearly cap excluded: their form, and with the year's records the list itself.
    excluded = rule["excluded"]
    if excluded != sorted(set(excluded), key=utf16):
        v.add("rule.excluded: not in ordinal order without repeats")
    if year is not None:
        earlier = [r for r in year if r["drawnOn"][:4] == record["drawnOn"][:4] and r["yearSequence"] < record["yearSequence"]
                   and r["campaignId"] != record["campaignId"]]
        missing = sorted(set(range(1, record["yearSequence"])) - {r["yearSequence"] for r in earlier})
        if missing:
            v.add(f"yearSequence: the year's records before this one are not all given; missing {missing[:10]}")
        counts = {}
        for r in earlier:
            for e in r["entities"]:
                counts[e["uscc"]] = counts.get(e["uscc"], 0) + 1
        derived = sorted({e["统一社会信用代码"] for e in directory if counts.get(e["统一社会信用代码"], 0) >= rule["yearlyCap"] and in_scope(e, rule)}, key=utf16)
        for uscc in excluded:
            if uscc not in derived:
                v.add(f"rule.excluded: recorded {uscc}, which the year's earlier records drew {counts.get(uscc, 0)} times (cap {rule['yearlyCap']})")
        for uscc in derived:
            if uscc not in excluded:
                v.add(f"rule.excluded: omits {uscc}, drawn {counts[uscc]} times by the year's earlier records (cap {rule['yearlyCap']})")

    # The entity half.
    eligible, strata, chosen = select(record["campaignId"], seed, rule, directory)
    v.field("eligibleCount", record["eligibleCount"], eligible)
    v.field("strata.length", len(record["strata"]), len(strata))
    for i, (s, (risk, ratio, n, by_ratio, top_up)) in enumerate(zip(record["strata"], strata)):
        v.field(f"strata[{i}].riskClass", s["riskClass"], risk)
        v.field(f"strata[{i}].ratio", s["ratio"], ratio)
        v.field(f"strata[{i}].eligible", s["eligible"], n)
        v.field(f"strata[{i}].byRatio", s["byRatio"], by_ratio)
        v.field(f"strata[{i}].topUp", s["topUp"], top_up)
        v.field(f"strata[{i}].drawn", s.get("drawn"), by_ratio + top_up)
    v.field("entities.length", len(record["entities"]), len(chosen))
    rows = {e["统一社会信用代码"]: e for e in directory}
    for i, e in enumerate(record["entities"]):
        if i < len(chosen):
            v.field(f"entities[{i}].uscc", e["uscc"], chosen[i]["统一社会信用代码"])
        row = rows.get(e["uscc"])
        if row is None:
            v.add(f"entities[{i}].uscc: {e['uscc']} is not in the snapshot's entities")
            continue
        where = f"{os.path.basename(by_kind['entities'])}:{row['_line']}"
        for name, column in (("name", "名称"), ("address", "住所"), ("legalRepresentative", "法定代表人"), ("riskClass", "信用风险分类")):
            v.snapshot(f"entities[{i}].{name}", e[name], row[column], where)

    # The inspector half, from the recorded selection.
    groups, recusals, refusal = assign(record["campaignId"], seed, record["drawnOn"], irule, [e["uscc"] for e in record["entities"]], inspectors)
    if refusal:
        v.add(f"groups: the snapshot's inspectors cannot give this draw: {refusal}")
    else:
        staff = {i["执法证号"]: i for i in inspectors}
        v.field("groups.length", len(record["groups"]), len(groups))
        for g, (recorded, again) in enumerate(zip(record["groups"], groups)):
            at = f"groups[{g}]"
            v.field(f"{at}.number", recorded["number"], again["number"])
            v.field(f"{at}.entityUsccs", recorded["entityUsccs"], again["entities"])
            v.field(f"{at}.leaderCertificateNumber", recorded["leaderCertificateNumber"], again["leader"])
            v.field(f"{at}.members.length", len(recorded["members"]), len(again["members"]))
            for m, (member, (certificate, department)) in enumerate(zip(recorded["members"], again["members"])):
                v.field(f"{at}.members[{m}].certificateNumber", member["certificateNumber"], certificate)
                v.field(f"{at}.members[{m}].departmentId", member["departmentId"], department)
                row = staff.get(member["certificateNumber"])
                if row is not None:
                    where = f"{os.path.basename(by_kind['inspectors'])}:{row['_line']}"
                    v.snapshot(f"{at}.members[{m}].name", member["name"], row["姓名"], where)
                    v.snapshot(f"{at}.members[{m}].email", member.get("email"), row.get("邮箱", ""), where)
        v.field("recusals", [f"{r['group']}/{r['certificateNumber']}/{r['uscc']}" for r in record["recusals"]], recusals)

    # Every substitution, in order, from the same snapshot.
    for k, s in enumerate(substitutions):
        at = f"substitution {k + 1}"
        if s["sequence"] != k + 1 or s["campaignId"] != record["campaignId"]:
            v.add(f"{at} sequence: recorded {s['campaignId']}#{s['sequence']}, expected {record['campaignId']}#{k + 1}")
            break
        if not (s["reason"].strip() and s["approvedBy"].strip()):
            v.add(f"{at} reason: a substitution needs a reason and the approving leader (approvedBy)")
            break
        again, why = substitute(record, substitutions[:k], inspectors, s["replaced"], s["on"])
        if again is None:
            v.add(f"{at} replaced: {s['replaced']} cannot be substituted: {why}")
            break
        before = len(v.differences)
        for name, value in again.items():
            recorded = s["replacement"].get(name.split(".")[1]) if name.startswith("replacement.") else s[name]
            if name == "replacement.email":
                recorded = recorded or ""
            v.field(f"{at} {name}", recorded, value)
        if len(v.differences) > before:
            break
    return v.differences


def main(argv=None):
    parser = argparse.ArgumentParser(
        prog="verify_draw.py",
        description="Recompute a draw from its record and its snapshot folder, as README \"The draw\" specifies; "
                    "prints each difference and exits 1, or prints \"match\" and exits 0.")
    parser.add_argument("record", help="the draw record (draw-record.json)")
    parser.add_argument("--directory", required=True, help="the draw's snapshot folder (entities.csv, inspectors.csv, departments.csv)")
    parser.add_argument("--substitutions", help="substitutions.json (default: the one beside the record, if any)")
    parser.add_argument("--year", help="folder of the year's draw records (searched for draw-record.json): re-derive the exclusions")
    args = parser.parse_args(argv)
    try:
        with open(args.record, encoding="utf-8") as f:
            record = json.load(f, parse_float=Decimal)
        substitutions_path = args.substitutions or os.path.join(os.path.dirname(os.path.abspath(args.record)), "substitutions.json")
        substitutions = []
        if os.path.exists(substitutions_path):
            with open(substitutions_path, encoding="utf-8") as f:
                substitutions = json.load(f)
        year = None
        if args.year is not None:
            year = []
            for root, _, names in os.walk(args.year):
                if "draw-record.json" in names:
                    with open(os.path.join(root, "draw-record.json"), encoding="utf-8") as f:
                        year.append(json.load(f, parse_float=Decimal))
        if isinstance(record.get("rule"), dict):
            record["rule"]["ratioByRisk"] = {k: Decimal(v) for k, v in record["rule"]["ratioByRisk"].items()}
            record["rule"]["ratio"] = Decimal(record["rule"]["ratio"])
        differences = verify(record, args.directory, substitutions, year)
    except (OSError, ValueError, KeyError, TypeError) as e:
        print(f"cannot read the record, snapshot or year folder: {type(e).__name__}: {e}", file=sys.stderr)
        return 2
    for d in differences:
        print(d)
    print("match" if not differences else f"mismatch: {len(differences)} differences")
    return 0 if not differences else 1


if __name__ == "__main__":
    sys.exit(main())
