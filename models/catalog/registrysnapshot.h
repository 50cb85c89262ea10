#pragma once

#include "catalog/objectkind.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QVariantMap>

#include <limits>
#include <memory>
#include <utility>
#include <vector>

namespace feastconsole {

using Tags = QList<std::pair<QString, QString>>; // sorted by key

QString tagValue(const Tags &tags, QStringView key);

// Where an object's message lies inside RegistrySnapshot::wire: the exact bytes
// Feast sent, unknown fields included, so an edit can re-send what we don't model.
struct WireSlice {
    qsizetype offset = -1;
    qsizetype length = 0;
    bool isValid() const { return offset >= 0; }
};

struct ObjectRef {
    ObjectKind kind;
    QString name;
    QString project; // empty: same project as the referring object
    friend bool operator==(const ObjectRef &, const ObjectRef &) = default;
};

struct CatalogObject {
    ObjectKind kind = ObjectKind::Project;
    QString project;
    QString name;
    QString description;
    QString owner;
    Tags tags;
    QDateTime created;
    QDateTime updated;
    QString subtype;            // data source type, view mode, permission policy kind, …
    QList<ObjectRef> references; // what this object uses (entities, sources, views)
    WireSlice wire;
    quint32 firstFeature = 0;
    quint32 featureCount = 0;
};

// Features are the bulk of a large registry (a million of them), so they are
// stored as fixed-size rows with their names in one UTF-8 pool.
class FeatureTable
{
public:
    static constexpr quint32 noExtra = std::numeric_limits<quint32>::max();

    struct Row { // 16 bytes: a million features cost 16 MB here
        quint32 view;        // index into RegistrySnapshot::objects
        quint32 nameOffset;  // into the pool
        quint16 nameLength;  // names longer than 65,535 bytes are cut (Feast has none)
        quint16 valueType;   // feast.types.ValueType.Enum number
        quint32 extra = noExtra; // offset into the extras pool, for described or tagged features
    };
    // A feature's tags as UTF-8 views, in any order (append sorts them).
    using Utf8Tags = std::vector<std::pair<QByteArrayView, QByteArrayView>>;

    void reserve(qsizetype rows, qsizetype poolBytes);
    quint32 append(quint32 view, QByteArrayView utf8Name, int valueType,
                   QByteArrayView utf8Description = {}, Utf8Tags utf8Tags = {});

    qsizetype size() const { return qsizetype(m_rows.size()); }
    const Row &row(qsizetype i) const { return m_rows[size_t(i)]; }
    QByteArrayView nameUtf8(qsizetype i) const;
    // Every name in row order, each followed by '\n' (the search index scans it).
    QByteArrayView pool() const { return m_pool; }
    QString name(qsizetype i) const { return QString::fromUtf8(nameUtf8(i)); }
    QString description(qsizetype i) const;
    Tags tags(qsizetype i) const;
    // Whether feature i has tag `key` (with `value`, unless value is empty;
    // values compare case-insensitively). Allocates nothing.
    bool hasTag(qsizetype i, QByteArrayView key, QByteArrayView value) const;
    qsizetype memoryBytes() const;

private:
    // Descriptions and tags of the (many) features that have them, packed as
    // varint-length-prefixed UTF-8: description, tag count, key, value, …
    // A QString and a QList per feature would cost several times more.
    std::vector<Row> m_rows;
    QByteArray m_pool;
    QByteArray m_extras;
};

// Settings of a feature repo's feature_store.yaml kept for later dashboards.
struct RepoSettings {
    QString path;          // the feature_store.yaml
    QString project;
    QString registryType;  // file, remote, sql, …
    QString registryPath;
    QVariantMap onlineStore;
    QVariantMap offlineStore;
    QVariantMap featureServer;
    QVariantMap auth;
    bool isEmpty() const { return path.isEmpty(); }
};

// One immutable read of one registry: what Feast stores, decoded once on a
// worker thread and shared by pointer with everything that shows it.
struct RegistrySnapshot {
    QString source;        // what was read: URL or file
    QDateTime loadedAt;
    QByteArray wire;       // feast.core.Registry exactly as read
    std::vector<CatalogObject> objects;
    FeatureTable features;
    RepoSettings repo;

    qsizetype indexOf(ObjectKind kind, QStringView project, QStringView name) const;
    qsizetype countOf(ObjectKind kind) const;
    QByteArrayView wireOf(const CatalogObject &object) const;
    QStringList projects() const;
};

using SnapshotPtr = std::shared_ptr<const RegistrySnapshot>;

} // namespace feastconsole
