#include "catalog/searchquery.h"

namespace feastconsole {

bool SearchQuery::hasFilters() const
{
    return kind || !tenant.isEmpty() || !registry.isEmpty() || !project.isEmpty() || !dtype.isEmpty()
        || !tags.isEmpty();
}

SearchQuery SearchQuery::parse(const QString &text, const QStringList &knownTagKeys)
{
    SearchQuery query;
    const QStringList words = text.split(u' ', Qt::SkipEmptyParts);
    for (const QString &word : words) {
        const qsizetype colon = word.indexOf(u':');
        if (colon > 0 && colon < word.size() - 1) {
            const QString key = word.left(colon).toLower();
            const QString value = word.mid(colon + 1);
            if (key == u"kind") {
                if (const auto kind = kindFromId(value.toLower())) {
                    query.kind = kind;
                    continue;
                }
            } else if (key == u"tenant") {
                query.tenant = value;
                continue;
            } else if (key == u"registry") {
                query.registry = value;
                continue;
            } else if (key == u"project") {
                query.project = value;
                continue;
            } else if (key == u"dtype" || key == u"type") {
                query.dtype = value.toLower();
                continue;
            } else if (key == u"tag") {
                const qsizetype eq = value.indexOf(u'=');
                query.tags.append({eq < 0 ? value : value.left(eq), eq < 0 ? QString() : value.mid(eq + 1)});
                continue;
            } else if (knownTagKeys.contains(word.left(colon))) {
                query.tags.append({word.left(colon), value});
                continue;
            }
        }
        query.terms.append(word.toLower());
    }
    return query;
}

} // namespace feastconsole
