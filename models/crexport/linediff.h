#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace feastconsole {

// A line diff (longest common subsequence) for the wizard's "changes" view.
struct DiffLine {
    enum Kind { Same, Added, Removed };
    Kind kind;
    QString text;
};

QList<DiffLine> diffLines(const QStringList &before, const QStringList &after);
// Unified-style text: "  same", "+ added", "- removed"; unchanged runs longer
// than 2*context lines are folded into "@@ … @@".
QString unifiedDiff(const QString &before, const QString &after, int context = 3);

} // namespace feastconsole
