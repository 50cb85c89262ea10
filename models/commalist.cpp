#include "commalist.h"

namespace feastconsole {

QStringList splitCommaList(QStringView text)
{
    QStringList out;
    for (QStringView part : text.split(u',')) {
        const QStringView trimmed = part.trimmed();
        if (!trimmed.isEmpty())
            out.append(trimmed.toString());
    }
    return out;
}

} // namespace feastconsole
