#include "crexport/crdschema.h"

#include "crexport/yamlscalar.h"

#include <QFile>
#include <QMutex>

namespace feastconsole {

std::shared_ptr<const CrdSchema> CrdSchema::fromYaml(const QByteArray &yaml, const QString &source, QString *error,
                                                     const QString &version)
{
    auto fail = [&](const QString &message) -> std::shared_ptr<const CrdSchema> {
        if (error)
            *error = QStringLiteral("CRD %1: %2").arg(source, message);
        return nullptr;
    };
    std::vector<YAML::Node> docs;
    try {
        docs = YAML::LoadAll(yaml.toStdString());
    } catch (const YAML::Exception &e) {
        return fail(QStringLiteral("invalid YAML: %1").arg(QString::fromStdString(e.what())));
    }
    for (const YAML::Node &doc : docs) {
        if (!doc.IsMap() || qstr(child(doc, "kind")) != u"CustomResourceDefinition")
            continue;
        const YAML::Node spec = child(doc, "spec");
        if (!spec.IsMap() || !child(spec, "versions").IsSequence())
            return fail(QStringLiteral("no spec.versions"));
        for (const YAML::Node &v : child(spec, "versions")) {
            if (qstr(child(v, "name")) != version)
                continue;
            const YAML::Node schema = child(child(v, "schema"), "openAPIV3Schema");
            if (!schema.IsMap())
                return fail(QStringLiteral("version %1 has no openAPIV3Schema").arg(version));
            auto crd = std::shared_ptr<CrdSchema>(new CrdSchema);
            crd->m_schema = schema;
            crd->m_source = source;
            crd->m_group = qstr(child(spec, "group"));
            crd->m_kind = qstr(child(child(spec, "names"), "kind"));
            crd->m_version = version;
            return crd;
        }
        return fail(QStringLiteral("no version \"%1\"").arg(version));
    }
    return fail(QStringLiteral("no CustomResourceDefinition document"));
}

std::shared_ptr<const CrdSchema> CrdSchema::fromFile(const QString &path, QString *error, const QString &version)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = QStringLiteral("cannot read CRD %1: %2").arg(path, file.errorString());
        return nullptr;
    }
    return fromYaml(file.readAll(), path, error, version);
}

std::shared_ptr<const CrdSchema> CrdSchema::loadDefault(QString *error)
{
    static QMutex mutex;
    static CrdSchemaPtr cached;
    static QString cachedError;
    QMutexLocker lock(&mutex);
    if (!cached && cachedError.isEmpty()) {
        const QString fromEnv = qEnvironmentVariable("FEAST_CONSOLE_CRD");
        if (!fromEnv.isEmpty())
            cached = fromFile(fromEnv, &cachedError);
        else if (QFile::exists(QString::fromLatin1(embeddedPath)))
            cached = fromFile(QString::fromLatin1(embeddedPath), &cachedError);
        else
            cachedError = QStringLiteral("no FeatureStore CRD: this build embeds none; set FEAST_CONSOLE_CRD "
                                         "to the Operator's feast.dev_featurestores.yaml");
    }
    if (!cached && error)
        *error = cachedError;
    return cached;
}

QString CrdSchema::feastProjectPattern() const
{
    const YAML::Node &s = m_schema;
    return qstr(child(child(child(child(child(s, "properties"), "spec"), "properties"), "feastProject"), "pattern"));
}

} // namespace feastconsole
