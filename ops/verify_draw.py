#!/usr/bin/env python3
"""Independent verifier of a draw, written from README "The draw" alone.

usage: ops/verify_draw.py draw-record.json entities.csv [inspectors.csv]
Prints "match" and exits 0 when the recomputed selection (order included) equals the record, and, given the
inspector directory, the groups (entities, members, leaders) and recusals too; else prints each difference and
exits 1. Only the standard library: anyone can run it."""
import csv, hashlib, hmac, json, math, re, sys
from decimal import Decimal

MAX = 2**64 - 1
ACTIVE = {"存续", "在业", "开业"}


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


def ceil(ratio, n):
    return int(math.ceil(ratio * n))


def select(campaign, seed, rule, directory):
    excluded = set(rule["excluded"])
    eligible = sorted((e for e in directory
                       if e["状态"] in ACTIVE
                       and (rule["industry"] is None or e["行业"] == rule["industry"])
                       and (rule["region"] is None or e["区域"] == rule["region"])
                       and e["统一社会信用代码"] not in excluded),
                      key=lambda e: e["统一社会信用代码"].encode("utf-16-be"))
    by_risk = rule["ratioByRisk"]
    if not by_risk:
        k = min(len(eligible), max(rule["minimum"], ceil(rule["ratio"], len(eligible))))
        return len(eligible), Stream(seed, f"{campaign}|entities").choose(eligible, k)
    chosen = []
    for risk in sorted({e["信用风险分类"] for e in eligible}, key=lambda c: c.encode("utf-16-be")):
        members = [e for e in eligible if e["信用风险分类"] == risk]
        ratio = by_risk.get(risk, rule["ratio"])
        chosen += Stream(seed, f"{campaign}|entities|{risk}").choose(members, min(len(members), ceil(ratio, len(members))))
    shortfall = min(rule["minimum"], len(eligible)) - len(chosen)
    if shortfall > 0:
        drawn = {e["统一社会信用代码"] for e in chosen}
        rest = [e for e in eligible if e["统一社会信用代码"] not in drawn]
        chosen += Stream(seed, f"{campaign}|entities|top-up").choose(rest, shortfall)
    return len(eligible), chosen


def utf16(text):
    return text.encode("utf-16-be")


def assign(campaign, seed, drawn_on, rule, entities, inspectors):
    """The groups and recusals, or a refusal string."""
    g = min(rule["groups"], len(entities))
    shuffled = Stream(seed, f"{campaign}|groups").choose(entities, len(entities))
    group_of = {uscc: i % g for i, uscc in enumerate(shuffled)}
    qualified = [i for i in inspectors if i["证件有效期至"] and i["证件有效期至"] >= drawn_on]
    departments = rule["departments"]
    total = sum(1 for d in departments for i in qualified if i["单位"] in (d["id"], d["name"]))
    if total < 4:
        return None, None, "fewer than 4 qualified inspectors"
    per = rule["inspectorsPerDepartment"]
    members, recusals = [[] for _ in range(g)], []
    for d in departments:
        pool = sorted((i for i in qualified if i["单位"] in (d["id"], d["name"])), key=lambda i: utf16(i["执法证号"]))
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
                    recusals.append((group + 1, inspector["执法证号"], conflict))
                    passed_over.append(inspector)
                    continue
                members[group].append((inspector["执法证号"], d["id"]))
                taken += 1
            order = candidates
    groups = []
    for group in range(g):
        leader = next(c for c, dep in members[group] if dep == rule["leadDepartment"])
        groups.append({"entities": [u for u in entities if group_of[u] == group],
                       "members": [c for c, _ in members[group]], "leader": leader})
    return groups, recusals, None


def compare(differences, what, recorded, recomputed):
    for i in range(max(len(recorded), len(recomputed))):
        a = recorded[i] if i < len(recorded) else "(none)"
        b = recomputed[i] if i < len(recomputed) else "(none)"
        if a != b:
            differences.append(f"{what} {i + 1}: recorded {a}, recomputed {b}")


def read_inspectors(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        rows = [{k.strip(): (v or "").strip() for k, v in row.items()} for row in csv.DictReader(f)]
    for row in rows:
        row["回避对象"] = [c.strip() for c in re.split("[;；]", row.get("回避对象", "")) if c.strip()]
    return rows


def verify_groups(differences, record, inspectors):
    rule = record.get("inspectorRule")
    if rule is None:
        differences.append("the record holds no inspector rule")
        return
    entities = [e["uscc"] for e in record["entities"]]
    groups, recusals, refusal = assign(record["campaignId"], record["seed"], record["drawnOn"], rule, entities, inspectors)
    if refusal:
        differences.append(f"groups: the inspector directory cannot give this draw: {refusal}")
        return
    if len(groups) != len(record["groups"]):
        differences.append(f"groups: recorded {len(record['groups'])}, recomputed {len(groups)}")
    for recorded, again in zip(record["groups"], groups):
        name = f"group {recorded['number']}"
        compare(differences, f"{name} entity", recorded["entityUsccs"], again["entities"])
        compare(differences, f"{name} member", [m["certificateNumber"] for m in recorded["members"]], again["members"])
        if recorded["leaderCertificateNumber"] != again["leader"]:
            differences.append(f"{name} leader: recorded {recorded['leaderCertificateNumber']}, recomputed {again['leader']}")
    compare(differences, "recusal", [(r["group"], r["certificateNumber"], r["uscc"]) for r in record["recusals"]], recusals)


def main(record_path, entities_path, inspectors_path=None):
    record = json.load(open(record_path, encoding="utf-8"), parse_float=Decimal)
    rule = record["rule"]
    rule["ratioByRisk"] = {k: Decimal(v) for k, v in rule["ratioByRisk"].items()}
    with open(entities_path, encoding="utf-8-sig", newline="") as f:
        directory = [{k.strip(): v.strip() for k, v in row.items()} for row in csv.DictReader(f)]
    differences = []
    commitment = record.get("seedCommitment")
    if commitment and hashlib.sha256(record["seed"].encode()).hexdigest() != commitment.lower():
        differences.append("seed does not reveal the commitment")
    eligible, chosen = select(record["campaignId"], record["seed"], rule, directory)
    if eligible != record["eligibleCount"]:
        differences.append(f"eligible count: recorded {record['eligibleCount']}, recomputed {eligible}")
    compare(differences, "position", [e["uscc"] for e in record["entities"]], [e["统一社会信用代码"] for e in chosen])
    if inspectors_path:
        verify_groups(differences, record, read_inspectors(inspectors_path))
    for d in differences:
        print(d)
    print("match" if not differences else f"mismatch: {len(differences)} differences")
    return 0 if not differences else 1


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))
