#pragma once

#include "catalog/registrysnapshot.h"

namespace feastconsole {

// Turns one serialized Feast object into catalog objects (and feature rows),
// appended to a snapshot. Each add* returns false when the bytes don't parse.
class ProtoConverter
{
public:
    explicit ProtoConverter(RegistrySnapshot &snapshot) : m_snap(snapshot) {}

    bool addProject(const char *data, WireSlice slice);
    bool addEntity(const char *data, WireSlice slice);
    bool addDataSource(const char *data, WireSlice slice);
    bool addFeatureView(const char *data, WireSlice slice);
    bool addOnDemandFeatureView(const char *data, WireSlice slice);
    bool addStreamFeatureView(const char *data, WireSlice slice);
    bool addLabelView(const char *data, WireSlice slice);
    bool addFeatureService(const char *data, WireSlice slice);
    bool addSavedDataset(const char *data, WireSlice slice);
    bool addValidationReference(const char *data, WireSlice slice);
    bool addPermission(const char *data, WireSlice slice);

    // Feast's SDK hides the placeholder entity of entity-less views; so do we.
    static constexpr const char *dummyEntityName = "__dummy";

private:
    template<typename Spec>
    CatalogObject &addObject(ObjectKind kind, const Spec &spec, WireSlice slice);
    template<typename FeatureList>
    void addFeatures(CatalogObject &view, const FeatureList &features);

    RegistrySnapshot &m_snap;
};

} // namespace feastconsole
