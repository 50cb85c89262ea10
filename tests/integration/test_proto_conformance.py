"""Conformance of Feast Console's own .proto declarations with Feast's wire protocol.

The console declares the part of Feast's protocol it uses under connectors/proto.
This module compiles those declarations with protoc and compares every message,
enum and service with the descriptors of an installed Feast (the reference):

* everything we declare exists in Feast under the same full name;
* every field we declare has the same number, name, type, label, type_name,
  proto3_optional flag and oneof membership (and map-ness);
* every field Feast has in a message we declare is declared by us too;
* enum values and service methods match in both directions;
* a Registry built with Feast's classes round-trips byte for byte through
  classes generated from our descriptors, with no unknown fields.

Environment:
  PROTOC              protoc binary (default: protoc)
  CONSOLE_PROTO_ROOT  root of our .proto tree (default: ../../connectors/proto
                      relative to this file)

Run with an interpreter that has Feast installed, e.g.
  /tmp/feastprobe/bin/python -m pytest -q tests/integration/test_proto_conformance.py
Without Feast the whole module is skipped.
"""

import copy
import functools
import importlib
import os
import pathlib
import shutil
import subprocess
import tempfile

import pytest

pytest.importorskip("feast", reason="Feast (the reference implementation) is not installed")

from google.protobuf import descriptor_pb2, descriptor_pool, message_factory  # noqa: E402

HERE = pathlib.Path(__file__).resolve().parent
PROTO_ROOT = pathlib.Path(
    os.environ.get("CONSOLE_PROTO_ROOT", str(HERE / ".." / ".." / "connectors" / "proto"))
).resolve()
PROTOC = os.environ.get("PROTOC", "protoc")
WKT_INCLUDE = os.environ.get("PROTOC_WKT_INCLUDE", "/usr/include")

FDP = descriptor_pb2.FieldDescriptorProto


# --------------------------------------------------------------------------- #
# Loading both sides
# --------------------------------------------------------------------------- #


@functools.lru_cache(maxsize=None)
def _compile():
    """Compile our protos into a FileDescriptorSet (with imports)."""
    protoc = shutil.which(PROTOC) or PROTOC
    protos = sorted(str(p) for p in PROTO_ROOT.rglob("*.proto"))
    assert protos, f"no .proto files under {PROTO_ROOT}"
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "console.desc")
        cmd = [protoc, "--include_imports", f"--descriptor_set_out={out}",
               f"-I{PROTO_ROOT}"]
        if os.path.isdir(WKT_INCLUDE):
            cmd.append(f"-I{WKT_INCLUDE}")
        cmd += protos
        proc = subprocess.run(cmd, capture_output=True, text=True)
        assert proc.returncode == 0, f"protoc failed: {' '.join(cmd)}\n{proc.stderr}"
        fds = descriptor_pb2.FileDescriptorSet()
        with open(out, "rb") as fh:
            fds.ParseFromString(fh.read())
    return fds, proc.stderr


def our_descriptor_set():
    return _compile()[0]


def our_files():
    return [f for f in our_descriptor_set().file if f.package.startswith("feast")]


@functools.lru_cache(maxsize=None)
def our_pool():
    pool = descriptor_pool.DescriptorPool()
    for f in our_descriptor_set().file:  # include_imports output is dependency ordered
        pool.Add(f)
    return pool


def feast_module_for(file_name):
    """feast/core/Registry.proto -> feast.protos.feast.core.Registry_pb2"""
    stem = file_name[: -len(".proto")].replace("/", ".")
    return importlib.import_module(f"feast.protos.{stem}_pb2")


@functools.lru_cache(maxsize=None)
def feast_file_protos():
    """Feast's FileDescriptorProtos for every file we declare, keyed by file name."""
    result = {}
    for f in our_files():
        try:
            mod = feast_module_for(f.name)
        except ImportError:
            result[f.name] = None
            continue
        proto = descriptor_pb2.FileDescriptorProto()
        mod.DESCRIPTOR.CopyToProto(proto)
        result[f.name] = proto
    return result


def _walk(file_proto):
    """Yield (kind, full_name, proto) for every message, enum and service of a file."""
    def join(scope, name):
        return f"{scope}.{name}" if scope else name

    def messages(scope, msgs):
        for m in msgs:
            full = join(scope, m.name)
            yield "message", full, m
            for e in m.enum_type:
                yield "enum", join(full, e.name), e
            yield from messages(full, m.nested_type)

    pkg = file_proto.package
    for e in file_proto.enum_type:
        yield "enum", join(pkg, e.name), e
    yield from messages(pkg, file_proto.message_type)
    for s in file_proto.service:
        yield "service", join(pkg, s.name), s


