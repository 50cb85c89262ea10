#pragma once

#include "crexport/exportbundle.h"
#include "crexport/exportoptions.h"

namespace feastconsole {

// The README.md written next to the manifests: apply order, the secrets to
// create, and the deployment guide's backup and recovery priorities.
QString exportRunbook(const ResolvedOptions &options, const ExportBundle &bundle);

} // namespace feastconsole
