// The search index against a plain reference: every key built in full and
// scored term by term, on a part big enough to be scanned in parallel
// slices. Same hits, same order, same match counts, for thousands of
// queries: substrings, `view:feature` spans, several terms, typos (fuzzy).
#include "catalog/catalogpart.h"
#include "catalog/searchindex.h"
#include "testsupport.h"

#include <QRandomGenerator>
#include <QTest>

#include <algorithm>

using namespace feastconsole;
using namespace feastconsole::test;

namespace {

bool isBoundary(char c)
{
    return c == '_' || c == ':' || c == '-' || c == '.' || c == ' ' || c == '/';
}

int referenceTermScore(const std::string &key, size_t nameStart, const std::string &term)
{
    const std::string name = key.substr(nameStart);
    const int penalty = int(std::min<size_t>(name.size() - std::min(name.size(), term.size()), 60));
    if (name == term)
        return 1000;
    if (name.rfind(term, 0) == 0)
        return 800 - penalty;
    if (key == term)
        return 950;
    if (key.rfind(term, 0) == 0)
        return 700 - penalty;
    bool any = false;
    for (size_t pos = key.find(term); pos != std::string::npos; pos = key.find(term, pos + 1)) {
        if (pos > 0 && isBoundary(key[pos - 1]))
            return 600 - penalty;
        any = true;
    }
    return any ? 400 - penalty : 0;
}

int referenceFuzzy(const std::string &key, const std::string &term)
{
    size_t ki = 0;
    int gaps = 0, run = 0, bestRun = 0;
    for (char c : term) {
        const size_t found = key.find(c, ki);
        if (found == std::string::npos)
            return 0;
        if (found != ki && ki != 0)
            ++gaps, run = 0;
        ++run;
        bestRun = std::max(bestRun, run);
        ki = found + 1;
    }
    return std::max(1, 200 - 15 * gaps + 5 * bestRun - int(key.size() / 4));
}

struct RefHit {
    qsizetype entry;
    int score;
    size_t keyLength;
};

} // namespace

// One part under test and its reference keys.
struct Subject {
    CatalogPartPtr part;
    std::vector<std::string> keys; // lowercase, objects then features
    std::vector<size_t> nameStarts;
    std::vector<int> kindBonus;
    qsizetype objects = 0;
};

class TestSearchReference : public QObject
{
    Q_OBJECT
    Subject m_mixedCase; // the index keeps its own lowercase copy of the names
    Subject m_lowercase; // the index scans the feature table's own name pool

    static QString randomName(QRandomGenerator &random, bool lowercase)
    {
        static const QStringList words = {QStringLiteral("click"), QStringLiteral("Rate"), QStringLiteral("avg"),
                                          QStringLiteral("user"), QStringLiteral("a"), QStringLiteral("ab"),
                                          QStringLiteral("7d"), QStringLiteral("sum"), QStringLiteral("cnt"),
                                          QStringLiteral("x"), QStringLiteral("ratio")};
        static const QStringList separators = {QStringLiteral("_"), QStringLiteral("_"), QStringLiteral("-"),
                                               QStringLiteral(""), QStringLiteral("."), QStringLiteral(":")};
        QString name = words[random.bounded(words.size())];
        for (int i = random.bounded(4); i > 0; --i)
            name += separators[random.bounded(separators.size())] + words[random.bounded(words.size())];
        return lowercase ? name.toLower() : name;
    }

    static std::vector<RefHit> reference(const Subject &subject, const QString &text, int limit, qsizetype *total)
    {
        const auto &m_keys = subject.keys;
        const auto &m_nameStarts = subject.nameStarts;
        const auto &m_kindBonus = subject.kindBonus;
        const SearchQuery query = SearchQuery::parse(text);
        std::vector<std::string> terms;
        for (const QString &t : query.terms)
            terms.push_back(t.toStdString());
        std::vector<RefHit> hits;
        for (size_t e = 0; e < m_keys.size(); ++e) {
            int score = 0;
            bool all = !terms.empty();
            for (const std::string &term : terms) {
                const int s = referenceTermScore(m_keys[e], m_nameStarts[e], term);
                all = all && s > 0;
                score += s;
            }
            if (all)
                hits.push_back({qsizetype(e), score + m_kindBonus[e], m_keys[e].size()});
        }
        if (hits.empty() && terms.size() == 1 && terms.front().size() >= 2) {
            for (size_t e = 0; e < m_keys.size(); ++e) {
                if (const int s = referenceFuzzy(m_keys[e], terms.front()); s > 0)
                    hits.push_back({qsizetype(e), s + m_kindBonus[e], m_keys[e].size()});
            }
        }
        *total = qsizetype(hits.size());
        std::sort(hits.begin(), hits.end(), [](const RefHit &a, const RefHit &b) {
            if (a.score != b.score)
                return a.score > b.score;
            return a.keyLength != b.keyLength ? a.keyLength < b.keyLength : a.entry < b.entry;
        });
        if (qsizetype(hits.size()) > limit)
            hits.resize(size_t(limit));
        return hits;
    }

