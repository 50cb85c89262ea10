#pragma once

#include <QStringList>
#include "cappedstderr.h"

#include <QTextStream>

class QCommandLineParser;

namespace feastconsole {

class CrExport;
struct CrEdits;
struct DocumentReport;
struct ExportOptions;

// `feast-console export-cr`: FeatureStore CRs for the Feast Operator, from a
// topology and options (optionally prefilled from a workspace), or re-emitted
// from an existing file with --import. Invalid CRs are refused (exit 5)
// unless --force.
class ExportCrCommand
{
public:
    static bool handles(const QStringList &arguments);
    int run(const QStringList &arguments);

private:
    // Prints the errors; returns true when the output may be written.
    bool report(const QList<DocumentReport> &reports, bool force);
    int usageError(const QString &message);
    // One tenant per project of the workspace's registries (--workspace).
    int prefillTenants(const QString &workspacePath, ExportOptions &o);
    // Reports, then prints the manifests or writes them to outDir.
    int output(const CrExport &cr, bool force, const QString &outDir);

    QTextStream m_out{stdout};
    QTextStream m_err{CappedStderr::shared()};
};

} // namespace feastconsole
