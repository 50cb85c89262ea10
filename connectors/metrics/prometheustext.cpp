#include "metrics/prometheustext.h"

#include <QHash>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

namespace feastconsole::prometheus {

namespace {

constexpr std::size_t maxErrors = 1000; // garbage input: keep the first ones

bool isSpace(char c) { return c == ' ' || c == '\t'; }
bool isNameStart(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':'; }
bool isNameChar(char c) { return isNameStart(c) || (c >= '0' && c <= '9'); }
bool isLabelStart(char c) { return isNameStart(c) && c != ':'; }
bool isLabelChar(char c) { return isNameChar(c) && c != ':'; }

// Go's strconv.ParseFloat spellings of the specials, which Prometheus accepts.
std::optional<double> parseFloat(QByteArrayView token)
{
    if (token.isEmpty())
        return std::nullopt;
    QByteArray lower = token.toByteArray().toLower();
    if (lower == "+inf" || lower == "inf" || lower == "+infinity" || lower == "infinity")
        return std::numeric_limits<double>::infinity();
    if (lower == "-inf" || lower == "-infinity")
        return -std::numeric_limits<double>::infinity();
    if (lower == "nan")
        return std::numeric_limits<double>::quiet_NaN();
    for (char c : lower) {
        if (!((c >= '0' && c <= '9') || c == '.' || c == 'e' || c == '+' || c == '-' || c == '_'))
            return std::nullopt;
    }
    lower.replace('_', QByteArray()); // Go accepts digit separators; harmless to drop
    bool ok = false;
    const double v = lower.toDouble(&ok);
    if (!ok)
        return std::nullopt;
    return v;
}

std::optional<qint64> parseTimestamp(QByteArrayView token)
{
    bool ok = false;
    const qint64 v = token.toByteArray().toLongLong(&ok);
    if (!ok)
        return std::nullopt;
    return v;
}

class LineParser
{
public:
    LineParser(const char *begin, const char *end) : m_p(begin), m_end(end) { }

    void skipSpace()
    {
        while (m_p < m_end && isSpace(*m_p))
            ++m_p;
    }
    bool atEnd() const { return m_p >= m_end; }
    char peek() const { return m_p < m_end ? *m_p : '\0'; }
    void advance() { ++m_p; }

    QByteArrayView name(bool label)
    {
        const char *start = m_p;
        if (m_p < m_end && (label ? isLabelStart(*m_p) : isNameStart(*m_p))) {
            ++m_p;
            while (m_p < m_end && (label ? isLabelChar(*m_p) : isNameChar(*m_p)))
                ++m_p;
        }
        return QByteArrayView(start, m_p - start);
    }

    QByteArrayView token()
    {
        const char *start = m_p;
        while (m_p < m_end && !isSpace(*m_p))
            ++m_p;
        return QByteArrayView(start, m_p - start);
    }

    // A quoted label value after the opening quote: \\ \" \n are the only escapes.
    bool quoted(QByteArray &out, QString &error)
    {
        while (m_p < m_end) {
            const char c = *m_p++;
            if (c == '"')
                return true;
            if (c != '\\') {
                out += c;
                continue;
            }
            if (m_p >= m_end)
                break;
            const char e = *m_p++;
            if (e == '\\' || e == '"')
                out += e;
            else if (e == 'n')
                out += '\n';
            else {
                error = QStringLiteral("invalid escape sequence \"\\%1\" in label value").arg(QChar::fromLatin1(e));
                return false;
            }
        }
        error = QStringLiteral("label value is not closed by a quote");
        return false;
    }

    QByteArrayView rest() const { return QByteArrayView(m_p, m_end - m_p); }

private:
    const char *m_p;
    const char *m_end;
};

QString unescapeHelp(QByteArrayView text)
{
    QByteArray out;
    out.reserve(text.size());
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '\\' && i + 1 < text.size() && (text[i + 1] == '\\' || text[i + 1] == 'n')) {
            out += text[i + 1] == 'n' ? '\n' : '\\';
            ++i;
        } else {
            out += c;
        }
    }
    return QString::fromUtf8(out);
}