@functools.lru_cache(maxsize=None)
def feast_index():
    index = {}
    for proto in feast_file_protos().values():
        if proto is not None:
            for kind, full, p in _walk(proto):
                index[full] = (kind, p)
    return index


def our_elements(files=None):
    for f in (files if files is not None else our_files()):
        for kind, full, p in _walk(f):
            yield f.name, kind, full, p


# --------------------------------------------------------------------------- #
# Comparison
# --------------------------------------------------------------------------- #


def _oneof_of(msg, field):
    if field.HasField("oneof_index"):
        return msg.oneof_decl[field.oneof_index].name
    return None


def _field_facts(msg, field):
    return {
        "number": field.number,
        "name": field.name,
        "type": FDP.Type.Name(field.type),
        "label": FDP.Label.Name(field.label),
        "type_name": field.type_name,
        "proto3_optional": field.proto3_optional,
        "oneof": _oneof_of(msg, field),
    }


def compare_message(full, ours, theirs):
    problems = []
    if ours.options.map_entry != theirs.options.map_entry:
        problems.append(f"{full}: map_entry is {ours.options.map_entry}, Feast has "
                        f"{theirs.options.map_entry}")
    their_fields = {f.name: f for f in theirs.field}
    their_numbers = {f.number: f for f in theirs.field}
    for f in ours.field:
        tf = their_fields.get(f.name)
        if tf is None:
            other = their_numbers.get(f.number)
            hint = f" (Feast uses number {f.number} for '{other.name}')" if other else ""
            problems.append(f"{full}.{f.name}: field does not exist in Feast{hint}")
            continue
        mine, ref = _field_facts(ours, f), _field_facts(theirs, tf)
        for key in mine:
            if mine[key] != ref[key]:
                problems.append(f"{full}.{f.name}: {key} is {mine[key]!r}, Feast has {ref[key]!r}")
    our_names = {f.name for f in ours.field}
    for tf in theirs.field:
        if tf.name not in our_names:
            problems.append(f"{full}.{tf.name}: Feast field (number {tf.number}) is missing "
                            f"from our declaration")
    return problems


def compare_enum(full, ours, theirs):
    problems = []
    mine = {v.name: v.number for v in ours.value}
    ref = {v.name: v.number for v in theirs.value}
    for name, number in mine.items():
        if name not in ref:
            problems.append(f"{full}.{name}: enum value does not exist in Feast")
        elif ref[name] != number:
            problems.append(f"{full}.{name}: enum value is {number}, Feast has {ref[name]}")
    for name, number in ref.items():
        if name not in mine:
            problems.append(f"{full}.{name}: Feast enum value ({number}) is missing from "
                            f"our declaration")
    return problems


def compare_service(full, ours, theirs):
    problems = []
    ref = {m.name: m for m in theirs.method}
    mine = {m.name: m for m in ours.method}
    for name, m in mine.items():
        tm = ref.get(name)
        if tm is None:
            problems.append(f"{full}.{name}: method does not exist in Feast")
            continue
        for attr in ("input_type", "output_type", "client_streaming", "server_streaming"):
            if getattr(m, attr) != getattr(tm, attr):
                problems.append(f"{full}.{name}: {attr} is {getattr(m, attr)!r}, Feast has "
                                f"{getattr(tm, attr)!r}")
    for name in ref:
        if name not in mine:
            problems.append(f"{full}.{name}: Feast method is missing from our declaration")
    return problems


COMPARATORS = {"message": compare_message, "enum": compare_enum, "service": compare_service}


def check_element(kind, full, ours, index):
    ref = index.get(full)
    if ref is None:
        return [f"{full}: {kind} does not exist in Feast"]
    ref_kind, theirs = ref
    if ref_kind != kind:
        return [f"{full}: we declare a {kind}, Feast has a {ref_kind}"]
    return COMPARATORS[kind](full, ours, theirs)


def check_all(files):
    index = feast_index()
    problems = []
    for _, kind, full, p in our_elements(files):
        problems += check_element(kind, full, p, index)
    return problems


# --------------------------------------------------------------------------- #
# Tests
# --------------------------------------------------------------------------- #


def _element_ids():
    try:
        return [(kind, full) for _, kind, full, _ in our_elements()]
    except Exception as exc:  # surface protoc errors as a test failure, not a collection crash
        return [("error", str(exc))]


ELEMENTS = _element_ids()