    // The same random catalog twice: mixed-case names, and lowercase ones.
    static Subject build(bool lowercase)
    {
        QRandomGenerator random(42);
        SnapshotBuilder builder;
        builder.project(QStringLiteral("p"));
        const int views = 2100; // x 50 features: above SearchIndex::parallelThreshold
        for (int v = 0; v < views; ++v) {
            QList<std::pair<QString, int>> features;
            for (int f = 0; f < 50; ++f)
                features.append({randomName(random, lowercase), 2 + f % 5});
            builder.view(QStringLiteral("p"), randomName(random, lowercase) + u'_' + QString::number(v), features);
        }
        ConnectionSpec spec;
        spec.name = QStringLiteral("big");
        Subject subject;
        subject.part = CatalogPart::build(spec, builder.build());
        const RegistrySnapshot &snap = subject.part->snapshot();
        subject.objects = qsizetype(snap.objects.size());
        for (const CatalogObject &o : snap.objects) {
            subject.keys.push_back(o.name.toLower().toStdString());
            subject.nameStarts.push_back(0);
            const ObjectKind k = o.kind;
            subject.kindBonus.push_back(k == ObjectKind::Project ? 30 : isViewKind(k) ? 20 : k == ObjectKind::Entity ? 15 : 5);
        }
        for (qsizetype f = 0; f < snap.features.size(); ++f) {
            const std::string view = snap.objects[snap.features.row(f).view].name.toLower().toStdString();
            subject.keys.push_back(view + ':' + snap.features.name(f).toLower().toStdString());
            subject.nameStarts.push_back(view.size() + 1);
            subject.kindBonus.push_back(0);
        }
        return subject;
    }

    void compareWithReference(const Subject &subject, int queryCount)
    {
        QVERIFY(subject.part->snapshot().features.size() >= SearchIndex::parallelThreshold);
        QRandomGenerator random(7);
        QStringList queries = {QStringLiteral("a"), QStringLiteral("rate"), QStringLiteral("_"), QStringLiteral(":"),
                               QStringLiteral("d:a"), QStringLiteral("x:x"), QStringLiteral("7d:click"),
                               QStringLiteral("clk"), QStringLiteral("zzq"), QStringLiteral("sum ratio")};
        for (int i = 0; i < queryCount; ++i) {
            const std::string &key = subject.keys[size_t(random.bounded(qint64(subject.keys.size())))];
            const int from = random.bounded(int(key.size()));
            const int length = 1 + random.bounded(std::min<int>(8, int(key.size()) - from));
            QString q = QString::fromStdString(key.substr(size_t(from), size_t(length))).trimmed();
            if (q.isEmpty() || q.contains(u' '))
                continue;
            switch (i % 4) {
            case 1: q.remove(q.size() / 2, 1); break;                        // a typo: fuzzy
            case 2: q += u' ' + QString::fromStdString(key.substr(0, 2)); break; // two terms
            default: break;
            }
            if (!q.trimmed().isEmpty())
                queries << q.trimmed();
        }
        for (const QString &text : std::as_const(queries)) {
            for (int threads : {1, 3}) {
                SearchQuery query = SearchQuery::parse(text);
                query.limit = 20;
                std::vector<SearchHit> hits;
                const qsizetype total = subject.part->index().search(query, hits, nullptr, threads);
                // hits arrive best first, ties broken by key length then index
                qsizetype expectedTotal = 0;
                const std::vector<RefHit> expected = reference(subject, text, 20, &expectedTotal);
                QVERIFY2(total == expectedTotal, qPrintable(QStringLiteral("%1 (threads %2): %3 matches, reference %4")
                                                                 .arg(text).arg(threads).arg(total).arg(expectedTotal)));
                QCOMPARE(hits.size(), expected.size());
                for (size_t i = 0; i < hits.size(); ++i) {
                    const qsizetype entry = hits[i].object >= 0 ? hits[i].object : subject.objects + hits[i].feature;
                    QVERIFY2(entry == expected[i].entry && hits[i].score == expected[i].score,
                             qPrintable(QStringLiteral("%1 (threads %2) hit %3: %4 (%5), reference %6 (%7)")
                                            .arg(text).arg(threads).arg(i)
                                            .arg(QString::fromStdString(subject.keys[size_t(entry)])).arg(hits[i].score)
                                            .arg(QString::fromStdString(subject.keys[size_t(expected[i].entry)]))
                                            .arg(expected[i].score)));
                }
            }
        }
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_mixedCase = build(false);
        m_lowercase = build(true);
    }

    void sameHitsAsTheReference() { compareWithReference(m_mixedCase, 200); }
    void sameHitsAsTheReferenceOverTheNamePool() { compareWithReference(m_lowercase, 80); }
};

QTEST_GUILESS_MAIN(TestSearchReference)
#include "tst_searchreference.moc"
