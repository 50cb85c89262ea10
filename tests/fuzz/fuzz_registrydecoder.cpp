// libFuzzer target for the registry decoder (issue 18): any bytes must decode
// or be refused without a crash, a hang or undefined behaviour, and the answer
// must agree with protobuf's generated parser of feast.core.Registry:
//  - accepted: the C++ parser accepts too, and the objects are exactly its
//    objects, kind by kind in wire order, features included;
//  - refused: one line naming the input and a byte offset inside it; the C++
//    parser may only accept it for the one rule where it is more lenient than
//    Feast's Python parser (tags over 32 bits, which it truncates).
#include "registry/protoconvert.h"
#include "registry/registrydecoder.h"

#include "feast/core/Registry.pb.h"

#include <google/protobuf/stubs/logging.h>

#include <QRegularExpression>

#include <cstdint>
#include <cstdlib>

using namespace feastconsole;

namespace {

QString qs(const std::string &s)
{
    return QString::fromUtf8(s.data(), qsizetype(s.size()));
}

// The console's objects of one kind, in order, against the reference's.
template<typename List, typename NameOf>
void compareKind(const RegistrySnapshot &snap, ObjectKind kind, const List &reference, NameOf nameOf)
{
    qsizetype next = 0;
    auto skipHidden = [&] { // the placeholder entity is hidden, as Feast's SDK hides it
        while (next < reference.size() && kind == ObjectKind::Entity
               && nameOf(reference.Get(int(next))).first == QLatin1String(ProtoConverter::dummyEntityName))
            ++next;
    };
    for (const CatalogObject &o : snap.objects) {
        if (o.kind != kind)
            continue;
        skipHidden();
        if (next >= reference.size()) {
            if (kind == ObjectKind::Project && o.project == o.name)
                continue; // added for objects of an undeclared project
            abort();
        }
        const auto [name, project] = nameOf(reference.Get(int(next++)));
        if (o.name != name || o.project != project || !o.wire.isValid())
            abort();
    }
    skipHidden();
    if (next != reference.size()) // an object the console lost
        abort();
}

template<typename List>
void compareFeatures(const RegistrySnapshot &snap, ObjectKind kind, const List &reference)
{
    int next = 0;
    for (const CatalogObject &o : snap.objects) {
        if (o.kind != kind)
            continue;
        const auto &features = reference.Get(next++).spec().features();
        if (int(o.featureCount) != features.size() || o.firstFeature + o.featureCount > quint64(snap.features.size()))
            abort();
        for (int i = 0; i < features.size(); ++i) {
            if (snap.features.nameUtf8(o.firstFeature + quint32(i)) != QByteArrayView(features.Get(i).name()))
                abort();
        }
    }
}

template<typename Message>
std::pair<QString, QString> specName(const Message &m)
{
    return {qs(m.spec().name()), qs(m.spec().project())};
}

template<typename Message>
std::pair<QString, QString> ownName(const Message &m)
{
    return {qs(m.name()), qs(m.project())};
}

void checkAccepted(const RegistrySnapshot &snap, const feast::core::Registry &reference, size_t size)
{
    if (snap.wire.size() != qsizetype(size))
        abort();
    for (const CatalogObject &o : snap.objects) {
        if (o.wire.isValid() && (o.wire.offset < 0 || o.wire.offset + o.wire.length > qsizetype(size)))
            abort();
    }
    compareKind(snap, ObjectKind::Entity, reference.entities(), specName<feast::core::Entity>);
    compareKind(snap, ObjectKind::DataSource, reference.data_sources(), ownName<feast::core::DataSource>);
    compareKind(snap, ObjectKind::FeatureView, reference.feature_views(), specName<feast::core::FeatureView>);
    compareKind(snap, ObjectKind::OnDemandFeatureView, reference.on_demand_feature_views(),
                specName<feast::core::OnDemandFeatureView>);
    compareKind(snap, ObjectKind::StreamFeatureView, reference.stream_feature_views(),
                specName<feast::core::StreamFeatureView>);
    compareKind(snap, ObjectKind::LabelView, reference.label_views(), specName<feast::core::LabelView>);
    compareKind(snap, ObjectKind::FeatureService, reference.feature_services(), specName<feast::core::FeatureService>);
    compareKind(snap, ObjectKind::SavedDataset, reference.saved_datasets(), specName<feast::core::SavedDataset>);
    compareKind(snap, ObjectKind::ValidationReference, reference.validation_references(),
                ownName<feast::core::ValidationReference>);
    compareKind(snap, ObjectKind::Permission, reference.permissions(), specName<feast::core::Permission>);
    compareKind(snap, ObjectKind::Project, reference.projects(), [](const feast::core::Project &p) {
        return std::pair{qs(p.spec().name()), qs(p.spec().name())};
    });
    if (snap.countOf(ObjectKind::FeatureView) != reference.feature_views_size()
        || snap.countOf(ObjectKind::Permission) != reference.permissions_size()
        || snap.countOf(ObjectKind::Project) < reference.projects_size())
        abort();
    compareFeatures(snap, ObjectKind::FeatureView, reference.feature_views());
    compareFeatures(snap, ObjectKind::OnDemandFeatureView, reference.on_demand_feature_views());
    compareFeatures(snap, ObjectKind::StreamFeatureView, reference.stream_feature_views());
    compareFeatures(snap, ObjectKind::LabelView, reference.label_views());
}

void checkRefused(const ConnectionError &error, size_t size, bool referenceAccepts)
{
    static const QRegularExpression line(
        QStringLiteral("^fuzz\\.db is not a valid Feast registry \\(([^\\n]+) at byte (\\d+)\\)$"));
    const QRegularExpressionMatch m = line.match(error.message);
    if (error.category != ErrorCategory::BadInput || !m.hasMatch() || m.captured(2).toULongLong() > size)
        abort();
    if (referenceAccepts && m.captured(1) != QLatin1String("field tag over 32 bits"))
        abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const bool quiet = [] { // the C++ parser logs each invalid UTF-8 string
        google::protobuf::SetLogHandler(nullptr);
        return true;
    }();
    (void)quiet;
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    const DecodeResult result = decodeRegistry(bytes, QStringLiteral("fuzz.db"));
    feast::core::Registry reference;
    const bool referenceAccepts = reference.ParseFromArray(data, int(size));
    if (result.snapshot) {
        if (!referenceAccepts)
            abort();
        checkAccepted(*result.snapshot, reference, size);
    } else {
        checkRefused(result.error, size, referenceAccepts);
    }
    return 0;
}
