#include "registrydecoder.h"

#include "protoconvert.h"

#include "feast/core/Registry.pb.h"

#include <google/protobuf/io/coded_stream.h>
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
    auto snap = std::make_shared<RegistrySnapshot>();
    snap->source = source;
    snap->loadedAt = QDateTime::currentDateTimeUtc();
    snap->wire = std::move(wire);
    const QByteArray &bytes = snap->wire;
    if (bytes.isEmpty())
        return {nullptr, {ErrorCategory::BadInput, QStringLiteral("%1 is empty, not a Feast registry").arg(source)}};

    const auto *data = reinterpret_cast<const quint8 *>(bytes.constData());
    google::protobuf::io::CodedInputStream in(data, int(bytes.size()));
    in.SetTotalBytesLimit(INT_MAX);
    ProtoConverter converter(*snap);
    // A feature takes at least 7 bytes on the wire, so this bounds the rows.
    // Untouched capacity costs address space, not memory; growing by copying
    // would briefly hold two copies of the rows.
    snap->features.reserve(bytes.size() / 7, bytes.size() / 3);
    qsizetype lastReported = 0;
    const qsizetype step = std::max<qsizetype>(bytes.size() / 50, 1);

    while (true) {
        const quint32 tag = in.ReadTag();
        if (tag == 0) {
            if (in.CurrentPosition() != bytes.size())
                return {nullptr, corrupt(source, in.CurrentPosition(), QStringLiteral("unreadable field"))};
            break;
        }
        const int number = int(WireFormatLite::GetTagFieldNumber(tag));
        const auto wireType = WireFormatLite::GetTagWireType(tag);
        if (wireType != WireFormatLite::WIRETYPE_LENGTH_DELIMITED) {
            if (!WireFormatLite::SkipField(&in, tag))
                return {nullptr, corrupt(source, in.CurrentPosition(), QStringLiteral("truncated field"))};
            continue;
        }
        quint32 length = 0;
        if (!in.ReadVarint32(&length) || qsizetype(length) > bytes.size() - in.CurrentPosition())
            return {nullptr, corrupt(source, in.CurrentPosition(), QStringLiteral("truncated data"))};
        const WireSlice slice{in.CurrentPosition(), qsizetype(length)};
        const char *begin = bytes.constData() + slice.offset;
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
        if (!ok)
            return {nullptr, corrupt(source, slice.offset, QStringLiteral("undecodable object"))};
        if (!in.Skip(int(length)))
            return {nullptr, corrupt(source, in.CurrentPosition(), QStringLiteral("truncated data"))};

        if (in.CurrentPosition() - lastReported >= step) {
            lastReported = in.CurrentPosition();
            if (cancel && cancel->isCancelled())
                return {nullptr, {ErrorCategory::Cancelled, QStringLiteral("cancelled")}};
            if (progress)
                progress(int(40 + 50 * lastReported / bytes.size()), QStringLiteral("Decoding"));
        }
    }
    addMissingProjects(*snap);
    resolveViewReferences(*snap);
    return {std::move(snap), {}};
}

} // namespace feastconsole
