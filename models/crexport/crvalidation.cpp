#include "crexport/crvalidation.h"

#include "crexport/k8snames.h"
#include "crexport/yamlscalar.h"

namespace feastconsole {

namespace {

void checkStringMap(const YAML::Node &map, const QString &path, ValidationReport &report)
{
    if (!map.IsDefined() || map.IsNull())
        return;
    if (!map.IsMap()) {
        report.errors.append({path, QStringLiteral("must be a mapping of strings")});
        return;
    }
    for (const auto &kv : map) {
        if (jsonTypeOf(kv.second) != JsonType::String)
            report.errors.append({path + QStringLiteral("[\"") + qstr(kv.first) + QStringLiteral("\"]"),
                                  QStringLiteral("must be a string, not %1 (quote it)").arg(QString::fromLatin1(jsonTypeName(jsonTypeOf(kv.second))))});
    }
}

// What every object needs; returns false when it is not an object at all.
bool checkCommon(const YAML::Node &doc, ValidationReport &report)
{
    if (!doc.IsMap()) {
        report.errors.append({QString(), QStringLiteral("is not a Kubernetes object (expected a mapping with apiVersion, kind and metadata)")});
        return false;
    }
    for (const char *field : {"apiVersion", "kind"}) {
        if (jsonTypeOf(child(doc, field)) != JsonType::String || qstr(child(doc, field)).isEmpty())
            report.errors.append({QString::fromLatin1(field), QStringLiteral("is required (a string)")});
    }
    const YAML::Node meta = child(doc, "metadata");
    if (!meta.IsMap()) {
        report.errors.append({QStringLiteral("metadata"), QStringLiteral("is required (a mapping with a name)")});
        return false;
    }
    if (jsonTypeOf(child(meta, "name")) != JsonType::String)
        report.errors.append({QStringLiteral("metadata.name"), QStringLiteral("is required (a string)")});
    if (child(meta, "namespace").IsDefined())
        report.errors += checkNamespace(qstr(child(meta, "namespace")));
    checkStringMap(child(meta, "labels"), QStringLiteral("metadata.labels"), report);
    checkStringMap(child(meta, "annotations"), QStringLiteral("metadata.annotations"), report);
    return true;
}

} // namespace

ValidationReport validateFeatureStore(const YAML::Node &cr, const CrdSchema &crd)
{
    ValidationReport report;
    if (!checkCommon(cr, report))
        return report;
    if (qstr(child(cr, "apiVersion")) != crd.apiVersion())
        report.errors.append({QStringLiteral("apiVersion"), QStringLiteral("must be %1, not \"%2\"").arg(crd.apiVersion(), qstr(child(cr, "apiVersion")))});
    if (qstr(child(cr, "kind")) != crd.kind())
        report.errors.append({QStringLiteral("kind"), QStringLiteral("must be %1").arg(crd.kind())});
    if (jsonTypeOf(child(child(cr, "metadata"), "name")) == JsonType::String)
        report.errors += checkFeatureStoreName(qstr(child(child(cr, "metadata"), "name")));
    if (!child(cr, "spec").IsDefined() || child(cr, "spec").IsNull())
        report.errors.append({QStringLiteral("spec"), QStringLiteral("is required")});
    // metadata is the API server's, not the CRD's: validate the rest only.
    YAML::Node rest = yamlMap();
    for (const auto &kv : cr) {
        if (kv.first.Scalar() != "metadata")
            rest[kv.first] = kv.second;
    }
    report.append(validateAgainstSchema(rest, crd.schema()));
    return report;
}

ValidationReport validateManifest(const YAML::Node &doc, const CrdSchema &crd)
{
    if (doc.IsMap() && qstr(child(doc, "kind")) == crd.kind())
        return validateFeatureStore(doc, crd);
    ValidationReport report;
    if (!checkCommon(doc, report))
        return report;
    const QString name = qstr(child(child(doc, "metadata"), "name"));
    if (qstr(child(doc, "kind")) == u"Namespace")
        report.errors += checkNamespace(name, QStringLiteral("metadata.name"));
    else if (!name.isEmpty())
        report.errors += checkObjectName(name);
    return report;
}

QString describeDocument(const YAML::Node &doc, int index)
{
    if (!doc.IsMap())
        return QStringLiteral("document %1").arg(index + 1);
    const YAML::Node meta = child(doc, "metadata");
    const QString ns = meta.IsMap() ? qstr(child(meta, "namespace")) : QString();
    const QString name = meta.IsMap() ? qstr(child(meta, "name")) : QString();
    return QStringLiteral("document %1 (%2 %3%4)")
        .arg(index + 1)
        .arg(qstr(child(doc, "kind")).isEmpty() ? QStringLiteral("?") : qstr(child(doc, "kind")), ns.isEmpty() ? QString() : ns + u'/',
             name.isEmpty() ? QStringLiteral("?") : name);
}

QList<DocumentReport> validateDocuments(const std::vector<YAML::Node> &docs, const CrdSchema &crd)
{
    QList<DocumentReport> reports;
    int index = 0;
    for (const YAML::Node &doc : docs) {
        reports.append({describeDocument(doc, index), validateManifest(doc, crd)});
        ++index;
    }
    return reports;
}

QList<DocumentReport> validateBundle(const ExportBundle &bundle, const CrdSchema &crd)
{
    std::vector<YAML::Node> docs;
    for (const Manifest &m : bundle.manifests)
        docs.push_back(m.node);
    return validateDocuments(docs, crd);
}

bool allValid(const QList<DocumentReport> &reports)
{
    for (const DocumentReport &r : reports) {
        if (!r.report.ok())
            return false;
    }
    return true;
}

} // namespace feastconsole
