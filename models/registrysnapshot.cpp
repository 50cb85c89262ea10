#include "registrysnapshot.h"

#include <algorithm>

namespace feastconsole {

QString tagValue(const Tags &tags, QStringView key)
{
    for (const auto &[k, v] : tags) {
        if (k == key)
            return v;
    }
    return {};
}

void FeatureTable::reserve(qsizetype rows, qsizetype poolBytes)
{
    m_rows.reserve(size_t(rows));
    m_pool.reserve(poolBytes);
}

quint32 FeatureTable::append(quint32 view, QByteArrayView utf8Name, int valueType,
                             QString description, Tags tags)
{
    Row row{view, quint32(m_pool.size()), quint32(utf8Name.size()), quint16(valueType)};
    m_pool.append(utf8Name);
    if (!description.isEmpty() || !tags.isEmpty()) {
        row.extra = quint32(m_extras.size());
        m_extras.push_back({std::move(description), std::move(tags)});
    }
    m_rows.push_back(row);
    return quint32(m_rows.size() - 1);
}

QByteArrayView FeatureTable::nameUtf8(qsizetype i) const
{
    const Row &r = m_rows[size_t(i)];
    return QByteArrayView(m_pool.constData() + r.nameOffset, r.nameLength);
}

QString FeatureTable::description(qsizetype i) const
{
    const Row &r = m_rows[size_t(i)];
    return r.extra == noExtra ? QString() : m_extras[r.extra].description;
}

Tags FeatureTable::tags(qsizetype i) const
{
    const Row &r = m_rows[size_t(i)];
    return r.extra == noExtra ? Tags() : m_extras[r.extra].tags;
}

qsizetype FeatureTable::memoryBytes() const
{
    return qsizetype(m_rows.capacity() * sizeof(Row)) + m_pool.capacity()
        + qsizetype(m_extras.capacity() * sizeof(Extra));
}

qsizetype RegistrySnapshot::indexOf(ObjectKind kind, QStringView project, QStringView name) const
{
    const auto it = std::find_if(objects.begin(), objects.end(), [&](const CatalogObject &o) {
        return o.kind == kind && o.name == name && (project.isEmpty() || o.project == project);
    });
    return it == objects.end() ? -1 : qsizetype(it - objects.begin());
}

qsizetype RegistrySnapshot::countOf(ObjectKind kind) const
{
    if (kind == ObjectKind::Feature)
        return features.size();
    return std::count_if(objects.begin(), objects.end(),
                         [kind](const CatalogObject &o) { return o.kind == kind; });
}

QByteArrayView RegistrySnapshot::wireOf(const CatalogObject &object) const
{
    if (!object.wire.isValid() || object.wire.offset + object.wire.length > wire.size())
        return {};
    return QByteArrayView(wire.constData() + object.wire.offset, object.wire.length);
}

QStringList RegistrySnapshot::projects() const
{
    QStringList result;
    for (const CatalogObject &o : objects) {
        if (!o.project.isEmpty() && !result.contains(o.project))
            result.append(o.project);
    }
    result.sort();
    return result;
}

} // namespace feastconsole
