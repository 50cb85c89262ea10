#include "crexport/schemavalidator.h"

#include "crexport/celrules.h"
#include "crexport/yamlscalar.h"

#include <QHash>
#include <QRegularExpression>
#include <QSet>

#include <limits>

namespace feastconsole {

void ValidationReport::append(const ValidationReport &other)
{
    errors += other.errors;
    for (const QString &rule : other.uncheckedRules) {
        if (!uncheckedRules.contains(rule))
            uncheckedRules.append(rule);
    }
}

namespace {

QString childPath(const QString &path, const QString &key)
{
    static const QRegularExpression plainKey(QStringLiteral("^[A-Za-z0-9_-]+$"));
    if (!plainKey.match(key).hasMatch())
        return path + QStringLiteral("[\"") + key + QStringLiteral("\"]");
    return path.isEmpty() ? key : path + u'.' + key;
}

QString itemPath(const QString &path, qsizetype index)
{
    return path + u'[' + QString::number(index) + u']';
}

const QRegularExpression &cachedRegex(const QString &pattern)
{
    static QHash<QString, QRegularExpression> cache;
    auto it = cache.find(pattern);
    if (it == cache.end())
        it = cache.insert(pattern, QRegularExpression(pattern));
    return *it;
}

QString quoted(const QString &s)
{
    return u'"' + s + u'"';
}

class Validator
{
public:
    ValidationReport report;

    void validate(const YAML::Node &value, const YAML::Node &schema, const QString &path)
    {
        if (!schema.IsMap() || !value.IsDefined())
            return;
        const JsonType type = jsonTypeOf(value);
        if (type == JsonType::Null)
            return;
        if (child(schema, "x-kubernetes-int-or-string").IsDefined()) {
            if (type != JsonType::Integer && type != JsonType::String)
                error(path, QStringLiteral("must be an integer or a string, not %1")
                                .arg(QString::fromLatin1(jsonTypeName(type))));
            else if (type == JsonType::String)
                checkString(value, schema, path);
            runRules(value, schema, path);
            return;
        }
        const QString expected = qstr(child(schema, "type"));
        if (!expected.isEmpty() && !typeMatches(type, expected)) {
            error(path, QStringLiteral("must be %1 %2, not %3")
                            .arg(expected == u"integer" || expected == u"object" || expected == u"array" ? QStringLiteral("an") : QStringLiteral("a"),
                                 expected, QString::fromLatin1(jsonTypeName(type))));
            return;
        }
        checkEnum(value, schema, path);
        switch (type) {
        case JsonType::String: checkString(value, schema, path); break;
        case JsonType::Integer:
        case JsonType::Number: checkNumber(value, schema, path); break;
        case JsonType::Array: checkArray(value, schema, path); break;
        case JsonType::Object: checkObject(value, schema, path); break;
        default: break;
        }
        runRules(value, schema, path);
    }

private:
    void error(const QString &path, const QString &message) { report.errors.append({path, message}); }

    static bool typeMatches(JsonType type, const QString &expected)
    {
        if (expected == u"string") return type == JsonType::String;
        if (expected == u"integer") return type == JsonType::Integer;
        if (expected == u"number") return type == JsonType::Integer || type == JsonType::Number;
        if (expected == u"boolean") return type == JsonType::Bool;
        if (expected == u"object") return type == JsonType::Object;
        if (expected == u"array") return type == JsonType::Array;
        return true;
    }

    void checkEnum(const YAML::Node &value, const YAML::Node &schema, const QString &path)
    {
        const YAML::Node values = child(schema, "enum");
        if (!values.IsSequence() || !value.IsScalar())
            return;
        QStringList allowed;
        for (const YAML::Node &v : values) {
            if (v.Scalar() == value.Scalar())
                return;
            allowed.append(qstr(v));
        }
        error(path, QStringLiteral("must be one of %1, not %2").arg(allowed.join(QStringLiteral(", ")), quoted(qstr(value))));
    }

    void checkString(const YAML::Node &value, const YAML::Node &schema, const QString &path)
    {
        const QString text = qstr(value);
        if (const QString pattern = qstr(child(schema, "pattern")); !pattern.isEmpty()) {
            if (!cachedRegex(pattern).match(text).hasMatch())
                error(path, QStringLiteral("%1 does not match the pattern %2").arg(quoted(text), pattern));
        }
        if (const auto min = integerValue(child(schema, "minLength")); min && text.size() < *min)
            error(path, QStringLiteral("must be at least %1 characters long").arg(*min));
        if (const auto max = integerValue(child(schema, "maxLength")); max && text.size() > *max)
            error(path, QStringLiteral("must be at most %1 characters long").arg(*max));
    }

    void checkNumber(const YAML::Node &value, const YAML::Node &schema, const QString &path)
    {
        const auto number = numberValue(value);
        if (!number) {
            error(path, QStringLiteral("%1 is not a number Kubernetes can read").arg(quoted(qstr(value))));
            return;
        }
        const QString format = qstr(child(schema, "format"));
        if (format == u"int32" && (*number < std::numeric_limits<qint32>::min() || *number > std::numeric_limits<qint32>::max()))
            error(path, QStringLiteral("%1 does not fit in a 32-bit integer").arg(qstr(value)));
        if (const auto min = numberValue(child(schema, "minimum")); min && *number < *min)
            error(path, QStringLiteral("must be at least %1, not %2").arg(qstr(child(schema, "minimum")), qstr(value)));
        if (const auto max = numberValue(child(schema, "maximum")); max && *number > *max)
            error(path, QStringLiteral("must be at most %1, not %2").arg(qstr(child(schema, "maximum")), qstr(value)));
    }

