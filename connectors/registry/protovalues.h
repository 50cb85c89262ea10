#pragma once

#include "catalog/registrysnapshot.h"

#include <google/protobuf/timestamp.pb.h>

#include <QDateTime>
#include <QString>

#include <algorithm>
#include <string>

namespace feastconsole::proto {

// Small conversions between protobuf values and the catalog's types, shared
// by every decoder in connectors/.
inline QString qs(const std::string &s)
{
    return QString::fromUtf8(s.data(), qsizetype(s.size()));
}

// Unset (zero) timestamps become invalid QDateTimes, and so do those outside
// google.protobuf.Timestamp's range (years 1 to 9999): the parser does not
// check the range, and a corrupt registry may hold any int64 there.
inline QDateTime timeOf(const google::protobuf::Timestamp &t)
{
    constexpr qint64 minSeconds = -62135596800; // 0001-01-01T00:00:00Z
    constexpr qint64 maxSeconds = 253402300799; // 9999-12-31T23:59:59Z
    if ((t.seconds() == 0 && t.nanos() == 0) || t.seconds() < minSeconds || t.seconds() > maxSeconds)
        return {};
    return QDateTime::fromMSecsSinceEpoch(t.seconds() * 1000 + t.nanos() / 1000000, Qt::UTC);
}

// A protobuf map<string, string> as sorted Tags.
template<typename Map>
Tags tagsOf(const Map &map)
{
    Tags tags;
    tags.reserve(qsizetype(map.size()));
    for (const auto &[k, v] : map)
        tags.append({qs(k), qs(v)});
    std::sort(tags.begin(), tags.end());
    return tags;
}

} // namespace feastconsole::proto
