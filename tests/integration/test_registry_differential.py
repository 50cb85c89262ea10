"""Differential test: the console reads exactly the registry bytes Feast reads (issue 18).

The judge is Feast's own parser: feast.protos.feast.core.Registry_pb2.Registry()
.ParseFromString (protobuf's upb, as `feast` itself reads registry.db). The
inputs are every cut point of real registry files (tests/fuzz/corpus/
registrydecoder/*.db, made by scripts/fixtures.py from tests/fixtures, and the
registry Feast ships with its UI) and a seeded corpus of mutations of them:
tags with other wire types, field number 0 and over-long tags, lengths off by
one or past the end, varint overflows, broken and valid UTF-8 in strings,
nesting around the depth limit, byte flips, insertions, deletions, reordered
and concatenated registries, and every input of one and two bytes.

`registrydecodebatch` (the console's decoder, many inputs per process) must
refuse exactly what Python refuses and, when both accept, hold the same
objects: kind, project, name and features of each. A sample also goes through
the real binary: `catalog list` exits 5 with one line naming the file and the
byte offset, or lists the same objects; `registry snapshot` writes only what
Feast reads; `permissions check` never answers from a registry missing its
permissions.

Needs no server. REGISTRY_SEED changes the mutations, REGISTRY_MUTATIONS
(default 400) their number per kind and base file.
"""

from __future__ import annotations

import collections
import hashlib
import json
import os
import random
import struct
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT, console_path, run_console

from feast.protos.feast.core.Registry_pb2 import Registry  # noqa: E402
from google.protobuf.descriptor import FieldDescriptor  # noqa: E402
from google.protobuf.message import DecodeError  # noqa: E402

SEED = int(os.environ.get("REGISTRY_SEED", "18"))
PER_KIND = int(os.environ.get("REGISTRY_MUTATIONS", "400"))
SEEDS_DIR = ROOT / "tests" / "fuzz" / "corpus" / "registrydecoder"

# Registry field -> (console kind, sub-message holding name/project, has features)
KINDS = [
    ("entities", "entity", "spec", False),
    ("data_sources", "data_source", None, False),
    ("feature_views", "feature_view", "spec", True),
    ("on_demand_feature_views", "on_demand_feature_view", "spec", True),
    ("stream_feature_views", "stream_feature_view", "spec", True),
    ("label_views", "label_view", "spec", True),
    ("feature_services", "feature_service", "spec", False),
    ("saved_datasets", "saved_dataset", "spec", False),
    ("validation_references", "validation_reference", None, False),
    ("permissions", "permission", "spec", False),
]
DUMMY_ENTITY = "__dummy"  # Feast's placeholder entity, hidden by the SDK and the console


def batch_path() -> str:
    path = os.environ.get("FEAST_REGISTRY_DECODE_BATCH")
    if not path:
        pytest.skip("FEAST_REGISTRY_DECODE_BATCH is not set (run through ctest)")
    return path


# --------------------------------------------------------------------------- #
# What Feast sees
# --------------------------------------------------------------------------- #


def parse(data: bytes):
    registry = Registry()
    try:
        registry.ParseFromString(data)
    except DecodeError:
        return None
    return registry


def objects_of(registry) -> list[tuple]:
    """(kind, project, name, (features...)) of every object the console shows."""
    out, used = [], set()
    for field, kind, sub, has_features in KINDS:
        for message in getattr(registry, field):
            spec = getattr(message, sub) if sub else message
            if kind == "entity" and spec.name == DUMMY_ENTITY:
                continue
            features = tuple(f.name for f in spec.features) if has_features else ()
            out.append((kind, spec.project, spec.name, features))
            if spec.project:
                used.add(spec.project)
    declared = set()
    for p in registry.projects:
        out.append(("project", p.spec.name, p.spec.name, ()))
        declared.add(p.spec.name)
    out += [("project", p, p, ()) for p in sorted(used - declared)]  # the console adds them
    return out