    void checkArray(const YAML::Node &value, const YAML::Node &schema, const QString &path)
    {
        const qsizetype size = qsizetype(value.size());
        if (const auto min = integerValue(child(schema, "minItems")); min && size < *min)
            error(path, QStringLiteral("needs at least %1 item(s)").arg(*min));
        if (const auto max = integerValue(child(schema, "maxItems")); max && size > *max)
            error(path, QStringLiteral("takes at most %1 item(s)").arg(*max));
        const YAML::Node items = child(schema, "items");
        qsizetype index = 0;
        for (const YAML::Node &item : value)
            validate(item, items, itemPath(path, index++));
        checkListType(value, schema, path);
    }

    void checkListType(const YAML::Node &value, const YAML::Node &schema, const QString &path)
    {
        const QString listType = qstr(child(schema, "x-kubernetes-list-type"));
        if (listType == u"set") {
            QSet<QString> seen;
            for (const YAML::Node &item : value) {
                const QString key = QString::fromUtf8(emitYaml(item));
                if (seen.contains(key))
                    error(path, QStringLiteral("holds %1 twice (a set)").arg(key.trimmed()));
                seen.insert(key);
            }
        } else if (listType == u"map") {
            QStringList keys;
            for (const YAML::Node &k : child(schema, "x-kubernetes-list-map-keys"))
                keys.append(qstr(k));
            QSet<QString> seen;
            qsizetype index = 0;
            for (const YAML::Node &item : value) {
                QStringList parts;
                for (const QString &k : std::as_const(keys))
                    parts.append(item.IsMap() ? qstr(child(item, k.toStdString())) : QString());
                const QString id = parts.join(u',');
                if (seen.contains(id))
                    error(itemPath(path, index), QStringLiteral("duplicate entry with %1 = %2").arg(keys.join(u','), id));
                seen.insert(id);
                ++index;
            }
        }
    }

    void checkObject(const YAML::Node &value, const YAML::Node &schema, const QString &path)
    {
        for (const YAML::Node &req : child(schema, "required")) {
            const YAML::Node field = child(value, req.Scalar());
            if (!field.IsDefined() || field.IsNull())
                error(childPath(path, qstr(req)), QStringLiteral("is required"));
        }
        const YAML::Node properties = child(schema, "properties");
        const YAML::Node additional = child(schema, "additionalProperties");
        const bool preserve = child(schema, "x-kubernetes-preserve-unknown-fields").IsDefined()
            && boolValue(child(schema, "x-kubernetes-preserve-unknown-fields")).value_or(false);
        const bool freeForm = !properties.IsDefined() && !additional.IsDefined();
        for (const auto &kv : value) {
            const QString key = qstr(kv.first);
            const QString sub = childPath(path, key);
            if (!kv.first.IsScalar()) {
                error(path, QStringLiteral("has a key that is not a string"));
                continue;
            }
            const YAML::Node propSchema = properties.IsMap() ? child(properties, kv.first.Scalar()) : YAML::Node(YAML::NodeType::Undefined);
            if (propSchema.IsDefined()) {
                validate(kv.second, propSchema, sub);
            } else if (additional.IsMap()) {
                validate(kv.second, additional, sub);
            } else if (additional.IsScalar()) {
                if (!boolValue(additional).value_or(true))
                    error(sub, QStringLiteral("unknown field"));
            } else if (!preserve && !freeForm) {
                error(sub, QStringLiteral("unknown field (not in the Operator's CRD)"));
            }
        }
    }

    void runRules(const YAML::Node &value, const YAML::Node &schema, const QString &path)
    {
        for (const YAML::Node &rule : child(schema, "x-kubernetes-validations")) {
            const std::string text = child(rule, "rule").IsScalar() ? child(rule, "rule").Scalar() : std::string();
            switch (evaluateCelRule(text, value)) {
            case CelOutcome::Pass:
            case CelOutcome::NeedsOldObject:
                break;
            case CelOutcome::Fail:
                error(path, qstr(child(rule, "message")).isEmpty() ? QStringLiteral("fails the rule %1").arg(QString::fromStdString(text))
                                                              : qstr(child(rule, "message")));
                break;
            case CelOutcome::NotImplemented: {
                const QString t = QString::fromStdString(text);
                if (!report.uncheckedRules.contains(t))
                    report.uncheckedRules.append(t);
                break;
            }
            }
        }
    }
};

} // namespace

ValidationReport validateAgainstSchema(const YAML::Node &value, const YAML::Node &schema, const QString &path)
{
    Validator v;
    try {
        v.validate(value, schema, path);
    } catch (const YAML::Exception &e) {
        v.report.errors.append({path, QStringLiteral("cannot be validated: %1").arg(QString::fromStdString(e.what()))});
    }
    return v.report;
}

} // namespace feastconsole
