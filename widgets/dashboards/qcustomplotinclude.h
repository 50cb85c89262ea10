#pragma once

// qcustomplot.h (Debian's libqcustomplot) uses Qt's lowercase keywords
// (signals, slots, emit, foreach), which this project turns off with
// QT_NO_KEYWORDS and QT_NO_FOREACH. Include it only through this header.
#define signals Q_SIGNALS
#define slots Q_SLOTS
#define emit Q_EMIT
#define foreach(variable, container) for (variable : container)
#include <qcustomplot.h>
#undef foreach
#undef emit
#undef slots
#undef signals
