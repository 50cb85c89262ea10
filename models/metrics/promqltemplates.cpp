#include "metrics/promqltemplates.h"

#include "metrics/metricnames.h"

#include <QRegularExpression>
#include <QSet>

#include <algorithm>

namespace feastconsole {

namespace {

const QString kLatency = QStringLiteral("feast_feature_server_request_latency_seconds");
const QString kRead = QStringLiteral("feast_feature_server_online_store_read_duration_seconds");
const QString kTransformation = QStringLiteral("feast_feature_server_transformation_duration_seconds");
const QString kRequests = QStringLiteral("feast_feature_server_request_total");

QString quantileOf(const QString &family)
{
    return QStringLiteral("1000 * histogram_quantile({q}, sum by (le) (increase(%1_bucket{selector}[{window}])))").arg(family);
}

QString countOf(const QString &family)
{
    return QStringLiteral("sum(increase(%1_count{selector}[{window}]))").arg(family);
}

} // namespace

QList<PromQlTemplate> defaultPromQlTemplates()
{
    return {
        {QStringLiteral("request_latency_count"), countOf(kLatency)},
        {metricnames::latencyP50Ms(), quantileOf(kLatency)},
        {metricnames::latencyP95Ms(), quantileOf(kLatency)},
        {metricnames::latencyP99Ms(), quantileOf(kLatency)},
        {QStringLiteral("online_store_read_count"), countOf(kRead)},
        {QStringLiteral("online_store_read_p50_ms"), quantileOf(kRead)},
        {QStringLiteral("online_store_read_p95_ms"), quantileOf(kRead)},
        {metricnames::onlineReadP99Ms(), quantileOf(kRead)},
        {metricnames::transformationP99Ms(), quantileOf(kTransformation)},
        // Read as a histogram (a series per `le`): the heat map.
        {metricnames::latencyHistogram() + QStringLiteral("_buckets"),
         QStringLiteral("sum by (le) (increase(%1_bucket{selector}[{window}]))").arg(kLatency)},
        {metricnames::requestRate(), QStringLiteral("sum(rate(%1{selector}[{window}]))").arg(kRequests)},
        // Feast's status label holds the HTTP status; no request at all is 0, not "no data".
        {metricnames::errorRate(),
         QStringLiteral("sum(rate(%1{status=~\"[45]..|.*(error|fail).*\",{matchers}}[{window}])) or vector(0)").arg(kRequests)},
    };
}

QList<PromQlTemplate> promQlTemplates(const QMap<QString, QString> &edits)
{
    QList<PromQlTemplate> templates;
    QSet<QString> seen;
    for (const PromQlTemplate &t : defaultPromQlTemplates()) {
        seen.insert(t.metric);
        const auto edit = edits.constFind(t.metric);
        if (edit == edits.cend())
            templates.append(t);
        else if (!edit->trimmed().isEmpty())
            templates.append({t.metric, edit->trimmed()});
    }
    for (auto it = edits.cbegin(); it != edits.cend(); ++it) {
        if (!seen.contains(it.key()) && !it->trimmed().isEmpty())
            templates.append({it.key(), it->trimmed()});
    }
    return templates;
}

QMap<QString, QString> promQlEdits(const QList<PromQlTemplate> &templates)
{
    QMap<QString, QString> edits;
    QHash<QString, QString> given;
    for (const PromQlTemplate &t : templates)
        given.insert(t.metric, t.promql.trimmed());
    for (const PromQlTemplate &d : defaultPromQlTemplates()) {
        const auto it = given.constFind(d.metric);
        if (it == given.cend())
            edits.insert(d.metric, QString()); // dropped
        else if (*it != d.promql)
            edits.insert(d.metric, *it);
        given.remove(d.metric);
    }
    for (auto it = given.cbegin(); it != given.cend(); ++it)
        edits.insert(it.key(), *it);
    return edits;
}

QString promQlTemplateProblem(const QString &metric, const QString &promql)
{
    static const QRegularExpression metricName(QStringLiteral("^[a-z_][a-z0-9_]*$"));
    if (!metricName.match(metric).hasMatch())
        return QStringLiteral("\"%1\" is not a series name (lowercase letters, digits, _)").arg(metric);
    if (promql.trimmed().isEmpty())
        return QStringLiteral("%1: the query is empty").arg(metric);
    if (promql.contains(QLatin1String("{q}")) && !quantileOfMetric(metric))
        return QStringLiteral("%1: {q} needs a series named like …_p99_ms").arg(metric);
    // Placeholders are known and brackets and quotes balance, outside strings.
    static const QRegularExpression placeholder(QStringLiteral("\\{([A-Za-z_]+)\\}"));
    static const QSet<QString> known{QStringLiteral("selector"), QStringLiteral("matchers"), QStringLiteral("window"),
                                     QStringLiteral("q")};
    QString stack;
    QChar quote;
    for (qsizetype i = 0; i < promql.size(); ++i) {
        const QChar c = promql.at(i);
        if (!quote.isNull()) {
            if (c == u'\\')
                ++i;
            else if (c == quote)
                quote = QChar();
            continue;
        }
        if (c == u'"' || c == u'\'' || c == u'`') {
            quote = c;
        } else if (const auto name = c == u'{' ? placeholder.match(promql, i, QRegularExpression::NormalMatch,
                                                                  QRegularExpression::AnchorAtOffsetMatchOption)
                                               : QRegularExpressionMatch();
                   name.hasMatch()) {
            // {word} outside strings: PromQL's own braces always hold a matcher (`=`).
            if (!known.contains(name.captured(1)))
                return QStringLiteral("%1: unknown placeholder {%2} (known: {selector}, {matchers}, {window}, {q})")
                    .arg(metric, name.captured(1));
            i += name.capturedLength() - 1;
        } else if (c == u'(' || c == u'[' || c == u'{') {
            stack.append(c);
        } else if (c == u')' || c == u']' || c == u'}') {
            const QChar open = c == u')' ? u'(' : c == u']' ? u'[' : u'{';
            if (stack.isEmpty() || stack.back() != open)
                return QStringLiteral("%1: \"%2\" at %3 closes nothing").arg(metric, c).arg(i + 1);
            stack.chop(1);
        }
    }
    if (!quote.isNull())
        return QStringLiteral("%1: a string is not closed").arg(metric);
    if (!stack.isEmpty())
        return QStringLiteral("%1: \"%2\" is not closed").arg(metric, stack.back());
    return {};
}

QString latencySeriesProblem(const QString &metric)
{
    static const QRegularExpression shape(QStringLiteral("^(.+)_(p\\d+_ms|count)$"));
    static const QStringList bases = [] {
        QStringList found;
        for (const PromQlTemplate &t : defaultPromQlTemplates()) {
            const QRegularExpressionMatch m = shape.match(t.metric);
            if (m.hasMatch() && !found.contains(m.captured(1)))
                found.append(m.captured(1));
        }
        return found;
    }();
    const QRegularExpressionMatch m = shape.match(metric);
    if (m.hasMatch() && bases.contains(m.captured(1)))
        return {};
    const QString shown = metric.size() > 80 ? metric.left(79) + QChar(0x2026) : metric;
    return QStringLiteral("unknown series \"%1\" (known: %2, each as <name>_pNN_ms or <name>_count)")
        .arg(shown, bases.join(QStringLiteral(", ")));
}

std::optional<double> quantileOfMetric(const QString &metric)
{
    static const QRegularExpression name(QStringLiteral("_p(\\d+)_ms$"));
    const QRegularExpressionMatch m = name.match(metric);
    if (!m.hasMatch())
        return std::nullopt;
    return QString(QStringLiteral("0.") + m.captured(1)).toDouble();
}

QString histogramOfMetric(const QString &metric)
{
    return metric.endsWith(QLatin1String("_buckets")) ? metric.chopped(8) : QString();
}

QString promDuration(qint64 seconds)
{
    return QString::number(std::max<qint64>(1, seconds)) + u's';
}

QString fillPromQl(QString promql, const QString &selector, const QString &window, double q)
{
    QString matchers = selector.trimmed();
    if (matchers.startsWith(u'{') && matchers.endsWith(u'}'))
        matchers = matchers.mid(1, matchers.size() - 2).trimmed();
    promql.replace(QLatin1String("{selector}"), matchers.isEmpty() ? QString() : u'{' + matchers + u'}');
    promql.replace(QLatin1String("{matchers}"), matchers);
    promql.replace(QLatin1String("{window}"), window);
    promql.replace(QLatin1String("{q}"), QString::number(q, 'g', 6));
    return promql;
}

} // namespace feastconsole
