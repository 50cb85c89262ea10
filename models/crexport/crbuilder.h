#pragma once

#include "crexport/exportbundle.h"
#include "crexport/exportoptions.h"

namespace feastconsole {

// Builds the FeatureStore CRs of a topology and their companion manifests.
// Pure: no validation here (see crvalidation.h), no I/O.
ExportBundle buildExportBundle(const ResolvedOptions &options);

} // namespace feastconsole