std::optional<MetricType> typeFromId(QByteArrayView id)
{
    if (id == "counter") return MetricType::Counter;
    if (id == "gauge") return MetricType::Gauge;
    if (id == "histogram") return MetricType::Histogram;
    if (id == "summary") return MetricType::Summary;
    if (id == "untyped") return MetricType::Untyped;
    return std::nullopt;
}

class Builder
{
public:
    Exposition result;

    void error(int line, const QString &message)
    {
        if (result.errors.size() < maxErrors)
            result.errors.push_back({line, message});
        else if (result.errors.size() == maxErrors)
            result.errors.push_back({line, QStringLiteral("too many errors; the rest are not reported")});
    }

    int familyIndex(const QString &name, bool create)
    {
        const auto it = m_index.constFind(name);
        if (it != m_index.constEnd())
            return it.value();
        if (!create)
            return -1;
        result.families.push_back(MetricFamily{name, MetricType::Untyped, {}, {}});
        const int index = int(result.families.size() - 1);
        m_index.insert(name, index);
        return index;
    }

    void comment(int line, LineParser &p)
    {
        p.skipSpace();
        const QByteArrayView keyword = p.token();
        const bool help = keyword == "HELP";
        if (!help && keyword != "TYPE")
            return; // an ordinary comment
        p.skipSpace();
        const QByteArrayView nameBytes = p.name(false);
        if (nameBytes.isEmpty() || !(p.atEnd() || isSpace(p.peek()))) {
            error(line, QStringLiteral("%1 line without a valid metric name").arg(QString::fromLatin1(keyword)));
            return;
        }
        const QString name = QString::fromLatin1(nameBytes);
        const bool hadFamily = familyIndex(name, false) >= 0;
        const int index = familyIndex(name, true);
        MetricFamily &family = result.families[std::size_t(index)];
        if (help) {
            if (m_helpSeen.contains(name)) {
                error(line, QStringLiteral("second HELP line for %1").arg(name));
                return;
            }
            m_helpSeen.insert(name, true);
            if (!p.atEnd())
                p.advance(); // the one separating blank; the rest is the text
            family.help = unescapeHelp(p.rest());
            return;
        }
        p.skipSpace();
        const QByteArrayView typeId = p.token();
        p.skipSpace();
        const std::optional<MetricType> type = typeFromId(typeId);
        if (!type || !p.atEnd()) {
            error(line, QStringLiteral("unknown metric type \"%1\" for %2")
                            .arg(QString::fromUtf8(typeId.toByteArray() + p.rest().toByteArray()), name));
            return;
        }
        if (m_typeSeen.contains(name)) {
            error(line, QStringLiteral("second TYPE line for %1").arg(name));
            return;
        }
        if (hadFamily && !family.samples.empty()) {
            error(line, QStringLiteral("TYPE line for %1 after its samples").arg(name));
            return;
        }
        m_typeSeen.insert(name, true);
        family.type = *type;
    }

    // The family a sample belongs to: x_bucket/x_sum/x_count of a histogram
    // (or x_sum/x_count of a summary) x, otherwise the family of its own name.
    int familyOf(const QString &name, QString &suffix)
    {
        static const QString suffixes[] = {QStringLiteral("_bucket"), QStringLiteral("_sum"), QStringLiteral("_count")};
        for (const QString &s : suffixes) {
            if (!name.endsWith(s) || name.size() == s.size())
                continue;
            const int base = familyIndex(name.chopped(s.size()), false);
            if (base < 0)
                continue;
            const MetricType type = result.families[std::size_t(base)].type;
            if (type == MetricType::Histogram || (type == MetricType::Summary && s != QLatin1String("_bucket"))) {
                suffix = s;
                return base;
            }
        }
        suffix.clear();
        return familyIndex(name, true);
    }

