"""Is the parser robust? Prints figures; never passes or fails.

    .venv/bin/python benchmarks/bench_robust.py fuzz --inputs 1000000 [--seed 1] [--workers 2]
    .venv/bin/python benchmarks/bench_robust.py scale [--sizes 100,1000,10000,100000]
    .venv/bin/python benchmarks/bench_robust.py distort [--shared ../shared]

fuzz   parses generated policy-like texts (page chrome, index blocks, cover notices, outlines of
       every ordinal form, label lines, brackets, flattened tables, deadlines, random damage) and
       checks on each what tests/parse/test_properties.py checks: no exception, every span slices
       back to its field, keys unique. Run it in slices (--seed) to reach 10⁶ inputs.
distort  the seeds and the real pages of ../shared (read there, never copied) scored as they
       are and after what extraction does to real files: lines cut at a PDF's width, page numbers
       between pages, CRLF, full-width indents, blank lines doubled or squeezed out.
scale  one document of N items (`N.推进第N项改革工作。（牵头单位：…；2018年6月底前完成）`): seconds,
       milliseconds per item (flat = linear time) and whether every item came out as a task.
"""
from __future__ import annotations

import argparse
import random
import re
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from taizhang.parse import parse

UNITS = ["市发展改革委", "财政局", "省教育厅", "各区县(市)政府", "区住建局", "市委组织部(人才办)", "襄阳市、十堰市发改委",
         "省政府各部门、各直属机构", "某某集团有限公司", "区发改局", "县 财政局", "國務院辦公廳"]
ORDINALS = ["一、", "（一）", "(二)", "1.", "2、", "1﹒", "⑴", "①", "1.1", "第一条", "——", "任务1：", "第一，", "一是", ""]
LABELS = ["牵头单位：", "责任单位:", "配合单位：", "协同责任单位：", "牵头负责领导：", "分管省领导：", "部门分工：",
          "数据提供单位：", "完成时限：", "【牵头单位】"]
DEADLINES = ["2018年6月底前", "年底前", "每季度", "每年5月底前", "按月调度", "“十三五”期间", "长期坚持", "9月底前",
             "2025年春节前", "每月10日前", "即日起至2026年12月"]
CHROME = ["当前位置：首页 > 政务公开", "发布时间：2023-02-09 浏览次数：273", "索 引 号 000014349/2020-105482 发布机构 区政府办公室",
          "【关闭窗口】【打印本页】", "发文字号：沈政办发〔2018〕78号", "成文日期：2018年05月31日", "(此件公开发布)",
          "附件1", "附件：1. 任务分解表", "— 3 —", "\f"]
HEADS = ["某市人民政府办公室关于印发重点工作分工方案的通知", "现将《某市重点工作分工方案》印发给你们，请认真贯彻落实。",
         "各区县人民政府，市政府各部门：", "某市人民政府办公室", "2023年3月28日", "2019116", "鞍立政发〔 20 23 〕 2 号"]
TABLE = ["序号 | 工作任务 | 牵头单位 | 配合单位 | 完成时限 |", "1 | 推进改革 | 市财政局 | 市税务局 | 年底前 |",
         "序号\n工作任务\n责任单位\n1\n推进改革\n区发展改革委", "序号 工 作 任 务 牵头负责部门", "1 居民消费价格涨幅3%左右 发展改革委",
         "┌──┬──┐\n│序号│工作任务│\n└──┴──┘", "产\n业\n发\n展"]


def generate(rng: random.Random) -> str:
    """One policy-like page: a mix of the layouts offices get, with random damage."""
    parts: list[str] = []
    for _ in range(rng.randint(0, 4)):
        parts.append(rng.choice(CHROME + HEADS))
    for _ in range(rng.randint(0, 25)):
        kind = rng.random()
        if kind < 0.55:
            line = rng.choice(ORDINALS) + rng.choice(["推进", "加快", "完善", "开展"]) + "重点工作"
            if rng.random() < 0.6:
                line += rng.choice(["。（", "。(", "〔", "[", "。"]) + rng.choice(["牵头单位：", "", "责任单位:"]) \
                    + "、".join(rng.sample(UNITS, rng.randint(1, 3))) + rng.choice(["牵头", "负责", "配合", ""]) \
                    + rng.choice(["）", ")", "〕", "]", ""])
            if rng.random() < 0.4:
                line += rng.choice(DEADLINES) + "完成。"
            parts.append(line)
        elif kind < 0.75:
            parts.append(rng.choice(LABELS) + "、".join(rng.sample(UNITS, rng.randint(1, 3))))
        elif kind < 0.85:
            parts.append(rng.choice(TABLE))
        else:
            parts.append(rng.choice(CHROME + HEADS + DEADLINES))
    text = rng.choice(["\n", "\n\n", "\r\n"]).join(parts)
    if rng.random() < 0.2:  # damage: a cut, a stray character, spaces, a line break lost
        at = rng.randint(0, len(text))
        text = rng.choice([text[:at], text[at:], text[:at] + rng.choice(" \t|（〔《“") + text[at:],
                           text.replace("\n", "", rng.randint(0, 3)), "".join(c + " " for c in text[:200])])
    return text


