#include "catalog/registrysnapshot.h"

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

namespace {

void appendVarint(QByteArray &out, quint32 value)
{
    while (value >= 0x80) {
        out.append(char(value | 0x80));
        value >>= 7;
    }
    out.append(char(value));
}

void appendPrefixed(QByteArray &out, QByteArrayView bytes)
{
    appendVarint(out, quint32(bytes.size()));
    out.append(bytes);
}

// Reads what appendVarint/appendPrefixed wrote; `at` moves past it.
quint32 readVarint(const char *data, qsizetype &at)
{
    quint32 value = 0;
    for (int shift = 0;; shift += 7) {
        const auto byte = quint8(data[at++]);
        value |= quint32(byte & 0x7f) << shift;
        if (!(byte & 0x80))
            return value;
    }
}

QByteArrayView readPrefixed(const char *data, qsizetype &at)
{
    const qsizetype length = readVarint(data, at);
    const QByteArrayView bytes(data + at, length);
    at += length;
    return bytes;
}

bool equalsIgnoringAsciiCase(QByteArrayView a, QByteArrayView b)
{
    return a.size() == b.size() && qstrnicmp(a.data(), a.size(), b.data(), b.size()) == 0;
}

} // namespace

quint32 FeatureTable::append(quint32 view, QByteArrayView utf8Name, int valueType,
                             QByteArrayView utf8Description, Utf8Tags utf8Tags)
{
    utf8Name.truncate(std::min<qsizetype>(utf8Name.size(), 0xffff));
    Row row{view, quint32(m_pool.size()), quint16(utf8Name.size()), quint16(valueType)};
    m_pool.append(utf8Name);
    m_pool.append('\n');
    if (!utf8Description.isEmpty() || !utf8Tags.empty()) {
        row.extra = quint32(m_extras.size());
        appendPrefixed(m_extras, utf8Description);
        std::sort(utf8Tags.begin(), utf8Tags.end());
        appendVarint(m_extras, quint32(utf8Tags.size()));
        for (const auto &[key, value] : utf8Tags) {
            appendPrefixed(m_extras, key);
            appendPrefixed(m_extras, value);
        }
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
    if (r.extra == noExtra)
        return {};
    qsizetype at = r.extra;
    return QString::fromUtf8(readPrefixed(m_extras.constData(), at));
}

Tags FeatureTable::tags(qsizetype i) const
{
    const Row &r = m_rows[size_t(i)];
    if (r.extra == noExtra)
        return {};
    const char *data = m_extras.constData();
    qsizetype at = r.extra;
    readPrefixed(data, at); // the description
    Tags tags;
    for (quint32 n = readVarint(data, at); n > 0; --n) {
        const QByteArrayView key = readPrefixed(data, at);
        const QByteArrayView value = readPrefixed(data, at);
        tags.append({QString::fromUtf8(key), QString::fromUtf8(value)});
    }
    return tags;
}

bool FeatureTable::hasTag(qsizetype i, QByteArrayView key, QByteArrayView value) const
{
    const Row &r = m_rows[size_t(i)];
    if (r.extra == noExtra)
        return false;
    const char *data = m_extras.constData();
    qsizetype at = r.extra;
    readPrefixed(data, at);
    for (quint32 n = readVarint(data, at); n > 0; --n) {
        const QByteArrayView k = readPrefixed(data, at);
        const QByteArrayView v = readPrefixed(data, at);
        if (k == key && (value.isEmpty() || equalsIgnoringAsciiCase(v, value)))
            return true;
    }
    return false;
}

qsizetype FeatureTable::memoryBytes() const
{
    return qsizetype(m_rows.capacity() * sizeof(Row)) + m_pool.capacity() + m_extras.capacity();
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
