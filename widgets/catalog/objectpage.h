#pragma once

#include "catalog/objectdocument.h"
#include "workspace/connectionspec.h"
#include "catalog/pagelocation.h"
#include "catalog/snippets.h"
#include "metrics/thresholds.h"

#include <QWidget>

#include <optional>

class QLabel;
class QPushButton;
class QScrollArea;
class QVBoxLayout;

namespace feastconsole {

class Catalog;
class CatalogPart;

// One page for every kind: what Feast stores about one object (fields,
// tables, read-only code), with links to the objects it uses and that use it.
class ObjectPage : public QWidget
{
    Q_OBJECT
public:
    explicit ObjectPage(const Catalog *catalog, QWidget *parent = nullptr);

    // False (and a message) when the object is not in the catalog.
    bool setLocation(const PageLocation &location, QString *error = nullptr);
    const ObjectDocument &document() const { return m_document; }
    const PageLocation &location() const { return m_location; }
    // The workspace's staleness thresholds, for a feature's "freshness of its view".
    void setFreshnessThresholds(const FreshnessThresholds &thresholds) { m_thresholds = thresholds; }
    // The reference a user copies: `view:feature`, or the object's name.
    QString reference() const;
    void setProductionColor(const QString &color);
    // How snippets reach this connection's store (feature repo, remote registry, file).
    void setConnectionSpec(const ConnectionSpec &spec) { m_spec = spec; }
    // A Python get_online_features snippet for this feature (or all of this view's), and
    // the matching feast CLI commands; empty for kinds that have no features.
    QString pythonSnippet() const; // empty when there is nothing to read online
    QString cliCommands() const;

Q_SIGNALS:
    void openRequested(const feastconsole::PageLocation &location);
    void copyRequested(const QString &what, const QString &text);

private:
    void render();
    std::optional<OnlineFeaturesRequest> onlineRequest(const CatalogPart &part) const;
    QWidget *fieldsWidget();
    QWidget *tableWidget(const DocumentTable &table);
    void openLink(const QString &href);
    QString linkHref(const DocumentLink &link) const;

    const Catalog *m_catalog;
    ConnectionSpec m_spec;
    QList<qsizetype> m_featureRows; // of the shown feature or view
    qsizetype m_serviceIndex = -1;  // the shown feature service
    QPushButton *m_copyPython = nullptr;
    FreshnessThresholds m_thresholds; // when a feature's view counts as stale
    PageLocation m_location;
    ObjectDocument m_document;
    QString m_color;
    QLabel *m_header;
    QLabel *m_subtitle;
    QScrollArea *m_scroll;
    QWidget *m_body = nullptr;
};

} // namespace feastconsole
