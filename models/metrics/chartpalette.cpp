#include "metrics/chartpalette.h"

#include <algorithm>
#include <cmath>

namespace feastconsole {

const std::array<quint32, 7> &okabeIto()
{
    // blue, orange, bluish green, vermillion, reddish purple, sky blue, yellow
    static const std::array<quint32, 7> colors{0x0072b2, 0xe69f00, 0x009e73, 0xd55e00, 0xcc79a7, 0x56b4e9, 0xf0e442};
    return colors;
}

namespace {

double channel(quint32 rgb, int shift)
{
    const double c = double((rgb >> shift) & 0xff) / 255.0;
    return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
}

double luminance(quint32 rgb)
{
    return 0.2126 * channel(rgb, 16) + 0.7152 * channel(rgb, 8) + 0.0722 * channel(rgb, 0);
}

quint32 blend(quint32 color, quint32 towards, double amount)
{
    quint32 out = 0;
    for (int shift : {16, 8, 0}) {
        const double from = double((color >> shift) & 0xff), to = double((towards >> shift) & 0xff);
        out |= quint32(std::lround(from + (to - from) * amount)) << shift;
    }
    return out;
}

} // namespace

double contrastRatio(quint32 a, quint32 b)
{
    const double la = luminance(a), lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

quint32 readableOn(quint32 color, quint32 background, double minContrast)
{
    const quint32 towards = luminance(background) > 0.18 ? 0x000000 : 0xffffff;
    quint32 out = color;
    for (int step = 1; step <= 20 && contrastRatio(out, background) < minContrast; ++step)
        out = blend(color, towards, step * 0.05);
    return out;
}

QString seriesColorKey(const QString &tenant, const QString &source, const QString &metric)
{
    return tenant + u'\x1f' + source + u'\x1f' + metric;
}

int SeriesPalette::indexFor(const QString &key, const QString &group)
{
    const auto found = m_index.constFind(key);
    if (found != m_index.cend())
        return *found;
    QList<int> &counts = m_groupCounts[group];
    if (counts.isEmpty())
        counts.fill(0, qsizetype(okabeIto().size()));
    const int index = int(std::min_element(counts.cbegin(), counts.cend()) - counts.cbegin());
    ++counts[index];
    m_index.insert(key, index);
    return index;
}

quint32 SeriesPalette::colorFor(const QString &key, const QString &group)
{
    return okabeIto()[size_t(indexFor(key, group))];
}

} // namespace feastconsole