def test_protoc_compiles_our_protos_without_warnings():
    warnings = _compile()[1].strip()
    if warnings:
        pytest.fail(f"protoc warnings:\n{warnings}", pytrace=False)
    files = our_files()
    assert files, "no feast.* files compiled"
    for f in files:
        assert f.syntax == "proto3", f"{f.name}: syntax is {f.syntax!r}"


def test_every_file_exists_in_feast():
    missing = [name for name, proto in feast_file_protos().items() if proto is None]
    assert not missing, f"files with no Feast counterpart: {missing}"
    wrong_pkg = [f"{f.name}: package {f.package} vs Feast {feast_file_protos()[f.name].package}"
                 for f in our_files()
                 if feast_file_protos()[f.name].package != f.package]
    assert not wrong_pkg, "\n".join(wrong_pkg)


@pytest.mark.parametrize("kind,full", ELEMENTS, ids=[f"{k}:{n}" for k, n in ELEMENTS])
def test_element_matches_feast(kind, full):
    assert kind != "error", full
    ours = {n: p for _, k, n, p in our_elements()}[full]
    problems = check_element(kind, full, ours, feast_index())
    if problems:
        pytest.fail("\n".join(problems), pytrace=False)


def test_scope_covers_registry_and_registry_server():
    """The console relies on these; make sure they stay declared."""
    declared = {n: k for _, k, n, _ in our_elements()}
    for name in ("feast.core.Registry", "feast.core.Project", "feast.core.Permission",
                 "feast.core.Policy", "feast.core.LabelView", "feast.core.FeatureViewVersionHistory",
                 "feast.core.DataSource", "feast.core.FeatureView", "feast.core.OnDemandFeatureView",
                 "feast.core.StreamFeatureView", "feast.core.FeatureService",
                 "feast.core.SavedDataset", "feast.core.ValidationReference", "feast.core.Infra",
                 "feast.types.Value", "feast.registry.RegistryServer"):
        assert name in declared, f"{name} is not declared"
    # Everything reachable from Registry and from the service must be declared by us.
    pool = our_pool()
    reachable = set()

    def visit(desc):
        if desc.full_name in reachable:
            return
        reachable.add(desc.full_name)
        for f in desc.fields:
            if f.message_type is not None:
                visit(f.message_type)
    visit(pool.FindMessageTypeByName("feast.core.Registry"))
    svc = pool.FindServiceByName("feast.registry.RegistryServer")
    for m in svc.methods:
        visit(m.input_type)
        visit(m.output_type)
    feast_reachable = set()

    def visit_feast(desc):
        if desc.full_name in feast_reachable:
            return
        feast_reachable.add(desc.full_name)
        for f in desc.fields:
            if f.message_type is not None:
                visit_feast(f.message_type)
    reg = feast_module_for("feast/registry/RegistryServer.proto")
    core = feast_module_for("feast/core/Registry.proto")
    visit_feast(core.Registry.DESCRIPTOR)
    for m in reg.DESCRIPTOR.services_by_name["RegistryServer"].methods:
        visit_feast(m.input_type)
        visit_feast(m.output_type)
    assert feast_reachable <= reachable, sorted(feast_reachable - reachable)


def test_checker_detects_omissions_and_mismatches():
    """Self-test: a tampered copy of our declarations must be reported."""
    files = [copy.deepcopy(f) for f in our_files()]
    registry_file = next(f for f in files if f.name == "feast/core/Registry.proto")
    registry = next(m for m in registry_file.message_type if m.name == "Registry")
    dropped = registry.field[-1].name
    del registry.field[-1]
    registry.field[0].number += 100
    policy_file = next(f for f in files if f.name == "feast/core/Policy.proto")
    policy = next(m for m in policy_file.message_type if m.name == "Policy")
    for f in policy.field:
        f.ClearField("oneof_index")
    problems = "\n".join(check_all(files))
    assert f"feast.core.Registry.{dropped}: Feast field" in problems
    assert f"feast.core.Registry.{registry.field[0].name}: number" in problems
    assert "feast.core.Policy.role_based_policy: oneof" in problems
    assert check_all(our_files()) == []


# --------------------------------------------------------------------------- #
# Round trip through our generated classes
# --------------------------------------------------------------------------- #


def _our_class(full_name):
    return message_factory.GetMessageClass(our_pool().FindMessageTypeByName(full_name))


def _is_repeated(field):
    # FieldDescriptor.label was removed in protobuf 6/7; is_repeated replaced it.
    if hasattr(field, "is_repeated"):
        return field.is_repeated
    return field.label == field.LABEL_REPEATED


