#pragma once

#include "catalog/catalogpart.h"
#include "catalog/snippets.h"

namespace feastconsole {

// The get_online_features request for some features of one part (indices
// into its FeatureTable): their references, the join keys of their views'
// entities (with value types, read from the entities' stored messages) and,
// for on-demand views, the fields of their request sources; an on-demand
// view's entities are those of the views it reads. The project is that of
// the first feature.
OnlineFeaturesRequest onlineFeaturesRequest(const CatalogPart &part, const QList<qsizetype> &features);
// What a feature service serves: its projected features (under their alias),
// the join keys of its views, and its name (the snippet asks Feast for the service).
OnlineFeaturesRequest featureServiceRequest(const CatalogPart &part, qsizetype serviceIndex);

} // namespace feastconsole
