#pragma once

#include <QString>

#include <optional>

namespace feastconsole {

// What a number given by a user (a command-line flag, a workspace field) may
// be. The message of a refused value says all of it:
// "--timeout must be a number of seconds between 0.001 and 86400, got 'nan'".
struct NumberRule {
    QString name;       // "--timeout", "connection \"a\": deadline_seconds"
    QString what;       // "a number of seconds", "a whole number"
    double min = 0;
    double max = 0;
    bool whole = false; // digits only, no fraction or exponent
};

struct NumberInput {
    std::optional<double> value;
    QString error; // set when value is not
};

// Plain decimal notation (an exponent is fine: 1e3), surrounding spaces
// ignored, inside [min, max]. NaN, infinities, hex, "12s" and empty text are
// refused, never converted to something else.
NumberInput readNumber(const NumberRule &rule, QStringView text);

// The rules the console's flags and workspace fields share.
namespace numberrules {
NumberRule timeoutSeconds(const QString &name);  // a network deadline: 0.001 to 86400 s
NumberRule durationSeconds(const QString &name); // a probe's run: 0.001 to 86400 s
NumberRule windowSeconds(const QString &name);   // a look-back window: whole, 1 s to 365 days
NumberRule ageSeconds(const QString &name, double min); // a freshness threshold: up to 10 years
NumberRule factor(const QString &name);          // a TTL multiplier: 0.001 to 1000000
NumberRule rate(const QString &name);            // requests per second: 0.01 to 100000
NumberRule count(const QString &name, double max); // whole, 1 to max
NumberRule milliseconds(const QString &name);    // an objective: 0.001 ms to 1 h
} // namespace numberrules

// A TCP port: digits only, 1 to 65535. The error reads "port must be a whole
// number between 1 and 65535, got '99999'"; callers prefix where it was.
std::optional<int> readPort(QStringView text, QString *error);

// A user's value quoted for a one-line message: 'value', cut to 80 characters
// with an ellipsis.
QString quotedInput(QStringView text);

} // namespace feastconsole
