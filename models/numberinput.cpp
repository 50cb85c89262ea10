#include "numberinput.h"

#include <QLocale>
#include <QRegularExpression>

#include <cmath>

namespace feastconsole {

namespace {

QString bound(double v)
{
    return QString::number(v, 'g', 15);
}

} // namespace

QString quotedInput(QStringView text)
{
    constexpr qsizetype max = 80;
    const QString shown = text.size() > max ? text.left(max - 1).toString() + QChar(0x2026) : text.toString();
    return u'\'' + shown + u'\'';
}

NumberInput readNumber(const NumberRule &rule, QStringView text)
{
    static const QRegularExpression decimal(QStringLiteral("^[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?$"));
    static const QRegularExpression whole(QStringLiteral("^[+-]?\\d+$"));
    const QString trimmed = text.trimmed().toString();
    NumberInput result;
    if ((rule.whole ? whole : decimal).match(trimmed).hasMatch()) {
        bool ok = false;
        const double v = QLocale::c().toDouble(trimmed, &ok);
        // An exponent past the double range gives inf (ok false): out of range.
        if (ok && std::isfinite(v) && v >= rule.min && v <= rule.max) {
            result.value = v;
            return result;
        }
    }
    result.error = QStringLiteral("%1 must be %2 between %3 and %4, got %5")
                       .arg(rule.name, rule.what, bound(rule.min), bound(rule.max), quotedInput(text));
    return result;
}

namespace numberrules {

NumberRule timeoutSeconds(const QString &name)
{
    return {name, QStringLiteral("a number of seconds"), 0.001, 86400, false};
}

NumberRule durationSeconds(const QString &name)
{
    return {name, QStringLiteral("a number of seconds"), 0.001, 86400, false};
}

NumberRule windowSeconds(const QString &name)
{
    return {name, QStringLiteral("a whole number of seconds"), 1, 365 * 86400, true};
}

NumberRule ageSeconds(const QString &name, double min)
{
    return {name, QStringLiteral("a number of seconds"), min, 10.0 * 365 * 86400, false};
}

NumberRule factor(const QString &name)
{
    return {name, QStringLiteral("a number"), 0.001, 1e6, false};
}

NumberRule rate(const QString &name)
{
    return {name, QStringLiteral("a number of requests per second"), 0.01, 100000, false};
}

NumberRule count(const QString &name, double max)
{
    return {name, QStringLiteral("a whole number"), 1, max, true};
}

NumberRule milliseconds(const QString &name)
{
    return {name, QStringLiteral("a number of milliseconds"), 0.001, 3600 * 1000, false};
}

} // namespace numberrules

std::optional<int> readPort(QStringView text, QString *error)
{
    // Digits only: "+80" or " 80" is not how a URL or host:port writes a port.
    static const QRegularExpression digits(QStringLiteral("^\\d{1,5}$"));
    if (digits.match(text.toString()).hasMatch()) {
        const int port = text.toInt();
        if (port >= 1 && port <= 65535)
            return port;
    }
    if (error)
        *error = QStringLiteral("port must be a whole number between 1 and 65535, got %1").arg(quotedInput(text));
    return std::nullopt;
}

} // namespace feastconsole
