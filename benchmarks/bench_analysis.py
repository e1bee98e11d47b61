"""Benchmark and measurement for the cross-document analyses (prints numbers, never fails).

1. Quality on the seeds: hand-labelled pairs (tests/analysis/seed_pairs.tsv), character 2–3-gram
   TF-IDF against rapidfuzz scorers — hit@1 inside the expected document, mean reciprocal rank
   over all other documents' tasks, and the margin between the right task and the best wrong one.
2. Similar-task search over 20,000 tasks: index build, per-query latency (budget 100 ms), and
   rapidfuzz's process.extract on the same tasks for comparison.
3. Co-responsibility network for 20,000 tasks (budget 2 s).

Run: .venv/bin/python benchmarks/bench_analysis.py [--tasks 20000]
The 20,000 tasks are made from the seeds' own sentences and units, recombined with a fixed seed.
"""
from __future__ import annotations

import argparse
import random
import statistics
import time
from pathlib import Path

import numpy as np
from rapidfuzz import fuzz, process

from taizhang.analysis.network import build_network, centrality
from taizhang.analysis.rows import Corpus, TaskRow
from taizhang.analysis.similarity import NgramIndex, clean
from taizhang.parse import parse

ROOT = Path(__file__).resolve().parents[1]


def seeds() -> Corpus:
    docs = [parse(f.read_text("utf-8"), source=f.name) for f in sorted((ROOT / "samples").glob("*.txt"))]
    return Corpus.from_documents(docs)


def pairs() -> list[tuple[str, list[str]]]:
    out = []
    for line in (ROOT / "tests/analysis/seed_pairs.tsv").read_text("utf-8").splitlines():
        if line and not line.startswith("#"):
            q, exp, _ = line.split("\t")
            out.append((q, exp.split("|")))
    return out


def rank_quality(corpus: Corpus, score_all) -> dict[str, float]:  # noqa: ANN001
    """score_all(row) → np.array of scores over corpus.tasks (higher = more alike)."""
    hits, rr, margins, times = 0, [], [], []
    for q, expected in pairs():
        row = corpus.task(q)
        want = {corpus.task(e).ref for e in expected}
        doc = corpus.doc(expected[0].split(":")[0]).id
        t0 = time.perf_counter()
        scores = score_all(row)
        times.append(time.perf_counter() - t0)
        order = [i for i in np.argsort(-scores, kind="stable")
                 if corpus.tasks[i].doc_id != row.doc_id]
        in_doc = [i for i in order if corpus.tasks[i].doc_id == doc]
        hits += corpus.tasks[in_doc[0]].ref in want
        first = next(n for n, i in enumerate(order, 1) if corpus.tasks[i].ref in want)
        rr.append(1 / first)
        right = max(scores[i] for i in order if corpus.tasks[i].ref in want)
        wrong = max(scores[i] for i in order if corpus.tasks[i].ref not in want)
        margins.append(right - wrong)
    n = len(pairs())
    return {"hit1": hits / n, "mrr": statistics.mean(rr), "margin": statistics.mean(margins),
            "ms": 1000 * statistics.mean(times)}


def quality(corpus: Corpus) -> None:
    print(f"== 1. 种子文件上的效果（{len(pairs())} 对人工标注，{len(corpus.tasks)} 个任务）")
    texts = [clean(r) for r in corpus.tasks]
    index = NgramIndex(corpus.tasks)
    from taizhang.analysis import similarity as sim

    saved = sim.SIZES
    sim.SIZES = (2,)
    index2 = NgramIndex(corpus.tasks)
    sim.SIZES = saved

    def rf(scorer):  # noqa: ANN001, ANN202
        def scores(row: TaskRow) -> np.ndarray:
            q = clean(row)
            return np.array([scorer(q, t) / 100 for t in texts])
        return scores

    methods = {
        "TF-IDF 字符2–3元组（采用）": index.scores_for,
        "TF-IDF 字符2元组": index2.scores_for,
        "rapidfuzz fuzz.ratio": rf(fuzz.ratio),
        "rapidfuzz fuzz.partial_ratio": rf(fuzz.partial_ratio),
        "rapidfuzz fuzz.token_set_ratio": rf(fuzz.token_set_ratio),
        "rapidfuzz fuzz.WRatio": rf(fuzz.WRatio),
    }
    print(f"{'方法':<34}{'hit@1':>7}{'MRR':>7}{'区分度':>8}{'ms/查询':>9}")
    for name, f in methods.items():
        r = rank_quality(corpus, f)
        print(f"{name:<34}{r['hit1']:>7.2f}{r['mrr']:>7.2f}{r['margin']:>8.3f}{r['ms']:>9.2f}")