    void sample(int line, LineParser &p)
    {
        const QByteArrayView nameBytes = p.name(false);
        if (nameBytes.isEmpty()) {
            error(line, QStringLiteral("invalid metric name"));
            return;
        }
        Sample s;
        s.name = QString::fromLatin1(nameBytes);
        bool separated = isSpace(p.peek());
        p.skipSpace();
        if (p.peek() == '{') {
            p.advance();
            for (;;) {
                p.skipSpace();
                if (p.peek() == '}') {
                    p.advance();
                    break;
                }
                const QByteArrayView labelName = p.name(true);
                if (labelName.isEmpty()) {
                    error(line, QStringLiteral("invalid label name in %1").arg(s.name));
                    return;
                }
                p.skipSpace();
                if (p.peek() != '=') {
                    error(line, QStringLiteral("expected '=' after label %1").arg(QString::fromLatin1(labelName)));
                    return;
                }
                p.advance();
                p.skipSpace();
                if (p.peek() != '"') {
                    error(line, QStringLiteral("expected a quoted value for label %1").arg(QString::fromLatin1(labelName)));
                    return;
                }
                p.advance();
                QByteArray value;
                QString problem;
                if (!p.quoted(value, problem)) {
                    error(line, problem);
                    return;
                }
                const QString key = QString::fromLatin1(labelName);
                if (s.label(key)) {
                    error(line, QStringLiteral("label %1 appears twice").arg(key));
                    return;
                }
                s.labels.emplace_back(key, QString::fromUtf8(value));
                p.skipSpace();
                if (p.peek() == ',') {
                    p.advance();
                    continue;
                }
                if (p.peek() == '}') {
                    p.advance();
                    break;
                }
                error(line, QStringLiteral("expected ',' or '}' in the labels of %1").arg(s.name));
                return;
            }
            separated = isSpace(p.peek());
        }
        p.skipSpace();
        if (!separated || p.atEnd()) {
            error(line, p.atEnd() ? QStringLiteral("%1 has no value").arg(s.name)
                                  : QStringLiteral("expected a blank before the value of %1").arg(s.name));
            return;
        }
        const QByteArrayView valueToken = p.token();
        const std::optional<double> value = parseFloat(valueToken);
        if (!value) {
            error(line, QStringLiteral("invalid value \"%1\" for %2").arg(QString::fromUtf8(valueToken.toByteArray()), s.name));
            return;
        }
        s.value = *value;
        p.skipSpace();
        if (!p.atEnd()) {
            const QByteArrayView ts = p.token();
            s.timestampMs = parseTimestamp(ts);
            p.skipSpace();
            if (!s.timestampMs || !p.atEnd()) {
                error(line, QStringLiteral("invalid timestamp \"%1\" for %2")
                                .arg(QString::fromUtf8(ts.toByteArray() + p.rest().toByteArray()), s.name));
                return;
            }
        }

        QString suffix;
        const int index = familyOf(s.name, suffix);
        MetricFamily &family = result.families[std::size_t(index)];
        if (family.type == MetricType::Histogram) {
            if (suffix.isEmpty()) {
                error(line, QStringLiteral("histogram %1 has a sample without _bucket, _sum or _count").arg(family.name));
                return;
            }
            if (suffix == QLatin1String("_bucket")) {
                const std::optional<QString> le = s.label(u"le");
                if (!le || !parseFloat(le->toUtf8())) {
                    error(line, QStringLiteral("bucket of %1 without a numeric le label").arg(family.name));
                    return;
                }
            }
        } else if (family.type == MetricType::Summary && suffix.isEmpty()) {
            const std::optional<QString> q = s.label(u"quantile");
            if (!q || !parseFloat(q->toUtf8())) {
                error(line, QStringLiteral("summary %1 has a sample without a numeric quantile label").arg(family.name));
                return;
            }
        }
        family.samples.push_back(std::move(s));
    }

private:
    QHash<QString, int> m_index;
    QHash<QString, bool> m_helpSeen;
    QHash<QString, bool> m_typeSeen;
};

