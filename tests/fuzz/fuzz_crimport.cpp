// libFuzzer target for FeatureStore CR import: any bytes must load without a
// crash, a hang or memory beyond the limits. An accepted import, with the
// wizard's edits applied, re-emits YAML that imports again (no duplicate keys,
// no unknown metadata field) with the same number of documents.
#include "crexport/crimport.h"
#include "yamlinvariants.h"
#include "crexport/yamlscalar.h"

using namespace feastconsole;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray text(reinterpret_cast<const char *>(data), qsizetype(size));
    const ImportedManifests imported = parseManifests(text, QStringLiteral("cr.yaml"));
    if (!imported.error.isEmpty()) {
        FUZZ_REQUIRE(imported.documents.empty());
        FUZZ_REQUIRE(imported.error.startsWith(QStringLiteral("cr.yaml")) && !imported.error.contains(u'\n'));
        return 0;
    }
    FUZZ_REQUIRE(!imported.documents.empty());
    fuzzcheck::checkWithinLimits(imported.documents, text, manifestYamlLimits);

    std::vector<YAML::Node> edited;
    for (const YAML::Node &doc : imported.documents) {
        (void)editsOf(doc);
        edited.push_back(applyEdits(doc, CrEdits{QStringLiteral("n"), QStringLiteral("ns"), QStringLiteral("p"),
                                                 AuthMode::Oidc, TrafficTier::High}));
    }
    const ImportedManifests editedAgain = parseManifests(emitYamlDocuments(edited), QStringLiteral("edited"));
    FUZZ_REQUIRE(editedAgain.error.isEmpty());
    FUZZ_REQUIRE(editedAgain.documents.size() == edited.size());
    return 0;
}