def synthetic(corpus: Corpus, n: int, rng: random.Random) -> list[TaskRow]:
    """n tasks from the seeds' sentences and units, recombined: realistic vocabulary and size."""
    sentences = [s for r in corpus.tasks for s in r.text.replace("；", "。").split("。") if len(s) > 8]
    by_place: dict[str, list[str]] = {}
    for r in corpus.tasks:
        by_place.setdefault(r.place, []).extend(r.lead + r.support)
    places = sorted(by_place)
    rows = []
    for i in range(n):
        place = places[i % len(places)]
        units = sorted(set(rng.sample(by_place[place], k=min(len(by_place[place]), rng.randint(2, 7)))))
        text = "。".join(rng.sample(sentences, k=rng.randint(2, 5))) + "。"
        rows.append(TaskRow(f"syn{i // 40:04d}", str(i % 40 + 1), text[:20], text, place,
                            ((tuple(units[:1]), tuple(units[1:])),)))
    return rows


def search(rows: list[TaskRow], rng: random.Random) -> None:
    print(f"\n== 2. 相似任务检索：{len(rows)} 个任务")
    t0 = time.perf_counter()
    index = NgramIndex(rows)
    build = time.perf_counter() - t0
    print(f"建索引 {build:.2f} s（一次性）；词表 {len(index.vocab):,} 个 n 元组，"
          f"矩阵非零元 {index.matrix.nnz:,}")
    queries = rng.sample(rows, 200)
    times = []
    for q in queries:
        t0 = time.perf_counter()
        index.similar(q, k=10)
        times.append(time.perf_counter() - t0)
    times.sort()
    med, p95 = 1000 * times[len(times) // 2], 1000 * times[int(len(times) * 0.95)]
    print(f"每次查询 中位数 {med:.1f} ms，P95 {p95:.1f} ms，最慢 {1000 * times[-1]:.1f} ms；"
          f"预算 100 ms → P95 占预算 {p95 / 100:.0%}")
    choices = [clean(r) for r in rows]
    t0 = time.perf_counter()
    for q in queries[:5]:  # seconds each: five are enough to see the order of magnitude
        process.extract(clean(q), choices, scorer=fuzz.partial_ratio, limit=10)
    rf = 1000 * (time.perf_counter() - t0) / 5
    print(f"对照：rapidfuzz process.extract(partial_ratio) 每次 {rf:.0f} ms，"
          f"是 TF-IDF 中位数的 {rf / med:.0f} 倍")


def network(rows: list[TaskRow]) -> None:
    print(f"\n== 3. 协同网络：{len(rows)} 个任务")
    t0 = time.perf_counter()
    g = build_network(rows)
    total = time.perf_counter() - t0
    print(f"全部地方合建 {total:.2f} s（{g.number_of_nodes()} 个单位，{g.number_of_edges()} 条边）；"
          f"预算 2 s → 占 {total / 2:.0%}")
    place = rows[0].place
    t0 = time.perf_counter()
    one = build_network(rows, jurisdiction=place)
    t1 = time.perf_counter()
    centrality(one)
    t2 = time.perf_counter()
    print(f"单个地方（{place}）建网 {t1 - t0:.2f} s，中心度 {t2 - t1:.2f} s")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--tasks", type=int, default=20000)
    args = ap.parse_args()
    rng = random.Random(20260301)
    corpus = seeds()
    quality(corpus)
    rows = synthetic(corpus, args.tasks, rng)
    search(rows, rng)
    network(rows)


if __name__ == "__main__":
    main()
