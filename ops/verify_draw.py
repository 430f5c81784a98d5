#!/usr/bin/env python3
"""Independent verifier of a draw's entity selection, written from README "The draw" alone.

usage: ops/verify_draw.py draw-record.json entities.csv
Prints "match" and exits 0 when the recomputed selection (order included) equals the record; else prints
each difference and exits 1. Only the standard library: anyone can run it."""
import csv, hashlib, hmac, json, math, sys
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


def main(record_path, entities_path):
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
    recorded = [e["uscc"] for e in record["entities"]]
    recomputed = [e["统一社会信用代码"] for e in chosen]
    for i in range(max(len(recorded), len(recomputed))):
        a = recorded[i] if i < len(recorded) else "(none)"
        b = recomputed[i] if i < len(recomputed) else "(none)"
        if a != b:
            differences.append(f"position {i + 1}: recorded {a}, recomputed {b}")
    for d in differences:
        print(d)
    print("match" if not differences else f"mismatch: {len(differences)} differences")
    return 0 if not differences else 1


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
