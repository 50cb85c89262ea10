#include "registry/detailedcomparison.h"

#include "registry/objectdetail.h"

namespace feastconsole {

ObjectJsonProvider objectDetailJson()
{
    return [](const CatalogPart &part, qsizetype index, QString *error) {
        const CatalogObject &o = part.snapshot().objects[size_t(index)];
        ObjectDetail detail = objectDetail(o.kind, part.snapshot().wireOf(o));
        if (error)
            *error = detail.error;
        return detail.json;
    };
}

Comparison compareRegistries(const CatalogPart &left, const CompareScope &leftScope, const CatalogPart &right,
                             const CompareScope &rightScope, const CompareOptions &options, const std::atomic_bool *cancel,
                             JobProgress *progress)
{
    return compareScopes(left, leftScope, right, rightScope, objectDetailJson(), options, cancel, progress);
}

Comparison compareInCatalog(const Catalog &catalog, const CompareScope &left, const CompareScope &right,
                            const CompareOptions &options, const std::atomic_bool *cancel)
{
    const CatalogPartPtr leftPart = catalog.part(left.connection);
    const CatalogPartPtr rightPart = catalog.part(right.connection);
    if (!leftPart || !rightPart) {
        Comparison missing;
        missing.left = left;
        missing.right = right;
        missing.errors.append(QStringLiteral("%1 has no data loaded").arg(leftPart ? right.connection : left.connection));
        return missing;
    }
    return compareRegistries(*leftPart, left, *rightPart, right, options, cancel);
}

} // namespace feastconsole
