#pragma once

#include <QString>

#include <yaml-cpp/yaml.h>

#include <memory>

namespace feastconsole {

// The Feast Operator's FeatureStore CustomResourceDefinition, reduced to what
// the exporter validates against: the openAPIV3Schema of one served version.
class CrdSchema
{
public:
    static constexpr const char *embeddedPath = ":/crd/featurestore.v1.json";

    // Reads a CRD (YAML, possibly several documents) and picks `version`.
    static std::shared_ptr<const CrdSchema> fromYaml(const QByteArray &yaml, const QString &source,
                                                     QString *error, const QString &version = QStringLiteral("v1"));
    static std::shared_ptr<const CrdSchema> fromFile(const QString &path, QString *error,
                                                     const QString &version = QStringLiteral("v1"));
    // $FEAST_CONSOLE_CRD, else the copy embedded at build time; loaded once.
    static std::shared_ptr<const CrdSchema> loadDefault(QString *error);

    const YAML::Node &schema() const { return m_schema; }
    QString source() const { return m_source; }
    QString group() const { return m_group; }
    QString kind() const { return m_kind; }
    QString version() const { return m_version; }
    QString apiVersion() const { return m_group + u'/' + m_version; }
    // The pattern spec.feastProject must match (empty if the CRD has none).
    QString feastProjectPattern() const;

private:
    CrdSchema() = default;
    YAML::Node m_schema;
    QString m_source, m_group, m_kind, m_version;
};

using CrdSchemaPtr = std::shared_ptr<const CrdSchema>;

} // namespace feastconsole