def check(text: str) -> None:
    doc = parse(text, source="x.txt")
    keys = [t.key for t in doc.tasks]
    assert len(keys) == len(set(keys)), "duplicate keys"
    for t in doc.tasks:
        assert text[t.span[0]:t.span[1]] == t.text, "task span"
        for a in t.assignments:
            assert text[a.span[0]:a.span[1]] == a.text, "assignment span"
    doc.to_dict()


def fuzz_slice(seed: int, count: int) -> tuple[int, list[str]]:
    rng = random.Random(seed)
    failures: list[str] = []
    for _ in range(count):
        text = generate(rng)
        try:
            check(text)
        except Exception as err:  # a finding, printed with the text that caused it
            failures.append(f"{type(err).__name__}: {err} | {text[:200]!r}")
    return count, failures


def fuzz(inputs: int, seed: int, workers: int) -> None:
    per = 5000
    slices = [(seed * 1_000_003 + k, min(per, inputs - k * per)) for k in range((inputs + per - 1) // per)]
    start = time.perf_counter()
    done, failures = 0, []
    with ProcessPoolExecutor(workers) as pool:
        for n, bad in pool.map(fuzz_slice, *zip(*slices)):
            done += n
            failures += bad
    took = time.perf_counter() - start
    print(f"fuzz: {done} generated inputs (seed {seed}, {workers} processes) in {took:.0f} s "
          f"({done / took:.0f}/s): {len(failures)} failures")
    for line in failures[:20]:
        print("  " + line)


def scale(sizes: list[int]) -> None:
    print(f"{'items':>8}{'seconds':>10}{'ms/item':>10}{'tasks':>9}  every item kept")
    for n in sizes:
        text = "某市人民政府办公室关于印发重点工作分工的通知\n" + "".join(
            f"{i}.推进第{i}项改革工作。（牵头单位：市发展改革委；2018年6月底前完成）\n" for i in range(1, n + 1))
        start = time.process_time()
        doc = parse(text)
        took = time.process_time() - start
        print(f"{n:>8}{took:>10.2f}{took / n * 1000:>10.3f}{len(doc.tasks):>9}  {'yes' if len(doc.tasks) == n else 'NO'}")


def _wrap(text: str, width: int = 30) -> str:
    """Lines cut at a fixed width, as text taken from a PDF comes."""
    out = []
    for line in text.split("\n"):
        while len(line) > width:
            out.append(line[:width])
            line = line[width:]
        out.append(line)
    return "\n".join(out)


def _pages(text: str, every: int = 22) -> str:
    """A page number (— 2 —) between every ``every`` lines, as a PDF's footer leaves it."""
    lines = text.split("\n")
    return "\n".join(line + (f"\n\n— {i // every + 1} —\n" if i and i % every == 0 else "")
                     for i, line in enumerate(lines))


def _indent(text: str) -> str:
    return "\n".join("\u3000\u3000" + ln.strip() if ln.strip() else ln for ln in text.split("\n"))


DISTORTIONS = {
    "as read": lambda t: t,
    "PDF width": _wrap,
    "page numbers": _pages,
    "both": lambda t: _pages(_wrap(t)),
    "CRLF": lambda t: t.replace("\n", "\r\n"),
    "indented": _indent,
    "blank lines doubled": lambda t: "\n\n".join(t.split("\n")),
    "blank lines gone": lambda t: re.sub(r"\n\s*\n+", "\n", t),
}


def distort(shared: Path) -> None:
    import json

    from taizhang.evaluation import Report
    from taizhang.readers import read_path

    sets = [(shared / "gold", shared / "seeds"), (shared / "realdocs" / "gold", shared / "realdocs" / "docs")]
    cases = []
    for gold_dir, docs in sets:
        for path in sorted(gold_dir.glob("*.json")):
            gold = json.loads(path.read_text("utf-8"))
            if (docs / gold["source"]).suffix == ".txt":  # the other formats are these texts again
                cases.append((gold, read_path(str(docs / gold["source"])).text))
    names = ["recall", "precision", "lead F1", "support F1", "leaders F1", "due F1", "doc fields"]
    print(f"{len(cases)} documents (.txt of seeds and realdocs)")
    print(f"{'distortion':<22}" + "".join(f"{n:>12}" for n in names))
    for label, change in DISTORTIONS.items():
        report = Report()
        for gold, text in cases:
            report.add(gold, json.loads(json.dumps(parse(change(text), source=gold["source"]).to_dict())))
        got = report.summary()
        print(f"{label:<22}" + "".join(f"{got[n]:>12.3f}" for n in names))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = ap.add_subparsers(dest="what", required=True)
    f = sub.add_parser("fuzz")
    f.add_argument("--inputs", type=int, default=100_000)
    f.add_argument("--seed", type=int, default=1)
    f.add_argument("--workers", type=int, default=2)
    s = sub.add_parser("scale")
    s.add_argument("--sizes", default="100,1000,10000,100000")
    d = sub.add_parser("distort")
    d.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[2] / "shared")
    args = ap.parse_args()
    if args.what == "fuzz":
        fuzz(args.inputs, args.seed, args.workers)
    elif args.what == "distort":
        distort(args.shared)
    else:
        scale([int(x) for x in args.sizes.split(",")])


if __name__ == "__main__":
    sys.exit(main())