QString labelKey(Labels labels)
{
    std::sort(labels.begin(), labels.end());
    QString key;
    for (const auto &[name, value] : labels)
        key += name + QChar(u'\x1f') + value + QChar(u'\x1e');
    return key;
}

} // namespace

QString metricTypeId(MetricType type)
{
    switch (type) {
    case MetricType::Untyped: return QStringLiteral("untyped");
    case MetricType::Counter: return QStringLiteral("counter");
    case MetricType::Gauge: return QStringLiteral("gauge");
    case MetricType::Histogram: return QStringLiteral("histogram");
    case MetricType::Summary: return QStringLiteral("summary");
    }
    return {};
}

std::optional<QString> Sample::label(QStringView name) const
{
    for (const auto &[key, value] : labels) {
        if (key == name)
            return value;
    }
    return std::nullopt;
}

const MetricFamily *Exposition::family(QStringView name) const
{
    for (const MetricFamily &f : families) {
        if (f.name == name)
            return &f;
    }
    return nullptr;
}

Exposition parseExposition(const QByteArray &text)
{
    Builder builder;
    const char *data = text.constData();
    const char *end = data + text.size();
    int line = 0;
    while (data < end) {
        ++line;
        const char *eol = static_cast<const char *>(memchr(data, '\n', std::size_t(end - data)));
        const char *lineEnd = eol ? eol : end;
        const char *trimmed = lineEnd;
        if (trimmed > data && trimmed[-1] == '\r')
            --trimmed;
        LineParser p(data, trimmed);
        p.skipSpace();
        if (!p.atEnd()) {
            if (p.peek() == '#') {
                p.advance();
                builder.comment(line, p);
            } else {
                builder.sample(line, p);
            }
        }
        data = eol ? eol + 1 : end;
    }
    return std::move(builder.result);
}

bool looksLikeExposition(const Exposition &exposition)
{
    if (exposition.errors.empty())
        return true;
    for (const MetricFamily &f : exposition.families) {
        if (!f.samples.empty() || f.type != MetricType::Untyped || !f.help.isEmpty())
            return true;
    }
    return false;
}

std::vector<HistogramSample> histogramsOf(const MetricFamily &family)
{
    std::map<QString, HistogramSample> byLabels;
    std::map<QString, std::vector<std::pair<double, double>>> buckets;
    const QString bucketName = family.name + QStringLiteral("_bucket");
    const QString sumName = family.name + QStringLiteral("_sum");
    const QString countName = family.name + QStringLiteral("_count");
    for (const Sample &s : family.samples) {
        Labels labels;
        std::optional<double> le;
        for (const auto &label : s.labels) {
            if (label.first == u"le" && s.name == bucketName)
                le = parseFloat(label.second.toUtf8());
            else
                labels.push_back(label);
        }
        const QString key = labelKey(labels);
        HistogramSample &h = byLabels[key];
        if (h.labels.empty())
            h.labels = labels;
        if (s.name == bucketName && le)
            buckets[key].emplace_back(*le, s.value);
        else if (s.name == sumName)
            h.sum = s.value;
        else if (s.name == countName)
            h.count = s.value;
    }
    std::vector<HistogramSample> out;
    for (auto &[key, h] : byLabels) {
        auto &b = buckets[key];
        std::stable_sort(b.begin(), b.end(), [](const auto &x, const auto &y) { return x.first < y.first; });
        for (const auto &[upper, count] : b) {
            if (std::isnan(upper))
                continue;
            h.upperBounds.push_back(upper);
            h.cumulative.push_back(count);
        }
        if (!h.upperBounds.empty())
            out.push_back(std::move(h));
    }
    return out;
}

} // namespace feastconsole::prometheus
