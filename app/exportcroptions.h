#pragma once

#include "crexport/exportoptions.h"
#include "crexport/crimport.h"

#include <QString>

#include <optional>

class QCommandLineParser;

namespace feastconsole {

// The export's options as `export-cr` names them, parsed and checked in one
// place: the CLI reads them from its command line, the web console from a
// form whose fields carry the same names (so both refuse the same values
// with the same words).
void addExportCrOptions(QCommandLineParser &parser);
// --name, --namespace, --project, --auth, --traffic: what an import edits too.
std::optional<CrEdits> exportCrEditsFrom(const QCommandLineParser &parser, QString *error);
// The generated export's options (--topology and the rest); an error names the option.
std::optional<ExportOptions> exportOptionsFrom(const QCommandLineParser &parser, const CrEdits &edits, QString *error);

} // namespace feastconsole