def _assert_no_unknown_fields(msg, path="root"):
    from google.protobuf import unknown_fields
    assert len(unknown_fields.UnknownFieldSet(msg)) == 0, f"unknown fields at {path}"
    for field, value in msg.ListFields():
        if field.type != field.TYPE_MESSAGE:
            continue
        if field.message_type.GetOptions().map_entry:
            value_field = field.message_type.fields_by_name["value"]
            if value_field.type == value_field.TYPE_MESSAGE:
                for k, v in value.items():
                    _assert_no_unknown_fields(v, f"{path}.{field.name}[{k}]")
        elif _is_repeated(field):
            for i, v in enumerate(value):
                _assert_no_unknown_fields(v, f"{path}.{field.name}[{i}]")
        else:
            _assert_no_unknown_fields(value, f"{path}.{field.name}")


def _feast_registry():
    from feast.protos.feast.core import (DataSource_pb2, FeatureView_pb2, LabelView_pb2,
                                         Permission_pb2, Registry_pb2)
    from feast.protos.feast.types import Value_pb2

    reg = Registry_pb2.Registry(registry_schema_version="1", version_id="v-42")
    reg.last_updated.FromSeconds(1_700_000_000)

    proj = reg.projects.add()
    proj.spec.name = "driver_ranking"
    proj.spec.description = "demo"
    proj.spec.tags["team"] = "ml"
    proj.spec.owner = "ml@example.com"
    proj.meta.created_timestamp.FromSeconds(1_600_000_000)

    ent = reg.entities.add()
    ent.spec.name = "driver"
    ent.spec.project = "driver_ranking"
    ent.spec.join_key = "driver_id"
    ent.spec.value_type = Value_pb2.ValueType.INT64
    ent.spec.tags["pii"] = "no"

    src = reg.data_sources.add()
    src.name = "driver_stats"
    src.project = "driver_ranking"
    src.type = DataSource_pb2.DataSource.BATCH_FILE
    src.timestamp_field = "event_timestamp"
    src.field_mapping["a"] = "b"
    src.file_options.uri = "s3://bucket/driver_stats.parquet"
    src.file_options.file_format.parquet_format.SetInParent()
    src.meta.latestEventTimestamp.FromSeconds(1_650_000_000)

    push = reg.data_sources.add()
    push.name = "driver_push"
    push.type = DataSource_pb2.DataSource.PUSH_SOURCE
    push.batch_source.CopyFrom(src)
    push.push_options.SetInParent()

    fv = reg.feature_views.add()
    fv.spec.name = "driver_hourly_stats"
    fv.spec.project = "driver_ranking"
    fv.spec.entities.append("driver")
    feat = fv.spec.features.add(name="conv_rate", value_type=Value_pb2.ValueType.FLOAT)
    feat.tags["unit"] = "ratio"
    fv.spec.features.add(name="embedding", value_type=Value_pb2.ValueType.FLOAT_LIST,
                         vector_index=True, vector_length=8)
    fv.spec.ttl.FromSeconds(86400)
    fv.spec.batch_source.CopyFrom(src)
    fv.spec.online = True
    fv.meta.current_version_number = 3
    fv.meta.state = FeatureView_pb2.FeatureViewState.AVAILABLE_ONLINE
    iv = fv.meta.materialization_intervals.add()
    iv.start_time.FromSeconds(1_600_000_000)
    iv.end_time.FromSeconds(1_600_003_600)

    odfv = reg.on_demand_feature_views.add()
    odfv.spec.name = "transformed_conv_rate"
    odfv.spec.project = "driver_ranking"
    odfv.spec.mode = "python"
    odfv.spec.features.add(name="conv_rate_plus_1", value_type=Value_pb2.ValueType.DOUBLE)

    sfv = reg.stream_feature_views.add()
    sfv.spec.name = "driver_stream"
    sfv.spec.project = "driver_ranking"
    agg = sfv.spec.aggregations.add(column="conv_rate", function="sum")
    agg.time_window.FromSeconds(3600)

    fs = reg.feature_services.add()
    fs.spec.name = "driver_activity"
    fs.spec.project = "driver_ranking"
    proj_ = fs.spec.features.add(feature_view_name="driver_hourly_stats")
    proj_.feature_columns.add(name="conv_rate", value_type=Value_pb2.ValueType.FLOAT)
    proj_.join_key_map["driver_id"] = "driver"
    proj_.version_tag = 0  # proto3 optional: presence must survive the round trip

    ds = reg.saved_datasets.add()
    ds.spec.name = "training_set"
    ds.spec.project = "driver_ranking"
    ds.spec.features.append("driver_hourly_stats:conv_rate")
    ds.spec.storage.file_storage.uri = "file:///tmp/ds.parquet"

    vr = reg.validation_references.add(name="ref", reference_dataset_name="training_set",
                                       project="driver_ranking")
    vr.ge_profile.expectation_suite = b"{}"
    vr.tags["k"] = "v"

    perm = reg.permissions.add()
    perm.spec.name = "readers"
    perm.spec.project = "driver_ranking"
    perm.spec.types.extend([Permission_pb2.PermissionSpec.FEATURE_VIEW,
                            Permission_pb2.PermissionSpec.LABEL_VIEW])
    perm.spec.name_patterns.append("driver_.*")
    perm.spec.actions.extend([Permission_pb2.PermissionSpec.DESCRIBE,
                              Permission_pb2.PermissionSpec.READ_ONLINE])
    perm.spec.policy.role_based_policy.roles.extend(["reader", "analyst"])
    perm.spec.required_tags["env"] = "prod"
    perm2 = reg.permissions.add()
    perm2.spec.name = "ns"
    perm2.spec.policy.combined_group_namespace_policy.groups.append("g")
    perm2.spec.policy.combined_group_namespace_policy.namespaces.append("n")

    lv = reg.label_views.add()
    lv.spec.name = "driver_labels"
    lv.spec.project = "driver_ranking"
    lv.spec.labeler_field = "labeler"
    lv.spec.conflict_policy = LabelView_pb2.ConflictResolutionPolicy.MAJORITY_VOTE
    lv.spec.reference_feature_view = "driver_hourly_stats"
    lv.meta.created_timestamp.FromSeconds(1_600_000_000)

    rec = reg.feature_view_version_history.records.add()
    rec.feature_view_name = "driver_hourly_stats"
    rec.project_id = "driver_ranking"
    rec.version_number = 3
    rec.feature_view_type = "feature_view"
    rec.feature_view_proto = fv.SerializeToString()
    rec.version_id = "fvv-3"

    tbl = reg.infra.infra_objects.add()
    tbl.infra_object_class_type = "feast.infra.online_stores.sqlite.SqliteTable"
    tbl.sqlite_table.path = "/tmp/online.db"
    tbl.sqlite_table.name = "driver_ranking_driver_hourly_stats"

    return reg


