"""Differential test: the console's permission engine against Feast 0.66's own.

Generates random (permission set, user, resource, action) cases — regex edge
cases, subclass types, required tags, every policy kind, unreadable
permissions — and compares the decision of Feast's enforcer
(feast.permissions.enforcer.enforce_policy, with permissions rebuilt by
Permission.from_proto as the registry server does) with
`feast-console permissions check --batch`. Needs no server: each case's
permissions go into their own project of one --permissions file.

Run alone: FEAST_CONSOLE=build/bin/feast-console .venv/bin/python -m pytest \
    tests/integration/test_permissions_differential.py
PERMISSION_CASES (default 12000) and PERMISSION_SEED change the run.

test_adversarial_patterns (issue 18) feeds patterns that strain a regex
engine: nested quantifiers, catastrophic alternations, back-references, 10,000
character names, deep nesting, huge repeat counts. There the console must agree
with Feast or answer "error" (it gave up, within its time budget), never a
confident wrong answer. Python runs each case in a child process with a
timeout; a case Python does not finish is not compared.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import random
import re
import subprocess
import time
import warnings
from unittest.mock import Mock

import pytest

from conftest import console_path

warnings.simplefilter("ignore")

from feast.errors import FeastPermissionError  # noqa: E402
from feast.feast_object import ALL_RESOURCE_TYPES  # noqa: E402
from feast.permissions.action import AuthzedAction  # noqa: E402
from feast.permissions.enforcer import enforce_policy  # noqa: E402
from feast.permissions.permission import Permission  # noqa: E402
from feast.permissions.policy import RoleBasedPolicy  # noqa: E402
from feast.permissions.user import User  # noqa: E402
from feast.protos.feast.core.Permission_pb2 import Permission as PermissionProto  # noqa: E402
from feast.protos.feast.core.Permission_pb2 import PermissionSpec  # noqa: E402
from feast.protos.feast.core.Policy_pb2 import (  # noqa: E402
    CombinedGroupNamespacePolicy,
    GroupBasedPolicy,
    NamespaceBasedPolicy,
    Policy,
    RoleBasedPolicy as RoleBasedPolicyProto,
)

TYPE_NAMES = list(PermissionSpec.Type.keys())
ACTIONS = list(AuthzedAction)
CLASS_OF = {t.__name__: t for t in ALL_RESOURCE_TYPES}
TYPE_CLASS = {
    "FEATURE_VIEW": "FeatureView", "ON_DEMAND_FEATURE_VIEW": "OnDemandFeatureView",
    "BATCH_FEATURE_VIEW": "BatchFeatureView", "STREAM_FEATURE_VIEW": "StreamFeatureView",
    "ENTITY": "Entity", "FEATURE_SERVICE": "FeatureService", "DATA_SOURCE": "DataSource",
    "VALIDATION_REFERENCE": "ValidationReference", "SAVED_DATASET": "SavedDataset",
    "PERMISSION": "Permission", "PROJECT": "Project", "LABEL_VIEW": "LabelView",
}

# Patterns that probe where Python's re and PCRE2 differ, and Python's errors.
CURATED_PATTERNS = [
    "customer_.*", ".*", "", "\\d+", "merchant_\\d", "[a-z]+", "(?i)fraud", "FRA\\w+", "a\\Z", "a$", "a\n$",
    "a\\n", "\\s", "a\\sb", "(?a)\\w+", "(?a)\\d", "(?ai)k", "(?i)k", "(?i)s", "(?i)[a-z]", "\\bab\\b", "\\B",
    "a\\B", "(?x) a b # comment", "(?x)a\\ b", "(?s).", ".", "a{,2}", "a{2,}", "a{1,2}?", "x{", "x{}", "x{a}",
    "[]a]", "[^a]", "[\\d-z]", "(?P<n>a)(?P=n)", "(a)\\1", "\\8", "a(?<=a)", "(?<=a|bc)b", "a**", "*a",
    "(?<n>a)", "\\p{L}", "\\z", "[", "(", ")", "a++", "(?>a+)a", "\\u0041", "\\x41", "\\101", "\\0", "(?m)^a$",
    "(?m)a\n^", "a|ab", "(a)?(?(1)b|c)", "(?(1)a|b)", " customer_.* ", "\u00e9", "[\u00e0-\u00ff]+",
    "(?-i:a)", "(?i:A)b", "a(?i)", "(?i-i:a)", "(?L)a", "(?au)a", "\\w\\W", "[\\s\\S]", "[\\S]", "[^\\D]",
    "\\D", "\\S+", "\\W", "[\\w-]", "[a-]", "[-a]", "\\h", "\\v", "\\e", "\\Q", "\\R", "\\K", "\\G", "\\X",
    "\\N", "\\c", "(?#x)a", "a(?#x)*", "(?:)", "()", "(?:a|)", "^$", "^*", "\\b*", "(?=a)*a", "a{2}{3}",
    "a{3,1}", "\\x4", "\\u12", "\\377", "\\400", "[\\400]", "[\\8]", "[\\b]", "[\\A]", "(?P<1>a)", "(?P=x)",
    "(?P<a>x)(?P<a>y)", "(a\\1)", "(?P>a)", "(?|a)", "(?R)", "(?&a)", "(*FAIL)", "(?C)", "[[:alpha:]]",
    "a{,}", "\\d{2,3}", "[0-9]{2}", "\u0663", "\\d\\d", "[\\u0041-\\u005a]+", "(?i)\u0130", "(?i)\u0131",
    "(?i)\u017f", "(?i)\u212a", "(?i)\u00df", "(?i)\u1e9e", "(?s:.)\n", "(?m:$)\n", "a$\n", "(?x:a b)c d",
]
TOKENS = ["a", "b", "A", "1", "_", "\\d", "\\w", "\\s", "\\W", ".", "*", "+", "?", "{2}", "{,1}", "{1,}", "(", ")",
          "(?:", "|", "[", "]", "^", "-", "$", "\\b", "\\B", "(?i)", "(?P<g>", "(?P=g)", "\\1", "(?=", "(?!",
          "(?<=", "(?<!", "(?>", "*?", "+?", "\\Z", "\\A", "[^", "\\", "\u0663", "K", "k", " ", "#", "\n"]
NAME_POOL = ["customer_1", "merchant_\u0663", "a\n", "", "fraud", "FRAUD", "\u017f", "\u212a", "\u00e9", "x y",
             "a\x1cb", "ab", "aaa", "abc123", "_", "a.b", "a\nb", "\u0130", "k", "K", "s", "S", "a", "A", "1",
             "11", "customer_", "merchant_7", "a b", "\u00e0\u00ff", "xx", "x{", "{", "ß", "SS", "\u1e9e"]
NAME_CHARS = ["a", "b", "A", "1", "\u0663", " ", "\n", "_", "-", "K", "k", "\u212a", "\u017f", "\u00e9", "\x1c", "{"]
PRINCIPALS = ["p", "q", "r"]
TAG_POOL = [("team", "fraud"), ("team", "risk"), ("pii", "false"), (" team", "fraud "), ("env", "prod")]


def random_pattern(rng: random.Random) -> str:
    if rng.random() < 0.55:
        return rng.choice(CURATED_PATTERNS)
    return "".join(rng.choice(TOKENS) for _ in range(rng.randint(1, 6)))


def random_name(rng: random.Random) -> str:
    if rng.random() < 0.6:
        return rng.choice(NAME_POOL)
    return "".join(rng.choice(NAME_CHARS) for _ in range(rng.randint(0, 4)))


def random_tags(rng: random.Random) -> dict:
    # Keys that collide once stripped are left out: which one Feast keeps
    # depends on the protobuf map order, which the wire does not define.
    tags: dict = {}
    for k, v in rng.sample(TAG_POOL, rng.randint(0, 2)):
        if all(k.strip() != other.strip() for other in tags):
            tags[k] = v
    return tags


def random_permission(rng: random.Random, index: int) -> dict:
    kind = rng.choices(["role", "group", "namespace", "group_namespace", "allow_all"], [30, 25, 20, 22, 3])[0]
    policy: dict = {"kind": kind}
    if kind == "role":
        policy["roles"] = rng.sample(PRINCIPALS, rng.randint(0, 2))
    if kind in ("group", "group_namespace"):
        policy["groups"] = rng.sample(PRINCIPALS, rng.randint(0, 2))
    if kind in ("namespace", "group_namespace"):
        policy["namespaces"] = rng.sample(PRINCIPALS, rng.randint(0, 2))
    n_actions = rng.choices([0, 1, 2, 3, 8], [2, 30, 30, 18, 20])[0]
    return {
        "name": f"perm{index}",
        "types": rng.sample(TYPE_NAMES, rng.choices([0, 1, 2, 3], [30, 40, 20, 10])[0]),
        "name_patterns": [random_pattern(rng) for _ in range(rng.choices([0, 1, 2, 3], [40, 40, 15, 5])[0])],
        "required_tags": random_tags(rng) if rng.random() < 0.3 else {},
        "actions": [a.name for a in rng.sample(ACTIONS, n_actions)],
        "policy": policy,
        "tags": {},
    }


def to_proto(p: dict) -> PermissionProto:
    policy = Policy()
    kind = p["policy"]["kind"]
    if kind == "role":
        policy.role_based_policy.CopyFrom(RoleBasedPolicyProto(roles=p["policy"]["roles"]))
    elif kind == "group":
        policy.group_based_policy.CopyFrom(GroupBasedPolicy(groups=p["policy"]["groups"]))
    elif kind == "namespace":
        policy.namespace_based_policy.CopyFrom(NamespaceBasedPolicy(namespaces=p["policy"]["namespaces"]))
    elif kind == "group_namespace":
        policy.combined_group_namespace_policy.CopyFrom(
            CombinedGroupNamespacePolicy(groups=p["policy"]["groups"], namespaces=p["policy"]["namespaces"]))
    spec = PermissionSpec(
        name=p["name"], types=[PermissionSpec.Type.Value(t) for t in p["types"]], name_patterns=p["name_patterns"],
        required_tags=p["required_tags"], actions=[PermissionSpec.AuthzedAction.Value(a) for a in p["actions"]],
        policy=policy, tags=p["tags"])
    return PermissionProto(spec=spec)


def make_resource(kind: str, name: str, required_tags: dict):
    cls = CLASS_OF[TYPE_CLASS[kind]]
    if cls is Permission:
        return Permission(name=name, policy=RoleBasedPolicy(roles=["x"]), required_tags=required_tags or None)
    resource = Mock(spec=cls)
    resource.name = name
    return resource


def feast_decision(perms: list[dict], user: dict, kind: str, name: str, required_tags: dict, action: str):
    """(outcome, deciding permission names) as Feast 0.66 decides it."""
    try:
        permissions = [Permission.from_proto(to_proto(p)) for p in perms]
    except Exception:  # the registry server fails reading them
        return "error", None
    feast_user = User(user["name"], user["roles"], user["groups"], user["namespaces"])
    resource = make_resource(kind, name, required_tags)
    requested = [AuthzedAction[action]]
    try:
        enforce_policy(permissions, feast_user, [resource], requested, filter_only=False)
        allowed = True
    except FeastPermissionError:
        allowed = False
    except Exception:  # re.error, OverflowError, …: the server call fails
        return "error", None
    if not permissions:
        return ("allowed" if allowed else "denied"), []
    matching = [p for p in permissions if p.match_resource(resource) and p.match_actions(requested)]
    granting = [p for p in matching if p.policy.validate_user(feast_user)[0]]
    deciding = [granting[0].name] if granting else [p.name for p in matching]
    return ("allowed" if allowed else "denied"), deciding


def generate(count: int, seed: int):
    rng = random.Random(seed)
    cases = []
    for i in range(count):
        n_perms = rng.choices([0, 1, 2, 3, 4], [6, 40, 25, 17, 12])[0]
        perms = [random_permission(rng, j) for j in range(n_perms)]
        kind = rng.choice(TYPE_NAMES)
        user = {"name": "" if rng.random() < 0.05 else "user",
                "roles": rng.sample(PRINCIPALS, rng.randint(0, 2)),
                "groups": rng.sample(PRINCIPALS, rng.randint(0, 2)),
                "namespaces": rng.sample(PRINCIPALS, rng.randint(0, 2))}
        required = random_tags(rng) if kind == "PERMISSION" else {}
        cases.append({"project": f"case{i}", "perms": perms, "user": user, "kind": kind, "name": random_name(rng),
                      "required_tags": required, "action": rng.choice(ACTIONS).name})
    return cases


def test_console_agrees_with_feast(tmp_path):
    count = int(os.environ.get("PERMISSION_CASES", "12000"))
    seed = int(os.environ.get("PERMISSION_SEED", "4"))
    cases = generate(count, seed)

    permissions = []
    for case in cases:
        for p in case["perms"]:
            permissions.append(dict(p, project=case["project"]))
    perm_file = tmp_path / "permissions.json"
    perm_file.write_text(json.dumps({"permissions": permissions}))
    batch = tmp_path / "queries.jsonl"
    with batch.open("w") as out:
        for case in cases:
            resource = {"kind": case["kind"].lower(), "project": case["project"], "name": case["name"], "tags": {}}
            if case["kind"] == "PERMISSION":
                resource["required_tags"] = case["required_tags"]
            out.write(json.dumps({"user": case["user"], "resource": resource, "action": case["action"].lower()}) + "\n")

    proc = subprocess.run([console_path(), "permissions", "check", "--permissions", str(perm_file),
                           "--batch", str(batch)], capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    answers = [json.loads(line) for line in proc.stdout.splitlines()]
    assert len(answers) == len(cases)

    disagreements = []
    unsupported = 0
    kinds = {"allowed": 0, "denied": 0, "error": 0}
    for case, answer in zip(cases, answers):
        if "not evaluated by the console" in answer.get("explanation", ""):
            unsupported += 1
            continue
        expected, deciding = feast_decision(case["perms"], case["user"], case["kind"], case["name"],
                                            case["required_tags"], case["action"])
        kinds[expected] += 1
        got = "error" if answer["decision"] == "error" else ("allowed" if answer["allowed"] else "denied")
        if got != expected or (deciding is not None and answer["permissions"] != deciding):
            disagreements.append({"case": case, "feast": [expected, deciding], "console": answer})
    report = tmp_path / "disagreements.json"
    report.write_text(json.dumps(disagreements[:50], indent=1, ensure_ascii=False))
    print(f"{len(cases)} cases: {kinds}, {unsupported} not evaluated by the console, "
          f"{len(disagreements)} disagreements")
    assert unsupported <= len(cases) // 100, "too many patterns the console does not evaluate"
    assert min(kinds.values()) > len(cases) // 50, f"case mix too narrow: {kinds}"
    assert not disagreements, json.dumps(disagreements[:5], indent=1, ensure_ascii=False)


# (pattern, name) pairs that make backtracking engines work hard or fail, and
# patterns at the edges of what Python's re accepts.
ISSUE_18 = ("(?:([a-z]+_?)+_v[0-9]+|[a-z_]+_latest)", "customer_transaction_stats_latest")
ADVERSARIAL = [
    ISSUE_18,
    ("(?:([a-z]+_?)+_v[0-9]+|[a-z_]+_latest)", "customer_stats_v"),
    ("(a+)+b", "a" * 21), ("(a+)+", "a" * 21 + "!"), ("(a|a)*b", "a" * 20), ("(a|aa)+$", "a" * 30 + "b"),
    ("(.*a){10}", "a" * 30), ("(?:a*)*b", "a" * 5000), ("(\\w+\\s?)+$", "word " * 6 + "!"),
    ("([a-z0-9_]+)*@", "customer_transaction"), ("(x+x+)+y", "x" * 20),
    ("(a*)\\1*b", "a" * 200), ("(\\w+)_\\1", "abc_abc"), ("(?P<x>a+)(?P=x)+", "a" * 1000),
    ("(a)(?(1)a|b)*", "a" * 10000), ("(?i)(\\w+)\\1", "Kk\u212a\u212a"),
    (".*", "a" * 10000), ("a*", "a" * 10000), ("(a|b)*", "ab" * 5000), ("(?:a|b)*c", "ab" * 5000),
    ("[a-z_]+", "a_" * 5000), ("\\w+_latest", "a" * 10000), (".*_latest", "x_" * 5000),
    ("(?s).*.*.*=", "a" * 600), ("(?:.*?,){11}P", "1," * 20), ("(?=(a+))\\1*b", "a" * 3000),
    ("\\b\\w+\\b", "a" * 10000 + " "), ("(?<=a)b|.*", "a" * 10000),
    ("(" * 100 + "a" + ")" * 100, "a"), ("(" * 200 + "a" + ")" * 200, "a"), ("(" * 201 + "a" + ")" * 201, "a"),
    ("(?:" * 300 + "a" + ")" * 300, "a"), ("(" * 492 + "a" + ")" * 492, "a"), ("(" * 493 + "a" + ")" * 493, "a"),
    ("(" * 3000 + "a" + ")" * 3000, "a"), ("(?:a|" * 150 + "b" + ")" * 150, "b"),
    ("(a)" + "(?(1)" * 300 + "a" + ")" * 300, "aa"), ("(?=" * 200 + "a" + ")" * 200 + "a", "a"),
    ("a{65535}", "a" * 65535), ("a{65536}", "a"), ("a{4294967294}", "a"), ("a{4294967295}", "a"),
    ("(?:a{1000}){1000}", "a" * 10), ("(?:ab){30000}", "ab"), (".{0,65535}x", "a" * 10000),
    ("a{,100000}", "a" * 100), ("(?:a{2}){3}{4}", "a" * 24), ("\\d{1,3}(,\\d{3})*", "1" + ",000" * 2000),
    (".*", "a\ud800"),
]
ADVERSARIAL_ATOMS = ["a", "b", "[ab]", ".", "\\w", "(?:a|ab)", "(a|b)", "a?", "(?:a|a)", "[^b]"]


def random_adversarial(rng: random.Random) -> tuple[str, str]:
    """A nested quantifier pattern and a name that almost matches it."""
    def piece(depth: int) -> str:
        if depth == 0 or rng.random() < 0.3:
            return rng.choice(ADVERSARIAL_ATOMS)
        inner = "".join(piece(depth - 1) for _ in range(rng.randint(1, 3)))
        return "(" + inner + ")" + rng.choice(["*", "+", "{1,5}", "?", "*?", "+"])
    pattern = "".join(piece(3) for _ in range(rng.randint(1, 3))) + rng.choice(["", "c", "$", "b", "\\1*c", "\\1+"])
    name = "".join(rng.choice("aab") for _ in range(rng.randint(8, 18))) + rng.choice(["", "!", "c"])
    return pattern, name


def adversarial_case(pattern: str, name: str) -> dict:
    perm = {"name": "p", "types": ["FEATURE_VIEW"], "name_patterns": [pattern], "required_tags": {},
            "actions": ["DESCRIBE"], "policy": {"kind": "role", "roles": ["r"]}, "tags": {}}
    return {"perms": [perm], "user": {"name": "u", "roles": ["r"], "groups": [], "namespaces": []},
            "kind": "FEATURE_VIEW", "name": name, "required_tags": {}, "action": "DESCRIBE"}


def _feast_in_child(case: dict, queue) -> None:
    queue.put(feast_decision(case["perms"], case["user"], case["kind"], case["name"], case["required_tags"],
                             case["action"])[0])


def feast_decision_within(case: dict, seconds: float):
    """Feast's outcome, or None when Python does not finish in time."""
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    child = context.Process(target=_feast_in_child, args=(case, queue))
    child.start()
    try:
        return queue.get(timeout=seconds)
    except Exception:
        return None
    finally:
        child.kill()
        child.join()


