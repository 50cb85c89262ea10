#!/usr/bin/env python3
"""Python's verdicts on name patterns, for the console's regex tests (issue 18).

Writes tests/fuzz/corpus/pythonregex_judged.txt: one JSON line per case,
{"p": pattern, "s": name, "v": "match" | "nomatch" | "error"}, as Python
3.11's re.fullmatch(pattern, name) answers (error: it raises). Cases come
from the differential test's pattern generators (curated, token soup,
adversarial) and, with --corpus DIR, from a libFuzzer corpus of the
`pythonregex` target (files PATTERN NUL NAME). A case Python does not finish
within --timeout seconds is left out. tst_pythonregex checks every line: the
console agrees or answers error. Also refreshes the fuzzers' seed corpora.

    .venv/bin/python scripts/judge_pythonregex.py [--corpus DIR] [--seed N]
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "integration"))
import test_permissions_differential as gen  # noqa: E402

OUT = ROOT / "tests" / "fuzz" / "corpus" / "pythonregex_judged.txt"
SEEDS = ROOT / "tests" / "fuzz" / "corpus" / "pythonregex"
BATCH_SEEDS = ROOT / "tests" / "fuzz" / "corpus" / "permissionbatch"


def verdict(case: tuple[str, str]) -> str:
    pattern, name = case
    try:
        return "match" if re.fullmatch(pattern, name) else "nomatch"
    except Exception:  # re.error, RecursionError, OverflowError, …: Feast's check fails
        return "error"


def judge(cases: list[tuple[str, str]], timeout: float) -> list[tuple[str, str, str]]:
    out = []
    context = multiprocessing.get_context("fork")
    pool = context.Pool(1)
    for case in cases:
        try:
            out.append((case[0], case[1], pool.apply_async(verdict, (case,)).get(timeout)))
        except multiprocessing.TimeoutError:  # Python did not finish: no verdict to compare with
            pool.terminate()
            pool = context.Pool(1)
    pool.terminate()
    return out


def generated(rng: random.Random) -> list[tuple[str, str]]:
    cases = []
    for pattern in gen.CURATED_PATTERNS:
        for _ in range(8):
            cases.append((pattern, gen.random_name(rng)))
    for _ in range(1500):
        pattern = "".join(rng.choice(gen.TOKENS) for _ in range(rng.randint(1, 8)))
        for _ in range(2):
            cases.append((pattern, gen.random_name(rng)))
    for _ in range(400):
        pattern, name = gen.random_adversarial(rng)
        cases.append((pattern, name))
        # names such patterns often match in full
        cases.append((pattern, "a" * rng.randint(0, 12)))
        cases.append((pattern, "ab" * rng.randint(1, 6) + rng.choice(["", "b", "c"])))
    # The fixed adversarial cases, with names cut so the file stays small.
    for pattern, name in gen.ADVERSARIAL:
        cases.append((pattern, name[:2000]))
    return cases


def from_corpus(directory: Path) -> list[tuple[str, str]]:
    cases = []
    for f in sorted(directory.iterdir()):
        data = f.read_bytes()
        pattern, sep, name = data.partition(b"\0")
        p = pattern.decode("utf-8", "replace")
        cases.append((p, name.decode("utf-8", "replace") if sep else p))
    return cases


def write_seeds(cases: list[tuple[str, str]]) -> None:
    SEEDS.mkdir(parents=True, exist_ok=True)
    BATCH_SEEDS.mkdir(parents=True, exist_ok=True)
    for i, (pattern, name) in enumerate(cases):
        if len(pattern) + len(name) > 4000:
            continue
        (SEEDS / f"seed{i:03}").write_bytes(pattern.encode("utf-8", "surrogatepass") + b"\0"
                                           + name.encode("utf-8", "surrogatepass"))
    lines = [
        {"user": {"name": "alice", "roles": ["reader"]}, "resource": {"kind": "feature_view", "project": "p",
                                                                     "name": "driver_1"}, "action": "describe"},
        {"user": {"name": "u", "roles": [], "groups": ["g"], "namespaces": ["n"]},
         "resource": {"kind": "PERMISSION", "project": "p", "name": "x", "tags": {"team": "fraud"},
                      "required_tags": {" team": "fraud "}}, "action": "READ,write_online"},
        {"user": {"name": ""}, "resource": {"kind": "entity", "project": "p", "name": "aaaaaaaaaaaaaaaaaaaaaaaaab"},
         "action": "ALL_ACTIONS"},
        {"user": {"roles": "x"}, "resource": {"kind": "nope"}, "action": ""},
    ]
    for i, line in enumerate(lines):
        (BATCH_SEEDS / f"line{i}").write_text(json.dumps(line))
    (BATCH_SEEDS / "user0").write_text("name=alice;roles=a,b;groups=g;namespaces=ns1,ns2")
    (BATCH_SEEDS / "user1").write_text("name=bob;unknown=1")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, help="a libFuzzer corpus of the pythonregex target to judge as well")
    parser.add_argument("--seed", type=int, default=18)
    parser.add_argument("--timeout", type=float, default=1.0)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    cases = generated(rng)
    if args.corpus:
        cases += from_corpus(args.corpus)
    judged = judge(cases, args.timeout)
    with OUT.open("w", encoding="utf-8") as out:
        for pattern, name, v in judged:
            out.write(json.dumps({"p": pattern, "s": name, "v": v}, ensure_ascii=True) + "\n")
    write_seeds([(p, "") for p in gen.CURATED_PATTERNS] + [(p, s[:200]) for p, s in gen.ADVERSARIAL])
    counts = {v: sum(1 for *_, w in judged if w == v) for v in ("match", "nomatch", "error")}
    print(f"{len(judged)} of {len(cases)} cases judged: {counts} -> {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