def _roundtrip(feast_msg):
    wire = feast_msg.SerializeToString(deterministic=True)
    ours = _our_class(feast_msg.DESCRIPTOR.full_name)()
    ours.ParseFromString(wire)
    _assert_no_unknown_fields(ours)
    again = ours.SerializeToString(deterministic=True)
    assert again == wire, f"{feast_msg.DESCRIPTOR.full_name}: re-serialized bytes differ"
    # and back into Feast's own class
    back = type(feast_msg)()
    back.ParseFromString(again)
    assert back == feast_msg
    return ours


def test_registry_roundtrip_is_byte_identical():
    reg = _feast_registry()
    ours = _roundtrip(reg)
    assert ours.projects[0].spec.name == "driver_ranking"
    assert ours.permissions[0].spec.policy.WhichOneof("policy_type") == "role_based_policy"
    assert ours.data_sources[0].WhichOneof("options") == "file_options"
    assert ours.feature_services[0].spec.features[0].HasField("version_tag")
    assert ours.label_views[0].spec.reference_feature_view == "driver_hourly_stats"
    assert ours.feature_view_version_history.records[0].version_number == 3


def test_registry_server_messages_roundtrip():
    from feast.protos.feast.registry import RegistryServer_pb2 as rs

    reg = _feast_registry()
    projects = rs.ListProjectsResponse()
    projects.projects.extend(reg.projects)
    projects.pagination.total_count = 1
    projects.pagination.has_next = False
    _roundtrip(projects)

    perms = rs.ListPermissionsResponse()
    perms.permissions.extend(reg.permissions)
    perms.pagination.page = 2
    perms.pagination.has_previous = True
    _roundtrip(perms)

    apply_perm = rs.ApplyPermissionRequest(project="driver_ranking", commit=True)
    apply_perm.permission.CopyFrom(reg.permissions[0])
    _roundtrip(apply_perm)

    feats = rs.ListFeaturesResponse()
    f = feats.features.add(name="conv_rate", feature_view="driver_hourly_stats", type="Float32")
    f.tags["unit"] = "ratio"
    f.created_timestamp.FromSeconds(1_600_000_000)
    _roundtrip(feats)

    all_fvs = rs.ListAllFeatureViewsResponse()
    any_fv = all_fvs.feature_views.add()
    any_fv.feature_view.CopyFrom(reg.feature_views[0])
    _roundtrip(all_fvs)