def test_adversarial_patterns(tmp_path):
    seed = int(os.environ.get("PERMISSION_SEED", "4"))
    rng = random.Random(seed)
    pairs = list(ADVERSARIAL) + [random_adversarial(rng) for _ in range(120)]
    cases = [dict(adversarial_case(p, n), project=f"adv{i}") for i, (p, n) in enumerate(pairs)]

    perm_file = tmp_path / "permissions.json"
    perm_file.write_text(json.dumps({"permissions": [dict(c["perms"][0], project=c["project"]) for c in cases]}))
    batch = tmp_path / "queries.jsonl"
    batch.write_text("".join(json.dumps({"user": c["user"], "resource": {"kind": "feature_view", "project": c["project"],
                                                                          "name": c["name"], "tags": {}},
                                         "action": "describe"}) + "\n" for c in cases))
    started = time.monotonic()
    proc = subprocess.run([console_path(), "permissions", "check", "--permissions", str(perm_file), "--batch", str(batch)],
                          capture_output=True, text=True, timeout=600)
    console_seconds = time.monotonic() - started
    assert proc.returncode == 0, proc.stderr
    answers = [json.loads(line) for line in proc.stdout.splitlines()]
    assert len(answers) == len(cases)

    wrong, unfinished, errors = [], [], 0
    for case, answer in zip(cases, answers):
        got = "error" if answer["decision"] == "error" else ("allowed" if answer["allowed"] else "denied")
        if got == "error":
            errors += 1
            assert answer["explanation"], answer  # an error always says why
        # Python needs 6-20 s for the issue's case, depending on the machine
        expected = feast_decision_within(case, 60.0 if case is cases[0] else 6.0)
        if expected is None:
            unfinished.append(case["perms"][0]["name_patterns"][0][:60])
        elif got not in (expected, "error"):
            wrong.append({"pattern": case["perms"][0]["name_patterns"][0][:200], "name": case["name"][:80],
                          "feast": expected, "console": answer})
    print(f"{len(cases)} adversarial cases: {errors} answered error by the console, {len(unfinished)} not finished "
          f"by Python in time, console took {console_seconds:.1f} s")
    assert not wrong, json.dumps(wrong[:5], indent=1, ensure_ascii=False)
    # The issue's case: Python grants after seconds of backtracking; so does the
    # console (a generous budget here, for slow machines; PCRE2 needs ~1.5 s).
    issue = subprocess.run([console_path(), "permissions", "check", "--permissions", str(perm_file), "--batch", "-"],
                           input=batch.read_text().splitlines()[0], capture_output=True, text=True, timeout=120,
                           env=dict(os.environ, FEAST_CONSOLE_REGEX_SECONDS="30"))
    assert json.loads(issue.stdout)["decision"] == "granted", issue.stdout + issue.stderr
