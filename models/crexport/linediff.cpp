#include "crexport/linediff.h"

#include <vector>

namespace feastconsole {

QList<DiffLine> diffLines(const QStringList &a, const QStringList &b)
{
    const qsizetype n = a.size();
    const qsizetype m = b.size();
    // lcs[i][j]: length of the LCS of a[i..] and b[j..]
    std::vector<std::vector<int>> lcs(size_t(n + 1), std::vector<int>(size_t(m + 1), 0));
    for (qsizetype i = n - 1; i >= 0; --i) {
        for (qsizetype j = m - 1; j >= 0; --j) {
            lcs[size_t(i)][size_t(j)] = a[i] == b[j] ? lcs[size_t(i + 1)][size_t(j + 1)] + 1
                                                     : std::max(lcs[size_t(i + 1)][size_t(j)], lcs[size_t(i)][size_t(j + 1)]);
        }
    }
    QList<DiffLine> out;
    qsizetype i = 0, j = 0;
    while (i < n && j < m) {
        if (a[i] == b[j]) {
            out.append({DiffLine::Same, a[i]});
            ++i, ++j;
        } else if (lcs[size_t(i + 1)][size_t(j)] >= lcs[size_t(i)][size_t(j + 1)]) {
            out.append({DiffLine::Removed, a[i++]});
        } else {
            out.append({DiffLine::Added, b[j++]});
        }
    }
    while (i < n)
        out.append({DiffLine::Removed, a[i++]});
    while (j < m)
        out.append({DiffLine::Added, b[j++]});
    return out;
}

QString unifiedDiff(const QString &before, const QString &after, int context)
{
    const QList<DiffLine> lines = diffLines(before.split(u'\n'), after.split(u'\n'));
    QString out;
    const qsizetype count = lines.size();
    for (qsizetype k = 0; k < count; ++k) {
        const DiffLine &l = lines[k];
        if (l.kind == DiffLine::Same) {
            // Keep the line if a change is within `context` lines.
            bool near = false;
            for (qsizetype d = std::max<qsizetype>(0, k - context); d <= std::min(count - 1, k + context) && !near; ++d)
                near = lines[d].kind != DiffLine::Same;
            if (!near) {
                if (!out.endsWith(QStringLiteral("@@ … @@\n")))
                    out += QStringLiteral("@@ … @@\n");
                continue;
            }
            out += QStringLiteral("  ") + l.text + u'\n';
        } else {
            out += (l.kind == DiffLine::Added ? QStringLiteral("+ ") : QStringLiteral("- ")) + l.text + u'\n';
        }
    }
    return out;
}

} // namespace feastconsole
