// libFuzzer target for connection URLs and ports (models/connectionspec,
// models/numberinput): registry URLs, host:port as a feature_store.yaml writes
// it, http(s) URLs of metrics/Prometheus/probe sources, and numbers as flags
// write them. Never a crash; never a port outside 1-65535 or a number outside
// its rule accepted; every refusal says why.
#include "workspace/connectionspec.h"
#include "numberinput.h"

#include <QUrl>

#include <cmath>
#include <cstdint>
#include <cstdlib>

using namespace feastconsole;

namespace {

void checkHostPort(const HostPort &hp)
{
    if (hp.port && (*hp.port < 1 || *hp.port > 65535))
        abort();
    if (!hp.error.isEmpty() && hp.port)
        abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    const uint8_t mode = data[0];
    const QString text = QString::fromUtf8(reinterpret_cast<const char *>(data + 1), qsizetype(size - 1));
    switch (mode % 4) {
    case 0: {
        // Network URLs only: a path would make the fuzzer probe the file system.
        const QString url = (mode & 4 ? QStringLiteral("grpcs://") : QStringLiteral("grpc://")) + text;
        const ParsedEndpoint parsed = parseEndpoint(url);
        if (parsed.endpoint.has_value() == !parsed.error.isEmpty())
            abort();
        if (parsed.endpoint) {
            const HostPort hp = parseHostPort(parsed.endpoint->hostPort);
            checkHostPort(hp);
            if (!hp.error.isEmpty() || !hp.port || hp.host.isEmpty())
                abort(); // an accepted endpoint always names a host and a valid port
        }
        break;
    }
    case 1:
        checkHostPort(parseHostPort(text));
        break;
    case 2: {
        const QString url = (mode & 4 ? QStringLiteral("https://") : QStringLiteral("http://")) + text;
        if (httpUrlProblem(url).isEmpty()) {
            const QUrl parsed(url.trimmed(), QUrl::StrictMode);
            if (!parsed.isValid() || parsed.host().isEmpty() || (parsed.port() != -1 && (parsed.port() < 1 || parsed.port() > 65535)))
                abort();
        }
        break;
    }
    case 3: {
        const NumberRule rules[] = {numberrules::timeoutSeconds(QStringLiteral("--timeout")),
                                    numberrules::windowSeconds(QStringLiteral("--window")),
                                    numberrules::rate(QStringLiteral("--rate")),
                                    numberrules::count(QStringLiteral("--concurrency"), 1024),
                                    numberrules::ageSeconds(QStringLiteral("stale_after_s"), 0)};
        const NumberRule &rule = rules[(mode >> 2) % 5];
        const NumberInput in = readNumber(rule, text);
        if (in.value) {
            if (!std::isfinite(*in.value) || *in.value < rule.min || *in.value > rule.max || !in.error.isEmpty())
                abort();
            if (rule.whole && *in.value != std::floor(*in.value))
                abort();
        } else if (!in.error.startsWith(rule.name) || in.error.size() > 400) {
            abort(); // names the flag; the quoted input is cut
        }
        QString portError;
        if (const std::optional<int> port = readPort(text, &portError); port ? (*port < 1 || *port > 65535) : portError.isEmpty())
            abort();
        break;
    }
    }
    return 0;
}
