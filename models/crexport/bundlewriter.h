#pragma once

#include "crexport/exportbundle.h"

#include <QStringList>

#include <vector>

namespace feastconsole {

// Writes a bundle into a folder: one file per manifest (templates under
// templates/), the extra files, and README.md. Returns an error message,
// empty on success; `written` lists the paths.
QString writeBundle(const ExportBundle &bundle, const QString &runbook, const QString &dir, QStringList *written);
// Imported documents, one file each, numbered in their order.
QString writeDocuments(const std::vector<YAML::Node> &docs, const QString &dir, QStringList *written);

} // namespace feastconsole
