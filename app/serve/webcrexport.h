#pragma once

#include "serve/webmethods.h"

namespace feastconsole {

class ConsoleCore;

namespace webmethods {

// `crexport.generate`: FeatureStore CRs from the form's options, which carry
// `export-cr`'s option names (topology, name, namespace, tenants,
// online_store, …; tls true/false) and are read by the same parser, so the
// web refuses what the CLI refuses in the same words. `from_workspace: true`
// makes one tenant per project of the loaded catalog, as --workspace does.
// Options that name files (import, crd, out, workspace) are not offered.
Answer crExportGenerate(const ConsoleCore &core, const QJsonObject &params);

} // namespace webmethods
} // namespace feastconsole
