// libFuzzer target for search: any query text (filters, ':' references, fuzzy
// fallbacks, non-ASCII) is parsed and run over a small catalog of two parts.
// No crash, no out-of-range hit, counts consistent, and the single-threaded
// and multi-threaded scans agree.
#include "catalog/catalogpart.h"
#include "catalog/searchquery.h"
#include "testsupport.h"

#include <QCoreApplication>

#include <cstdint>
#include <cstdlib>

using namespace feastconsole;
using namespace feastconsole::test;

namespace {

std::vector<CatalogPartPtr> buildParts()
{
    ConnectionSpec shared;
    shared.name = QStringLiteral("shared");
    shared.mode = ConnectionMode::Shared;
    shared.tenantTag = QStringLiteral("team");
    SnapshotBuilder a;
    a.project(QStringLiteral("fraud_detection"), {{QStringLiteral("team"), QStringLiteral("fraud")}})
        .project(QStringLiteral("marketing"), {{QStringLiteral("team"), QStringLiteral("growth")}})
        .view(QStringLiteral("fraud_detection"), QStringLiteral("transaction_stats"),
              {{QStringLiteral("amount_sum_7d"), 5}, {QStringLiteral("txn_count"), 4}, {QStringLiteral("Amount"), 6}},
              {{QStringLiteral("pii"), QStringLiteral("false")}})
        .view(QStringLiteral("marketing"), QStringLiteral("campaign_stats"),
              {{QStringLiteral("click_rate"), 6}, {QStringLiteral("spend_amount"), 5}, {QStringLiteral("überprüfung"), 2}})
        .object(ObjectKind::Entity, QStringLiteral("fraud_detection"), QStringLiteral("customer"))
        .object(ObjectKind::FeatureService, QStringLiteral("marketing"), QStringLiteral("campaign_v1"));
    ConnectionSpec isolated;
    isolated.name = QStringLiteral("alpha");
    isolated.tenant = QStringLiteral("team-alpha");
    SnapshotBuilder b;
    b.project(QStringLiteral("alpha_recs"))
        .view(QStringLiteral("alpha_recs"), QStringLiteral("item_embeddings"),
              {{QStringLiteral("embedding"), 16}, {QStringLiteral("amount"), 4}, {QStringLiteral("a:b"), 3}});
    return {CatalogPart::build(shared, a.build()), CatalogPart::build(isolated, b.build())};
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const std::vector<CatalogPartPtr> parts = buildParts();
    const QString text = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    SearchQuery query = SearchQuery::parse(text, parts.front()->index().tagKeys());
    query.limit = 1 + int(size % 7);

    for (const CatalogPartPtr &part : parts) {
        std::vector<SearchHit> one, many;
        const qsizetype total = part->index().search(query, one, nullptr, 1);
        const qsizetype totalMany = part->index().search(query, many, nullptr, 3);
        if (total < 0 || total != totalMany || qsizetype(one.size()) > total || one.size() > size_t(query.limit)
            || one.size() != many.size())
            abort();
        const RegistrySnapshot &snap = part->snapshot();
        for (const SearchHit &hit : one) {
            if (hit.part != part.get())
                abort();
            if (hit.feature >= 0 ? hit.feature >= qsizetype(snap.features.size())
                                 : (hit.object < 0 || hit.object >= qsizetype(snap.objects.size())))
                abort();
        }
    }
    return 0;
}