def canonical(objects: list[tuple]) -> str:
    """The line registrydecodebatch prints for an accepted input."""
    def lp(s: str) -> bytes:
        b = s.encode()
        return str(len(b)).encode() + b":" + b

    lines = sorted(kind.encode() + b"|" + lp(project) + lp(name) + b"".join(lp(f) for f in features)
                   for kind, project, name, features in objects)
    digest = hashlib.sha256(b"\n".join(lines)).hexdigest()
    return f"ok {len(lines)} {digest}"


def expected(data: bytes) -> str | None:
    registry = parse(data)
    return None if registry is None else canonical(objects_of(registry))


# --------------------------------------------------------------------------- #
# The console's decoder, many inputs per process
# --------------------------------------------------------------------------- #


def decode_cases(blobs: list[bytes], tmp_path: Path) -> list[str]:
    container = tmp_path / "cases.bin"
    with container.open("wb") as f:
        for b in blobs:
            f.write(struct.pack("<I", len(b)) + b)
    proc = subprocess.run([batch_path(), "--cases", str(container)], capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert len(lines) == len(blobs)
    return lines


def decode_prefixes(path: Path) -> list[str]:
    proc = subprocess.run([batch_path(), "--prefixes", str(path)], capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.splitlines()


def disagreements(named: list[tuple[str, bytes]], answers: list[str]) -> list[str]:
    bad = []
    for (name, data), answer in zip(named, answers):
        want = expected(data)
        agree = answer.startswith("error ") if want is None else answer == want
        if not agree:
            bad.append(f"{name}: Feast {'refuses' if want is None else 'accepts ' + want}, console: {answer} "
                       f"(input {len(data)} bytes: {data[:48].hex()}{'...' if len(data) > 48 else ''})")
    return bad


# --------------------------------------------------------------------------- #
# Inputs
# --------------------------------------------------------------------------- #


def base_files() -> dict[str, bytes]:
    # Whole registries; the one-*.db seeds hold a single field each, for the fuzzer.
    files = {p.name: p.read_bytes() for p in sorted(SEEDS_DIR.glob("*.db")) if not p.name.startswith("one-")}
    import feast
    ui = Path(feast.__file__).parent / "ui" / "build" / "registry.db"
    if ui.exists():
        files["feast-ui.db"] = ui.read_bytes()
    assert len(files) >= 3 and all(parse(b) is not None for b in files.values())
    return files


def read_varint(data: bytes, p: int) -> tuple[int, int]:
    value = shift = 0
    while True:
        byte = data[p]
        p += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if byte < 0x80:
            return value, p


def varint(n: int) -> bytes:
    out = bytearray()
    while n >= 0x80:
        out.append(n & 0x7F | 0x80)
        n >>= 7
    return bytes(out) + bytes([n])


class Layout:
    """Where the tags, varints, lengths and strings of a valid registry are."""

    def __init__(self, data: bytes):
        self.tags, self.varints, self.lengths, self.strings, self.top = [], [], [], [], []
        self._walk(data, 0, len(data), Registry.DESCRIPTOR, 0)

    def _walk(self, data, p, end, descriptor, depth):
        while p < end:
            start = p
            tag, p = read_varint(data, p)
            number, wire = tag >> 3, tag & 7
            self.tags.append((start, p - start, number, wire))
            field = descriptor.fields_by_number.get(number) if descriptor else None
            if wire == 0:
                _, after = read_varint(data, p)
                self.varints.append((p, after - p))
                p = after
            elif wire == 1:
                p += 8
            elif wire == 5:
                p += 4
            elif wire == 2:
                length, body = read_varint(data, p)
                self.lengths.append((p, body - p, length, depth))
                if field is not None and field.type == FieldDescriptor.TYPE_MESSAGE:
                    self._walk(data, body, body + length, field.message_type, depth + 1)
                elif field is not None and field.type == FieldDescriptor.TYPE_STRING and length:
                    self.strings.append((body, length))
                p = body + length
            else:
                raise AssertionError(f"unexpected wire type {wire} in a base registry")
            if depth == 0:
                self.top.append((start, p))


def splice(data: bytes, pos: int, old: int, new: bytes) -> bytes:
    return data[:pos] + new + data[pos + old:]


def mutations(name: str, data: bytes, others: list[bytes], rng: random.Random) -> list[tuple[str, bytes]]:
    layout = Layout(data)
    out = []

    def add(kind, blob):
        out.append((f"{name}/{kind}", blob))

    for _ in range(PER_KIND):
        pos, size, length, depth = rng.choice(layout.lengths)
        rest = len(data) - pos - size
        new_length = rng.choice([length + 1, length - 1, 0, rest, rest + 1, 2**31 - 1, 2**32, length + 2**35])
        add(f"length@{pos}={new_length}", splice(data, pos, size, varint(max(new_length, 0))))
        # The same length in 5 bytes (valid) or 6 (too long for a length).
        width = 5 if rng.random() < 0.8 else 6
        padded = bytes([length >> 7 * i & 0x7F | 0x80 for i in range(width - 1)]) + bytes([length >> 7 * (width - 1)])
        add(f"padded-length@{pos}", splice(data, pos, size, padded))

        start, size, number, wire = rng.choice(layout.tags)
        choice = rng.randrange(5)
        if choice == 0:
            new_tag = varint(number << 3 | rng.randrange(8))
        elif choice == 1:
            new_tag = varint(rng.randrange(8))  # field number 0
        elif choice == 2:  # the same tag in 5 bytes, possibly with bits above 32
            t = number << 3 | wire
            new_tag = bytes([t & 0x7F | 0x80, t >> 7 & 0x7F | 0x80, t >> 14 & 0x7F | 0x80, t >> 21 & 0x7F | 0x80,
                             t >> 28 & 0x0F | rng.choice([0, 0x10, 0x70])])
        elif choice == 3:
            new_tag = varint(rng.randrange(1, 2**29) << 3 | rng.choice([0, 1, 2, 3, 4, 5]))
        else:
            new_tag = varint(rng.choice([3, 4, 100, 536870911]) << 3 | rng.choice([3, 4]))
        add(f"tag@{start}", splice(data, start, size, new_tag))

        if layout.varints:
            pos, size = rng.choice(layout.varints)
            new = rng.choice([b"\xff" * 9 + b"\x01", b"\xff" * 10 + b"\x01", b"\x80" * 9 + b"\x00",
                              b"\x80" * 10 + b"\x00", b"\xff" * 9 + b"\x7f", b"\xff"])
            add(f"varint@{pos}", splice(data, pos, size, new))

        pos, length = rng.choice(layout.strings)
        replacements = [b"\xff", b"\x80", b"\xc0\x80", b"\xc3\xa9", b"\xed\xa0\x80", b"\xef\xbf\xbf",
                        b"\xf4\x90\x80\x80", b"\xf0\x9f\x98\x80", b"\xe2\x82", b"\x00", b"\xf8\x88\x80\x80"]
        new = rng.choice(replacements)
        at = pos + rng.randrange(length)
        add(f"utf8@{at}", data[:at] + new[: pos + length - at] + data[at + len(new[: pos + length - at]):])

        at = rng.randrange(len(data))
        op = rng.randrange(6)
        if op == 0:
            blob = data[:at] + bytes([data[at] ^ (1 << rng.randrange(8))]) + data[at + 1:]
        elif op == 1:
            blob = data[:at] + bytes([rng.randrange(256)]) + data[at + 1:]
        elif op == 2:
            blob = data[:at] + bytes(rng.randrange(256) for _ in range(rng.randint(1, 4))) + data[at:]
        elif op == 3:
            blob = data[:at] + data[at + rng.randint(1, 8):]
        elif op == 4:
            end = min(len(data), at + rng.randint(1, 64))
            blob = data[:end] + data[at:end] + data[end:]
        else:
            blob = data[:at] + bytes(rng.randrange(256) for _ in range(rng.randint(1, 8)))
        add(f"bytes{op}@{at}", blob)

    fields = [data[s:e] for s, e in layout.top]
    for i in range(max(PER_KIND // 20, 5)):
        shuffled = fields[:]
        rng.shuffle(shuffled)
        add(f"reordered{i}", b"".join(shuffled))
    for i, other in enumerate(others):
        add(f"concatenated{i}", data + other)
    for depth in (99, 100, 101):
        add(f"groups{depth}", data + b"\xa3\x06" * depth + b"\xa4\x06" * depth)
    return out


def small_inputs(rng: random.Random) -> list[tuple[str, bytes]]:
    out = [("empty", b"")]
    out += [(f"1:{b:02x}", bytes([b])) for b in range(256)]
    out += [(f"2:{b:04x}", b.to_bytes(2, "big")) for b in range(65536)]
    # Tags of real Registry fields with random bytes after them.
    tags = [varint(f.number << 3 | w) for f in Registry.DESCRIPTOR.fields for w in range(6)]
    for i in range(5000):
        blob = rng.choice(tags) + bytes(rng.randrange(256) for _ in range(rng.randint(0, 6)))
        out.append((f"small{i}", blob))
    return out


# --------------------------------------------------------------------------- #
# Tests
# --------------------------------------------------------------------------- #


def test_every_cut_point_of_real_registries(tmp_path):
    for name, data in base_files().items():
        path = tmp_path / name
        path.write_bytes(data)
        answers = decode_prefixes(path)
        assert len(answers) == len(data) + 1
        prefixes = [(f"{name}[:{n}]", data[:n]) for n in range(len(data) + 1)]
        bad = disagreements(prefixes, answers)
        assert not bad, f"{len(bad)} disagreements, first:\n" + "\n".join(bad[:10])
        accepted = sum(a.startswith("ok ") for a in answers)
        assert 1 < accepted < len(data) // 10, (name, accepted)  # cuts between top-level fields only


def test_mutations_of_real_registries(tmp_path):
    rng = random.Random(SEED)
    files = base_files()
    named = []
    for name, data in files.items():
        named += mutations(name, data, [d for n, d in files.items() if n != name][:2], rng)
    answers = decode_cases([b for _, b in named], tmp_path)
    bad = disagreements(named, answers)
    assert not bad, f"{len(bad)} of {len(named)} disagree (REGISTRY_SEED={SEED}), first:\n" + "\n".join(bad[:10])
    accepted = collections.Counter(n.split("/")[1].split("@")[0] for (n, _), a in zip(named, answers)
                                   if a.startswith("ok "))
    # The corpus exercises both answers, including accepted mutations whose
    # objects differ from the original's.
    assert sum(accepted.values()) > 100 and 0 < accepted["utf8"], accepted
    assert len(named) - sum(accepted.values()) > 1000


def test_every_one_and_two_byte_input(tmp_path):
    named = small_inputs(random.Random(SEED))
    answers = decode_cases([b for _, b in named], tmp_path)
    bad = disagreements(named, answers)
    assert not bad, f"{len(bad)} of {len(named)} disagree, first:\n" + "\n".join(bad[:10])


# --------------------------------------------------------------------------- #
# The real binary
# --------------------------------------------------------------------------- #


def catalog_objects(listing: list[dict]) -> collections.Counter:
    rows = collections.Counter()
    for row in listing:
        if row["kind"] == "feature":
            rows[("feature", row["project"], row["feature_view"], row["name"])] += 1
        else:
            rows[(row["kind"], row["project"], row["name"])] += 1
    return rows


def feast_objects(registry) -> collections.Counter:
    rows = collections.Counter()
    for kind, project, name, features in objects_of(registry):
        rows[(kind, project, name)] += 1
        for f in features:
            rows[("feature", project, name, f)] += 1
    return rows


def cli_sample(tmp_path: Path) -> list[tuple[str, Path, bytes]]:
    files = base_files()
    rng = random.Random(SEED + 1)
    shared, alpha = files["shared.db"], files["team-alpha.db"]
    named = [("f7", b"\xf7"), ("empty", b""), ("shared", shared), ("concatenated", shared + alpha)]
    named += [(f"cut{n}", shared[:n]) for n in rng.sample(range(len(shared)), 8)]
    named += rng.sample(mutations("shared.db", shared, [alpha], rng), 24)
    out = []
    for i, (name, data) in enumerate(named):
        path = tmp_path / f"case{i}.db"
        path.write_bytes(data)
        out.append((name, path, data))
    return out


def test_catalog_list_refuses_with_one_line_or_lists_what_feast_reads(tmp_path):
    console_path()
    refused = accepted = 0
    for name, path, data in cli_sample(tmp_path):
        proc = run_console("catalog", "list", "--registry", f"file://{path}", "--json")
        registry = parse(data)
        if registry is None:
            refused += 1
            assert proc.returncode == 5, (name, proc.returncode, proc.stdout[:200], proc.stderr)
            assert proc.stdout == "", name
            lines = proc.stderr.strip().splitlines()
            assert len(lines) == 1, (name, proc.stderr)
            assert str(path) in lines[0] and "not a valid Feast registry" in lines[0], lines[0]
            assert " at byte " in lines[0], lines[0]
        else:
            accepted += 1
            assert proc.returncode == 0, (name, proc.stderr)
            assert catalog_objects(json.loads(proc.stdout)) == feast_objects(registry), name
    assert refused > 10 and accepted >= 3, (refused, accepted)


def test_snapshot_writes_only_what_feast_reads(tmp_path):
    console_path()
    files = base_files()
    good = tmp_path / "backup.db"
    good.write_bytes(files["team-beta.db"])
    for name, data in [("f7", b"\xf7"), ("cut", files["shared.db"][:1001]), ("flipped", b"\x0e" + files["shared.db"])]:
        source = tmp_path / f"{name}.db"
        source.write_bytes(data)
        proc = run_console("registry", "snapshot", f"file://{source}", str(good))
        assert proc.returncode == 5 and len(proc.stderr.strip().splitlines()) == 1, (name, proc.stderr)
        assert good.read_bytes() == files["team-beta.db"], name  # the old backup is untouched
    merged = files["shared.db"] + files["team-alpha.db"]
    source = tmp_path / "merged.db"
    source.write_bytes(merged)
    proc = run_console("registry", "snapshot", f"file://{source}", str(good), "--json")
    assert proc.returncode == 0, proc.stderr
    assert good.read_bytes() == merged and parse(good.read_bytes()) is not None
    assert json.loads(proc.stdout)["objects"] == len(objects_of(parse(merged)))
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_permissions_are_never_answered_from_a_registry_missing_them(tmp_path):
    data = base_files()["team-alpha.db"]
    layout = Layout(data)
    first = next(start for start, size, number, wire in layout.tags if number == 16)  # Registry.permissions
    args = ["permissions", "check", "--user", "name=mallory", "--action", "read",
            "--resource", "feature_view:alpha_recs:shopper_preferences"]
    intact = tmp_path / "registry.db"
    intact.write_bytes(data)
    proc = run_console(*args, "--registry", str(intact))
    assert proc.returncode == 0 and proc.stdout.startswith("denied"), proc.stdout + proc.stderr
    for cut in range(first + 1, first + 40):  # one byte into the tag, then into the permission
        bad = tmp_path / f"cut{cut}.db"
        bad.write_bytes(data[:cut])
        proc = run_console(*args, "--registry", str(bad))
        assert proc.returncode == 5, (cut, proc.stdout)
        assert proc.stdout == "" and f"{bad} is not a valid Feast registry" in proc.stderr, proc.stderr
