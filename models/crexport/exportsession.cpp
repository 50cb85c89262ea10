#include "crexport/exportsession.h"

#include "crexport/bundlewriter.h"
#include "crexport/crbuilder.h"
#include "crexport/runbook.h"
#include "crexport/yamlscalar.h"

#include <QCoreApplication>

namespace feastconsole {

namespace {

QString featureStoreKind(const CrdSchemaPtr &crd)
{
    return crd ? crd->kind() : QStringLiteral("FeatureStore");
}

} // namespace

CrExport CrExport::fromOptions(const ExportOptions &options, const CrdSchemaPtr &crd)
{
    CrExport e;
    e.m_crd = crd;
    e.m_resolved = resolveOptions(options, &e.m_optionProblems);
    e.m_bundle = buildExportBundle(*e.m_resolved);
    for (const Manifest *m : e.m_bundle->toApply())
        e.m_documents.push_back(m->node);
    if (crd)
        e.m_reports = validateBundle(*e.m_bundle, *crd);
    for (auto it = e.m_optionProblems.crbegin(); it != e.m_optionProblems.crend(); ++it)
        e.m_reports.prepend({QCoreApplication::translate("CrExport", "options"), ValidationReport{{{QString(), *it}}, {}}});
    return e;
}

CrExport CrExport::fromImport(const std::vector<YAML::Node> &documents, const CrEdits &edits, const CrdSchemaPtr &crd)
{
    CrExport e;
    e.m_crd = crd;
    const QString kind = featureStoreKind(crd);
    for (const YAML::Node &doc : documents)
        e.m_documents.push_back(qstr(child(doc, "kind")) == kind ? applyEdits(doc, edits) : doc);
    if (crd)
        e.m_reports = validateDocuments(e.m_documents, *crd);
    return e;
}

int CrExport::errorCount() const
{
    int count = 0;
    for (const DocumentReport &r : m_reports)
        count += int(r.report.errors.size());
    return count;
}

QByteArray CrExport::yaml() const
{
    return emitYamlDocuments(m_documents);
}

QList<const Manifest *> CrExport::templates() const
{
    return m_bundle ? m_bundle->templates() : QList<const Manifest *>{};
}

QString CrExport::write(const QString &dir, QStringList *written) const
{
    if (m_bundle)
        return writeBundle(*m_bundle, exportRunbook(*m_resolved, *m_bundle), dir, written);
    return writeDocuments(m_documents, dir, written);
}

int featureStoreCount(const std::vector<YAML::Node> &documents, const CrdSchemaPtr &crd)
{
    const QString kind = featureStoreKind(crd);
    int count = 0;
    for (const YAML::Node &doc : documents)
        count += qstr(child(doc, "kind")) == kind ? 1 : 0;
    return count;
}

} // namespace feastconsole
