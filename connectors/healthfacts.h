#pragma once

#include "catalogpart.h"
#include "workspacehealth.h"

#include <QHash>
#include <QObject>
#include <QThreadPool>

#include <functional>

namespace feastconsole {

class Catalog;

// One connection's TenantFacts from its loaded part: counts per tenant, every
// view's materialization record (decoded from its bytes) and the permission
// lint of the whole registry, filed under the tenant each finding names.
// Costly on a large registry: run it off the GUI thread.
ConnectionFacts gatherHealthFacts(const ConnectionSpec &spec, const CatalogPart &part);

// Keeps every connection's facts current: gathers them on its own one-thread
// pool once per loaded part, the latest part of a connection winning, and
// drops a removed connection's. The overview and `status health` read them.
class HealthFactsMonitor : public QObject
{
    Q_OBJECT
public:
    using SpecLookup = std::function<ConnectionSpec(const QString &connection)>;
    HealthFactsMonitor(const Catalog *catalog, SpecLookup specOf, QObject *parent = nullptr);
    ~HealthFactsMonitor() override;

    const QHash<QString, ConnectionFacts> &facts() const { return m_facts; }
    bool isGathering() const { return !m_pending.isEmpty(); }
    // Gathers every loaded connection again (after its settings changed).
    void regatherAll();

Q_SIGNALS:
    void factsChanged();

private:
    void gather(const QString &connection);
    void forgetRemoved();

    const Catalog *m_catalog;
    SpecLookup m_specOf;
    QThreadPool m_pool;
    QHash<QString, ConnectionFacts> m_facts;
    QHash<QString, quint64> m_pending; // connection -> generation of the gathering that counts
    quint64 m_generation = 0;
};

} // namespace feastconsole
