// Shared checks of the YAML fuzz targets: what loadYamlDocuments accepts stays
// within its limits (a walk over the documents, aliases expanded, visits no
// more nodes than the text holds plus the alias allowance, and no deeper than
// the depth limit), has no key twice in a mapping, and every refusal is one
// line with a position inside the input.
#pragma once

#include "safeyaml.h"

#include <cstdio>
#include <cstdlib>
#include <set>
#include <string>

// An invariant of the output: names itself in the crash log when it fails.
#define FUZZ_REQUIRE(condition)                                                                           \
    do {                                                                                                  \
        if (!(condition)) {                                                                               \
            fprintf(stderr, "invariant failed: %s (%s:%d)\n", #condition, __FILE__, __LINE__);            \
            abort();                                                                                      \
        }                                                                                                 \
    } while (0)

namespace fuzzcheck {

// Returns the expanded node count of `node`; aborts past the budget or depth.
inline qint64 walk(const YAML::Node &node, int depth, qint64 &budget, int maxDepth)
{
    if (--budget < 0)
        abort(); // more nodes than the limits allow: an alias bomb got through
    if (node.IsSequence() || node.IsMap()) {
        FUZZ_REQUIRE(depth + 1 <= maxDepth);
    }
    qint64 count = 1;
    if (node.IsSequence()) {
        for (const YAML::Node &item : node)
            count += walk(item, depth + 1, budget, maxDepth);
    } else if (node.IsMap()) {
        std::set<std::string> keys;
        for (const auto &kv : node) {
            FUZZ_REQUIRE(kv.first.IsScalar() || kv.first.IsNull());
            FUZZ_REQUIRE(keys.insert(kv.first.IsNull() ? std::string("\x01null", 5) : kv.first.Scalar()).second);
            count += walk(kv.first, depth + 1, budget, maxDepth);
            count += walk(kv.second, depth + 1, budget, maxDepth);
        }
    }
    return count;
}

// compareWithLoadAll: also build the documents with yaml-cpp's own loader and
// compare (costly: the featurestoreyaml target does it for all four).
// What a parser accepted from `text` stays within the limits.
inline void checkWithinLimits(const std::vector<YAML::Node> &documents, const QByteArray &text,
                              const feastconsole::YamlLimits &limits)
{
    // Every node of the text needs at least a byte or two of it; the rest came through aliases.
    qint64 budget = 4 * qint64(text.size()) + 8 + limits.maxAliasNodes;
    for (const YAML::Node &doc : documents)
        walk(doc, 0, budget, limits.maxDepth);
}

inline void checkLoaded(const QByteArray &text, const feastconsole::YamlLimits &limits, bool compareWithLoadAll = false)
{
    const feastconsole::YamlDocuments loaded =
        feastconsole::loadYamlDocuments(text, QStringLiteral("input"), limits);
    if (loaded.error) {
        const feastconsole::YamlError &e = *loaded.error;
        FUZZ_REQUIRE(loaded.documents.empty());
        FUZZ_REQUIRE(!e.message.isEmpty() && !e.message.contains(u'\n'));
        FUZZ_REQUIRE(e.line >= 0 && e.line <= text.count('\n') + 1);
        FUZZ_REQUIRE(e.toString().startsWith(QStringLiteral("input")));
        return;
    }
    FUZZ_REQUIRE(qsizetype(loaded.documents.size()) == loaded.documentLines.size());
    checkWithinLimits(loaded.documents, text, limits);
    if (!compareWithLoadAll)
        return;
    // The documents are the ones yaml-cpp's own loader builds (tags, styles,
    // shared alias nodes and all, as the emitter shows them).
    const std::vector<YAML::Node> reference = YAML::LoadAll(text.toStdString());
    FUZZ_REQUIRE(reference.size() == loaded.documents.size());
    for (size_t i = 0; i < reference.size(); ++i)
        FUZZ_REQUIRE(YAML::Dump(reference[i]) == YAML::Dump(loaded.documents[i]));
}

} // namespace fuzzcheck
