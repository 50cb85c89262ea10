#pragma once

#include <QHash>
#include <QList>
#include <QString>

#include <array>

namespace feastconsole {

// Colours of the dashboards' lines, 0xRRGGBB. Okabe and Ito's categorical
// palette, safe for the common colour-vision deficiencies; its black is left
// out (it vanishes on a dark theme) and its yellow comes last (weakest on
// white). readableOn() adapts any of them to the theme's background.
const std::array<quint32, 7> &okabeIto();

// WCAG 2 contrast ratio of two colours (1 … 21).
double contrastRatio(quint32 a, quint32 b);
// `color` blended towards black (light background) or white (dark one) just
// enough to reach `minContrast` against `background`: the hue stays, the line
// stays visible. Graphics need 3:1 (WCAG 1.4.11).
quint32 readableOn(quint32 color, quint32 background, double minContrast = 3.0);

// The key a series keeps its colour by, on every chart: tenant, source, metric.
QString seriesColorKey(const QString &tenant, const QString &source, const QString &metric);

// Hands out palette colours: a key keeps the colour it was first given, and a
// new key gets the colour least used so far within its group (a chart), so
// the lines of one chart differ while the palette lasts.
class SeriesPalette
{
public:
    quint32 colorFor(const QString &key, const QString &group = {});
    int indexFor(const QString &key, const QString &group = {});

private:
    QHash<QString, int> m_index;              // key -> palette index
    QHash<QString, QList<int>> m_groupCounts; // group -> uses per palette index
};

} // namespace feastconsole
