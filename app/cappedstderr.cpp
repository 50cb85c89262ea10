#include "cappedstderr.h"

#include <algorithm>
#include <cstdio>
#include <cstring>

namespace feastconsole {

CappedStderr::CappedStderr(qsizetype maxLineBytes)
    : m_max(maxLineBytes)
{
    open(QIODevice::WriteOnly | QIODevice::Unbuffered);
}

CappedStderr *CappedStderr::shared()
{
    static CappedStderr device;
    return &device;
}

void CappedStderr::endLine()
{
    if (m_lineBytes > m_max)
        std::fprintf(stderr, " … (%lld more bytes not shown)", static_cast<long long>(m_lineBytes - m_max));
    m_lineBytes = 0;
}

qint64 CappedStderr::writeData(const char *data, qint64 size)
{
    for (qint64 i = 0; i < size;) {
        const char *newline = static_cast<const char *>(std::memchr(data + i, '\n', size_t(size - i)));
        const qint64 end = newline ? newline - data : size;
        const qint64 room = std::max<qint64>(0, m_max - m_lineBytes);
        qint64 take = std::min(room, end - i);
        // Never cut inside a UTF-8 sequence: back off to a lead byte.
        if (take < end - i)
            while (take > 0 && (static_cast<unsigned char>(data[i + take]) & 0xC0) == 0x80)
                --take;
        std::fwrite(data + i, 1, size_t(take), stderr);
        m_lineBytes += end - i;
        if (newline) {
            endLine();
            std::fputc('\n', stderr);
            i = end + 1;
        } else {
            i = size;
        }
    }
    std::fflush(stderr);
    return size;
}

} // namespace feastconsole
