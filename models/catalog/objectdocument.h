#pragma once

#include "catalog/catalogpart.h"
#include "metrics/materializationstatus.h"

#include <QAbstractTableModel>
#include <QJsonObject>

#include <optional>

namespace feastconsole {

// A link from one object page to another object of the same connection.
struct DocumentLink {
    ObjectKind kind = ObjectKind::Project;
    QString project;
    QString name;
    QString feature; // a feature of the view `name`
    friend bool operator==(const DocumentLink &, const DocumentLink &) = default;
};

struct DocumentCell {
    QString text;
    std::optional<DocumentLink> link;
};

struct DocumentField {
    QString label;
    QString value;
    QList<DocumentLink> links; // shown instead of value when set
};

struct DocumentTable {
    QString title;
    QStringList columns;
    QList<QList<DocumentCell>> rows;
};

// Everything Feast stores about one object, arranged for its page: labelled
// fields, tables (features, sources, …), read-only code (an on-demand view's
// transformation source, never run) and notes. Built from the object's proto
// JSON (connectors/objectdetail) and the catalog part for reverse links
// ("used by"). Pure data: one page widget shows every kind.
struct ObjectDocument {
    ObjectKind kind = ObjectKind::Project;
    QString title;
    QString project;
    QList<DocumentField> fields;
    QList<DocumentTable> tables;
    QList<std::pair<QString, QString>> code; // title, text
    QStringList notes;
    QJsonObject raw;                         // the full detail, for "all fields"
};

ObjectDocument buildObjectDocument(const CatalogPart &part, qsizetype objectIndex, const QJsonObject &detail);
// A feature's own page: its view, type, description and tags, the entities
// (with join keys) a row needs, the feature services serving its view, and
// its view's freshness (`materialization`, decoded at the connector edge).
ObjectDocument buildFeatureDocument(const CatalogPart &part, qsizetype featureIndex,
                                    const std::optional<ViewMaterialization> &materialization = std::nullopt,
                                    qint64 nowMs = 0, const FreshnessThresholds &thresholds = {});

// One DocumentTable as an item model (sortable through a proxy).
class DocumentTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Role { LinkKindRole = Qt::UserRole + 1, LinkProjectRole, LinkNameRole, LinkFeatureRole };
    explicit DocumentTableModel(DocumentTable table, QObject *parent = nullptr);

    const DocumentTable &table() const { return m_table; }
    std::optional<DocumentLink> linkAt(const QModelIndex &index) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    DocumentTable m_table;
};

} // namespace feastconsole
