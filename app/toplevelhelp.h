#pragma once

#include <QStringList>
#include <QTextStream>

namespace feastconsole {

// Which executable answers: feast-console (the desktop and every command) or
// feast-console-cli (the commands only, no display libraries).
enum class Frontend { Desktop, Headless };

// `feast-console help [COMMAND]`, `--help`, `-h`, `--version`: answered
// without a display (QCoreApplication), whatever else is on the line.
bool isTopLevelHelpRequest(const QStringList &arguments, Frontend frontend = Frontend::Desktop);
int runTopLevelHelp(const QStringList &arguments, QTextStream &out, QTextStream &err,
                    Frontend frontend = Frontend::Desktop);

// feast-console-cli given no command, or the desktop's options: what it is for.
QString headlessOnlyReason(const QStringList &arguments);

// The desktop needs a display; without one, say so instead of letting Qt abort.
// Empty when a display (or an explicit QT_QPA_PLATFORM) is there.
QString missingDisplayReason();

} // namespace feastconsole
