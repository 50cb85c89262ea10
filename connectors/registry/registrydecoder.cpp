#include "registry/registrydecoder.h"

#include "registry/protoconvert.h"
#include "registry/wirevalidator.h"

#include "feast/core/Registry.pb.h"

#include <google/protobuf/wire_format_lite.h>

#include <QHash>
#include <QTimeZone>
#include <QSet>

namespace feastconsole {

using google::protobuf::internal::WireFormatLite;

namespace {

// Field numbers of feast.core.Registry, from the message's descriptor.
int fieldNumber(const char *name)
{
    return feast::core::Registry::descriptor()->FindFieldByName(name)->number();
}

struct RegistryFields {
    int entities = fieldNumber("entities");
    int dataSources = fieldNumber("data_sources");
    int featureViews = fieldNumber("feature_views");
    int onDemandViews = fieldNumber("on_demand_feature_views");
    int streamViews = fieldNumber("stream_feature_views");
    int labelViews = fieldNumber("label_views");
    int featureServices = fieldNumber("feature_services");
    int savedDatasets = fieldNumber("saved_datasets");
    int validationReferences = fieldNumber("validation_references");
    int permissions = fieldNumber("permissions");
    int projects = fieldNumber("projects");
};

ConnectionError corrupt(const QString &source, qsizetype at, const QString &what)
{
    return {ErrorCategory::BadInput,
            QStringLiteral("%1 is not a valid Feast registry (%2 at byte %3)").arg(source, what).arg(at)};
}

// Views may name their kind only loosely (a feature service projects a view
// by name); point each reference at the kind that really exists.
void resolveViewReferences(RegistrySnapshot &snap)
{
    QHash<QString, ObjectKind> viewKinds;
    for (const CatalogObject &o : snap.objects) {
        if (isViewKind(o.kind))
            viewKinds.insert(o.project + u'\x1f' + o.name, o.kind);
    }
    for (CatalogObject &o : snap.objects) {
        for (ObjectRef &ref : o.references) {
            if (ref.kind != ObjectKind::FeatureView)
                continue;
            const QString project = ref.project.isEmpty() ? o.project : ref.project;
            ref.kind = viewKinds.value(project + u'\x1f' + ref.name, ObjectKind::FeatureView);
        }
    }
}

void addMissingProjects(RegistrySnapshot &snap)
{
    QSet<QString> declared;
    QStringList used;
    for (const CatalogObject &o : snap.objects) {
        if (o.kind == ObjectKind::Project)
            declared.insert(o.name);
        else if (!o.project.isEmpty() && !used.contains(o.project))
            used.append(o.project);
    }
    for (const QString &project : std::as_const(used)) {
        if (declared.contains(project))
            continue;
        CatalogObject p;
        p.kind = ObjectKind::Project;
        p.name = project;
        p.project = project;
        snap.objects.push_back(std::move(p));
    }
}

} // namespace

DecodeResult decodeRegistry(QByteArray wire, const QString &source, const CancelFlag *cancel,
                            const ProgressCallback &progress)
{
    static const RegistryFields fields;
    static const WireValidator validator(feast::core::Registry::descriptor());
    auto snap = std::make_shared<RegistrySnapshot>();
    snap->source = source;
    snap->loadedAt = QDateTime::currentDateTimeUtc();
    snap->wire = std::move(wire);
    const QByteArray &bytes = snap->wire;
    const qsizetype step = std::max<qsizetype>(bytes.size() / 25, 1);
    qsizetype lastReported = 0;
    // Reports progress every `step` bytes; false once the load is cancelled.
    auto keepGoing = [&](qsizetype pos, int from, int span, const QString &text) {
        if (pos - lastReported < step)
            return true;
        lastReported = pos;
        if (cancel && cancel->isCancelled())
            return false;
        if (progress)
            progress(int(from + span * pos / bytes.size()), text);
        return true;
    };
    const DecodeResult cancelled{nullptr, {ErrorCategory::Cancelled, QStringLiteral("cancelled")}};

    // First the whole registry is checked as Feast's parser would check it
    // (an empty file is an empty registry to Feast, too), so nothing of a
    // registry Feast cannot read is ever shown as if it were complete.
    for (qsizetype pos = 0; pos < bytes.size();) {
        WireField field;
        const WireFault fault = validator.readField(bytes, pos, &field);
        if (fault.isFault())
            return {nullptr, corrupt(source, fault.offset, fault.what)};
        pos = field.end;
        if (!keepGoing(pos, 40, 20, QStringLiteral("Checking")))
            return cancelled;
    }

    ProtoConverter converter(*snap);
    // A feature takes at least 7 bytes on the wire, so this bounds the rows.
    // Untouched capacity costs address space, not memory; growing by copying
    // would briefly hold two copies of the rows.
    snap->features.reserve(bytes.size() / 7, bytes.size() / 3);
    lastReported = 0;
    for (qsizetype pos = 0; pos < bytes.size();) {
        const WireField field = WireValidator::skimField(bytes, pos);
        pos = field.end;
        if (field.wireType != WireFormatLite::WIRETYPE_LENGTH_DELIMITED)
            continue;
        const WireSlice slice{field.valueBegin, field.end - field.valueBegin};
        const char *begin = bytes.constData() + slice.offset;
        const int number = field.number;
        bool ok = true;
        if (number == fields.entities)
            ok = converter.addEntity(begin, slice);
        else if (number == fields.dataSources)
            ok = converter.addDataSource(begin, slice);
        else if (number == fields.featureViews)
            ok = converter.addFeatureView(begin, slice);
        else if (number == fields.onDemandViews)
            ok = converter.addOnDemandFeatureView(begin, slice);
        else if (number == fields.streamViews)
            ok = converter.addStreamFeatureView(begin, slice);
        else if (number == fields.labelViews)
            ok = converter.addLabelView(begin, slice);
        else if (number == fields.featureServices)
            ok = converter.addFeatureService(begin, slice);
        else if (number == fields.savedDatasets)
            ok = converter.addSavedDataset(begin, slice);
        else if (number == fields.validationReferences)
            ok = converter.addValidationReference(begin, slice);
        else if (number == fields.permissions)
            ok = converter.addPermission(begin, slice);
        else if (number == fields.projects)
            ok = converter.addProject(begin, slice);
        if (!ok) // the checks above are stricter than the C++ parser: a bug if reached
            return {nullptr, corrupt(source, field.begin, QStringLiteral("undecodable object"))};
        if (!keepGoing(pos, 60, 30, QStringLiteral("Decoding")))
            return cancelled;
    }
    addMissingProjects(*snap);
    resolveViewReferences(*snap);
    return {std::move(snap), {}};
}

} // namespace feastconsole
