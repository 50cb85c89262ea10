#pragma once

#include "metrics/materializationstatus.h"
#include "workspace/workspace.h"

#include <QHash>
#include <QStringList>
#include "cappedstderr.h"

#include <QTextStream>

namespace feastconsole {

class Catalog;

// The headless commands: `catalog list|show|search` and `registry snapshot`.
class CliApplication
{
public:
    static bool isCliCommand(const QStringList &arguments);
    int run(const QStringList &arguments);

private:
    struct Options {
        Workspace workspace;
        bool json = false;
        bool header = true; // text output starts with a line naming the columns
        bool partial = false;
        QStringList positional;
        QHash<QString, QStringList> extra; // values of the `permissions` options that were set
    };
    friend class PermissionsCommand;
    int parse(const QStringList &arguments, Options &options);
    int loadCatalog(const Options &options, Catalog &catalog);
    int catalogList(const Options &options, const QStringList &args);
    int catalogShow(const Options &options, const QStringList &args);
    int catalogSearch(const Options &options, const QStringList &args);
    int registrySnapshot(const Options &options, const QStringList &args);
    int statusMaterialization(const Options &options, const QStringList &args);
    int statusHealth(const Options &options, const QStringList &args);
    int usageError(const QString &message);

    QTextStream m_out{stdout};
    QTextStream m_err{CappedStderr::shared()};
    QString m_kindFilter, m_projectFilter, m_tenantFilter;
    int m_limit = 50;
    FreshnessThresholds m_thresholds;
    QStringList m_metricsUrls; // status materialization: feature servers to scrape
    int m_timeoutMs = 10000;
};

} // namespace feastconsole
