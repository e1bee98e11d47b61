"""OCR seconds per page, and how well the text comes back: RapidOCR (taizhang[ocr]) against
Debian's tesseract chi_sim when it is installed.

Pages are rendered here from a seed's text (tests/readers/conftest.py: 300 dpi, Noto Sans CJK
三号, 0.7° skew, grey noise, a red 版头 on the first page and a seal over the 落款 on the last).
For each engine: seconds per page (the engine loaded once beforehand), character accuracy
(1 − edit distance / length, NFKC, whitespace ignored) against the text drawn, and task recall of
parse() on the OCR'd text against parse() on the clean text (tests/readers/test_ocr.py's rule).

    .venv/bin/python benchmarks/bench_ocr.py [--pages 3] [--seed ../shared/seeds/002_….txt]

Prints figures; never fails on time. The machine's load is printed beside them.
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from readers.conftest import render_scan  # noqa: E402
from readers.test_ocr import task_recall  # noqa: E402
from rapidfuzz.distance import Levenshtein  # noqa: E402

from taizhang.readers import ocr  # noqa: E402
from taizhang.readers.pdf import join_pages  # noqa: E402

SEED = ROOT.parent / "shared" / "seeds" / "002_0c7ffc69b25063d5.txt"
LINES_PER_PAGE = 24


def pages_of(seed: Path, count: int) -> list[list[str]]:
    text = seed.read_text(encoding="utf-8")
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    first = next((i for i, line in enumerate(lines) if line.startswith(("一、", "（一）", "(一)"))), 0)
    pages: list[list[str]] = [[]]
    used = 0
    for line in lines[first:]:
        need = -(-len(line) // 28)
        if used + need > LINES_PER_PAGE:
            if len(pages) == count:
                break
            pages.append([])
            used = 0
        pages[-1].append(line)
        used += need
    pages[-1] += ["吉林省人民政府", "2016年12月9日"]
    return pages


def accuracy(clean: str, got: str) -> float:
    """1 − edit distance / length, compared as the contract compares (NFKC: ， and , alike)."""
    import unicodedata

    a, b = ("".join(unicodedata.normalize("NFKC", t).split()) for t in (clean, got))
    return 1 - Levenshtein.distance(a, b) / max(1, len(a))


def rapid(images: list, name: str) -> tuple[list[float], list[list[str]]]:
    ocr.engine(name)  # loaded before timing
    times, out = [], []
    for image in images:
        start = time.perf_counter()
        out.append(ocr.page_lines(image, name))
        times.append(time.perf_counter() - start)
    return times, out


def tesseract(images: list) -> tuple[list[float], list[list[str]]] | None:
    if not shutil.which("tesseract"):
        return None
    times, out = [], []
    with tempfile.TemporaryDirectory() as work:
        for i, image in enumerate(images):
            path = os.path.join(work, f"p{i}.png")
            image.save(path)
            start = time.perf_counter()
            run = subprocess.run(["tesseract", path, "-", "-l", "chi_sim", "--psm", "6"],
                                 capture_output=True, text=True, timeout=600)
            times.append(time.perf_counter() - start)
            # tesseract puts a space between every two CJK characters
            lines = ["".join(line.split()) for line in run.stdout.splitlines() if line.strip()]
            out.append(lines)
    return times, out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=3)
    parser.add_argument("--seed", type=Path, default=SEED)
    args = parser.parse_args()
    pages = pages_of(args.seed, args.pages)
    images = [render_scan(lines, seed=i, red_header="吉林省人民政府文件" if i == 0 else None,
                          seal="吉林省人民政府" if i == len(pages) - 1 else None)
              for i, lines in enumerate(pages)]
    clean = "\n".join(line for page in pages for line in page)
    print(f"{len(images)} pages of {args.seed.name}, 300 dpi A4, {len(clean)} characters; "
          f"cores {os.cpu_count()}, load before {os.getloadavg()[0]:.2f}")
    size_rapid = sum(_du(p) for p in _site_dirs("rapidocr_onnxruntime", "onnxruntime", "cv2", "pypdfium2"))
    rows = [("RapidOCR (onnxruntime, PP-OCRv4)", rapid(images, "bench"),
             f"{size_rapid / 2**20:.0f} MB (wheels: rapidocr, onnxruntime, OpenCV, pypdfium2)")]
    tess = tesseract(images)
    if tess is not None:
        rows.append(("tesseract 5 chi_sim (Debian)", tess, f"{_dpkg_size() / 1024:.0f} MB (Debian packages)"))
    for name, (times, out), size in rows:
        text = join_pages(out)[0]
        if os.environ.get("BENCH_OCR_DUMP"):  # the texts, to see what an engine got wrong
            Path(os.environ["BENCH_OCR_DUMP"], name.split()[0] + ".txt").write_text(text, encoding="utf-8")
        print(f"{name:34s} s/page median {statistics.median(times):5.1f} (min {min(times):.1f}, "
              f"max {max(times):.1f})  char accuracy {accuracy(clean, text):.3f}  "
              f"task recall {task_recall(clean, text):.2f}  install {size}")
    print(f"load after {os.getloadavg()[0]:.2f} (2 cores shared; figures scale with load)")


def _site_dirs(*names: str) -> list[Path]:
    import importlib.util

    found = []
    for name in names:
        spec = importlib.util.find_spec(name)
        if spec and spec.origin:
            found.append(Path(spec.origin).parent)
    return found


def _du(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def _dpkg_size() -> int:
    run = subprocess.run(["dpkg-query", "-W", "-f=${Installed-Size}\n", "tesseract-ocr",
                          "tesseract-ocr-chi-sim", "libtesseract5", "liblept5"],
                         capture_output=True, text=True)
    return sum(int(x) for x in run.stdout.split() if x.isdigit())


if __name__ == "__main__":
    main()
