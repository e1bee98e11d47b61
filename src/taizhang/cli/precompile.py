"""Write the parser's compiled regular expressions beside its byte code (see taizhang.parse.rx).

    python -m taizhang.cli.precompile

The install scripts run this after ``compileall``; ``taizhang parse`` also writes the file when it
had to compile a pattern the slow way and Python may write byte code here.
"""
from __future__ import annotations

import os
import sys


def write(path: str | None = None) -> int:
    """Write the cache for the patterns used so far in this process; how many it holds (0: none).

    The file is replaced in one rename, so a reader never sees half of it; a read-only install
    simply keeps compiling at start-up.
    """
    from taizhang.parse import rx

    made = rx.snapshot()
    if made is None:
        return 0
    data, count = made
    path = path or rx.PATH
    tmp = f"{path}.{os.getpid()}.tmp"
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(tmp, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except OSError:
        try:
            os.remove(tmp)
        except OSError:
            pass
        return 0
    return count


def main() -> int:
    """Compile every pattern the parser has: import it and the text reader, and read and parse
    the bundled samples."""
    from taizhang.parse import parse
    from taizhang.readers import read_path

    samples = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "samples")
    for name in sorted(os.listdir(samples)) if os.path.isdir(samples) else []:
        if name.endswith(".txt"):
            read = read_path(os.path.join(samples, name))
            parse(read.text, source=read.source)
    count = write()
    print(f"已预编译 {count} 个解析规则（正则表达式）" if count else "未能写入预编译的解析规则（将在运行时编译）",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
