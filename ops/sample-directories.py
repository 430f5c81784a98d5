#!/usr/bin/env python3
"""Writes config/directories/{entities,inspectors}.csv: a realistic, reproducible sample of 清河县's
two directories (检查对象名录库, 执法检查人员名录库) with valid GB 32100 check characters."""
import csv, os, random, sys

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

def uscc(first17):
    check = (31 - sum(ALPHABET.index(c) * w for c, w in zip(first17, WEIGHTS)) % 31) % 31
    return first17 + ALPHABET[check]

rng = random.Random(2026)
towns = ["葛仙庄镇", "连庄镇", "油坊镇", "谢炉镇", "王官庄镇", "坝营镇", "清河县城区"]
surnames = "王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
given = "建华伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英文辉鹏飞红梅海燕志强春梅晓东国庆玉兰"

def person():
    return rng.choice(surnames) + "".join(rng.choice(given) for _ in range(rng.choice([1, 2])))

industries = [
    ("互联网上网服务营业场所", 40, ["网吧", "网咖", "电竞馆"]),
    ("餐饮服务", 30, ["饭店", "餐馆", "小吃店"]),
    ("娱乐场所", 20, ["KTV", "歌舞厅", "游艺厅"]),
    ("药品零售", 15, ["大药房", "药店"]),
    ("食品销售", 15, ["超市", "便利店"]),
]
seen, entities = set(), []
for industry, count, suffixes in industries:
    for _ in range(count):
        while True:
            kind = rng.choice(["91", "92"])  # 企业 / 个体工商户
            org = "".join(rng.choice(ALPHABET) for _ in range(9))
            code = uscc(kind + "130534" + org)
            if code not in seen:
                seen.add(code)
                break
        town = rng.choice(towns)
        brand = rng.choice(["星辰", "极速", "蓝海", "金桥", "盛世", "新时代", "同心", "鑫源", "华宇", "福临", "阳光", "朝阳", "鸿运", "天成"])
        name = f"清河县{town.replace('清河县', '')}{brand}{rng.choice(suffixes)}" + ("有限公司" if kind == "91" else "")
        status = "注销" if rng.random() < 0.04 else "存续"
        entities.append([name, code, f"河北省邢台市清河县{town}{rng.randint(1, 300)}号", person(), industry, town,
                         rng.choices("ABCD", weights=[30, 45, 18, 7])[0], status])
entities.sort(key=lambda e: e[1])

departments = [("police", 8), ("market", 8), ("culture", 7), ("fire", 6), ("health", 6)]
inspectors = []
for dept, count in departments:
    for i in range(1, count + 1):
        valid = "2027-12-31" if i != count else "2025-06-30"  # the last of each department has an expired certificate
        conflicts = rng.choice(entities)[1] if i == 2 else ""
        inspectors.append([person(), rng.choice("男女"), dept, rng.choice(["科员", "副科长", "科长", "执法队员"]),
                           f"{dept[:2].upper()}{130534}{i:03d}", valid, f"{dept}{i}@qinghe.example", f"1{rng.randint(3000000000, 9999999999)}", conflicts])

folder = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "config", "directories")
os.makedirs(folder, exist_ok=True)
with open(os.path.join(folder, "entities.csv"), "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["名称", "统一社会信用代码", "住所", "法定代表人", "行业", "区域", "信用风险分类", "状态"])
    w.writerows(entities)
with open(os.path.join(folder, "inspectors.csv"), "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["姓名", "性别", "单位", "职务", "执法证号", "证件有效期至", "邮箱", "手机", "回避对象"])
    w.writerows(inspectors)
print(f"{len(entities)} entities, {len(inspectors)} inspectors in {folder}")
