// The web console server's pure pieces: the request-head reader (every
// refusal with its status), static paths (traversal in every spelling),
// launch tokens and sessions, Host/Origin allow-lists and JSON-RPC requests.
#include "serve/httprequesthead.h"
#include "serve/httpresponse.h"
#include "serve/originpolicy.h"
#include "serve/rpcmessage.h"
#include "serve/staticassets.h"
#include "serve/websessions.h"

#include <QJsonDocument>
#include <QTest>

using namespace feastconsole;

class TestServeHttp : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void completeHead()
    {
        const QByteArray bytes = "GET /js/main.js?x=1 HTTP/1.1\r\nHost: 127.0.0.1:8080\r\nUpgrade:  websocket \r\n"
                                 "Connection: keep-alive, Upgrade\r\nCookie: a=1\r\n\r\nBODY";
        const HttpHeadParse parse = parseRequestHead(bytes, 16 * 1024);
        QCOMPARE(parse.state, HttpHeadParse::State::Complete);
        QCOMPARE(parse.headBytes, bytes.indexOf("BODY"));
        QCOMPARE(parse.head.method, QByteArray("GET"));
        QCOMPARE(parse.head.path(), QByteArray("/js/main.js"));
        QCOMPARE(parse.head.query(), QByteArray("x=1"));
        QCOMPARE(parse.head.field("host").value(), QByteArray("127.0.0.1:8080"));
        QCOMPARE(parse.head.field("upgrade").value(), QByteArray("websocket"));
        QCOMPARE(parse.head.fieldTokens("connection"), (QList<QByteArray>{"keep-alive", "Upgrade"}));
        QVERIFY(!parse.head.field("origin"));
        QCOMPARE(contentLength(parse.head), std::optional<qint64>(0));
    }

    void incompleteHeadWaits()
    {
        const HttpHeadParse parse = parseRequestHead("GET / HTTP/1.1\r\nHost: a\r\n", 1024);
        QCOMPARE(parse.state, HttpHeadParse::State::Incomplete);
    }

    void refusedHeads_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<int>("status");
        const QByteArray host = "Host: h\r\n";
        QTest::newRow("bare LF") << QByteArray("GET / HTTP/1.1\nHost: h\n\n") << 400;
        QTest::newRow("no version") << QByteArray("GET /\r\n" + host + "\r\n") << 400;
        QTest::newRow("absolute form") << QByteArray("GET http://x/ HTTP/1.1\r\n" + host + "\r\n") << 400;
        QTest::newRow("asterisk") << QByteArray("OPTIONS * HTTP/1.1\r\n" + host + "\r\n") << 400;
        QTest::newRow("space in target") << QByteArray("GET /a b HTTP/1.1\r\n" + host + "\r\n") << 400;
        QTest::newRow("control in target") << QByteArray("GET /a\x01 HTTP/1.1\r\n" + host + "\r\n") << 400;
        QTest::newRow("fragment") << QByteArray("GET /a#b HTTP/1.1\r\n" + host + "\r\n") << 400;
        QTest::newRow("method not a token") << QByteArray("G(T / HTTP/1.1\r\n" + host + "\r\n") << 400;
        QTest::newRow("HTTP/2.0") << QByteArray("GET / HTTP/2.0\r\n" + host + "\r\n") << 505;
        QTest::newRow("HTTP/0.9") << QByteArray("GET / HTTP/0.9\r\n" + host + "\r\n") << 505;
        QTest::newRow("not HTTP") << QByteArray("GET / FTP/1.1\r\n" + host + "\r\n") << 400;
        QTest::newRow("no Host") << QByteArray("GET / HTTP/1.1\r\nA: b\r\n\r\n") << 400;
        QTest::newRow("two Hosts") << QByteArray("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n") << 400;
        QTest::newRow("space before colon") << QByteArray("GET / HTTP/1.1\r\nHost : a\r\n\r\n") << 400;
        QTest::newRow("obs-fold") << QByteArray("GET / HTTP/1.1\r\nHost: a\r\n folded\r\n\r\n") << 400;
        QTest::newRow("NUL in value") << QByteArray("GET / HTTP/1.1\r\nHost: a\r\nX: a\0b\r\n\r\n", 42) << 400;
        QTest::newRow("no colon") << QByteArray("GET / HTTP/1.1\r\nHost a\r\n\r\n") << 400;
        QTest::newRow("chunked") << QByteArray("POST / HTTP/1.1\r\n" + host + "Transfer-Encoding: chunked\r\n\r\n") << 501;
        QTest::newRow("length not a number") << QByteArray("POST / HTTP/1.1\r\n" + host + "Content-Length: 1e3\r\n\r\n") << 400;
        QTest::newRow("negative length") << QByteArray("POST / HTTP/1.1\r\n" + host + "Content-Length: -1\r\n\r\n") << 400;
        QTest::newRow("length list") << QByteArray("POST / HTTP/1.1\r\n" + host + "Content-Length: 5, 5\r\n\r\n") << 400;
        QTest::newRow("two lengths") << QByteArray("POST / HTTP/1.1\r\n" + host + "Content-Length: 5\r\nContent-Length: 6\r\n\r\n") << 400;
        QTest::newRow("huge length") << QByteArray("POST / HTTP/1.1\r\n" + host + "Content-Length: 99999999999999999999999\r\n\r\n") << 400;
        QTest::newRow("long request line") << QByteArray("GET /" + QByteArray(2000, 'a')) << 414;
        QTest::newRow("long head") << QByteArray("GET / HTTP/1.1\r\n" + host + "X: " + QByteArray(2000, 'a')) << 431;
        QByteArray many = "GET / HTTP/1.1\r\n" + host;
        for (int i = 0; i < 101; ++i)
            many += "X" + QByteArray::number(i) + ": y\r\n";
        QTest::newRow("too many fields") << QByteArray(many + "\r\n") << 431;
    }

    void refusedHeads()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(int, status);
        const HttpHeadParse parse = parseRequestHead(bytes, bytes.contains(QByteArray(2000, 'a')) ? 1024 : 16 * 1024);
        QCOMPARE(parse.state, HttpHeadParse::State::Refused);
        QCOMPARE(parse.status, status);
        QVERIFY(!parse.reason.isEmpty() && !parse.reason.contains('\n'));
    }

    void leadingBlankLinesAndHttp10()
    {
        const HttpHeadParse parse = parseRequestHead("\r\n\r\nGET /healthz HTTP/1.0\r\n\r\n", 1024);
        QCOMPARE(parse.state, HttpHeadParse::State::Complete);
        QCOMPARE(parse.head.version, QByteArray("HTTP/1.0"));
        QCOMPARE(parse.head.path(), QByteArray("/healthz"));
    }

    void assetPaths_data()
    {
        QTest::addColumn<QByteArray>("path");
        QTest::addColumn<QString>("asset");
        QTest::newRow("root") << QByteArray("/") << QStringLiteral(":/web/index.html");
        QTest::newRow("module") << QByteArray("/js/main.js") << QStringLiteral(":/web/js/main.js");
        QTest::newRow("escaped letter") << QByteArray("/js/m%61in.js") << QStringLiteral(":/web/js/main.js");
        QTest::newRow("dot dot") << QByteArray("/../secret") << QString();
        QTest::newRow("inner dot dot") << QByteArray("/js/../../etc/passwd") << QString();
        QTest::newRow("escaped dots") << QByteArray("/%2e%2e/secret") << QString();
        QTest::newRow("upper escaped dots") << QByteArray("/%2E%2E/secret") << QString();
        QTest::newRow("escaped slash") << QByteArray("/js%2f..%2fx") << QString();
        QTest::newRow("escaped backslash") << QByteArray("/js%5c..%5cx") << QString();
        QTest::newRow("backslash") << QByteArray("/js\\..\\x") << QString();
        QTest::newRow("NUL") << QByteArray("/index.html%00.js") << QString();
        QTest::newRow("broken escape") << QByteArray("/a%2") << QString();
        QTest::newRow("not hex") << QByteArray("/a%zz") << QString();
        QTest::newRow("dot") << QByteArray("/./index.html") << QString();
        QTest::newRow("empty segment") << QByteArray("//index.html") << QString();
        QTest::newRow("not UTF-8") << QByteArray("/%ff") << QString();
    }

    void assetPaths()
    {
        QFETCH(QByteArray, path);
        QFETCH(QString, asset);
        QCOMPARE(assetPathFor(path).value_or(QString()), asset);
    }

    void launchTokensAreSingleUseAndExpire()
    {
        WebSessions sessions;
        const QByteArray token = sessions.issueLaunchToken(1000);
        QVERIFY(QByteArray::fromBase64(token, QByteArray::Base64UrlEncoding).size() >= 16); // 128 bits
        QVERIFY(!sessions.exchange("guess", 1000));
        const std::optional<QByteArray> session = sessions.exchange(token, 1000 + 59 * 1000);
        QVERIFY(session);
        QVERIFY(QByteArray::fromBase64(*session, QByteArray::Base64UrlEncoding).size() >= 32);
        QVERIFY(!sessions.exchange(token, 1001)); // reused
        const QByteArray late = sessions.issueLaunchToken(1000);
        QVERIFY(!sessions.exchange(late, 1000 + 61 * 1000)); // expired
        QVERIFY(!sessions.exchange(late, 1000 + 1));          // and spent by the failed try
        const QByteArray cookie = "a=1; feast_console_session=" + *session + "; b=2";
        QCOMPARE(sessions.sessionFromCookieHeader(cookie), session);
        QVERIFY(!sessions.sessionFromCookieHeader("feast_console_session=forged"));
        QVERIFY(WebSessions::setCookieValue(*session).contains("HttpOnly; SameSite=Strict"));
    }

    void hostsAndOrigins()
    {
        const OriginPolicy policy(8080, {QStringLiteral("console.example.org")});
        QVERIFY(policy.allowsHost("127.0.0.1:8080"));
        QVERIFY(policy.allowsHost("LOCALHOST:8080"));
        QVERIFY(policy.allowsHost("[::1]:8080"));
        QVERIFY(policy.allowsHost("console.example.org:8080"));
        QVERIFY(!policy.allowsHost("127.0.0.1:8081"));
        QVERIFY(!policy.allowsHost("attacker.example:8080")); // DNS rebinding
        QVERIFY(!policy.allowsHost(""));
        QVERIFY(policy.allowsOrigin("http://127.0.0.1:8080"));
        QVERIFY(!policy.allowsOrigin("https://127.0.0.1:8080"));
        QVERIFY(!policy.allowsOrigin("http://127.0.0.1:8080/"));
        QVERIFY(!policy.allowsOrigin("null"));
        QVERIFY(!policy.allowsOrigin("http://evil.example"));
    }

    void everyResponseCarriesTheSecurityHeaders()
    {
        const QByteArray bytes = HttpResponse::text(404, "not found").serialized();
        QVERIFY(bytes.startsWith("HTTP/1.1 404 Not Found\r\n"));
        for (const char *field : {"Content-Security-Policy: default-src 'none'; script-src 'self'", "X-Content-Type-Options: nosniff",
                                  "Referrer-Policy: no-referrer", "Cache-Control: no-store", "X-Frame-Options: DENY",
                                  "frame-ancestors 'none'", "Content-Length: 10\r\n"})
            QVERIFY2(bytes.contains(field), field);
    }

    void rpcRequests_data()
    {
        QTest::addColumn<QByteArray>("message");
        QTest::addColumn<int>("error"); // 0: a request
        QTest::newRow("request") << QByteArray(R"({"jsonrpc":"2.0","id":1,"method":"hello"})") << 0;
        QTest::newRow("string id, params") << QByteArray(R"({"jsonrpc":"2.0","id":"a","method":"search","params":{"query":"x"}})") << 0;
        QTest::newRow("notification") << QByteArray(R"({"jsonrpc":"2.0","method":"cancel","params":{"id":1}})") << 0;
        QTest::newRow("not JSON") << QByteArray("{") << int(rpc::ParseError);
        QTest::newRow("batch") << QByteArray(R"([{"jsonrpc":"2.0","id":1,"method":"hello"}])") << int(rpc::InvalidRequest);
        QTest::newRow("scalar") << QByteArray("1") << int(rpc::ParseError);
        QTest::newRow("version 1") << QByteArray(R"({"jsonrpc":"1.0","id":1,"method":"hello"})") << int(rpc::InvalidRequest);
        QTest::newRow("no method") << QByteArray(R"({"jsonrpc":"2.0","id":1})") << int(rpc::InvalidRequest);
        QTest::newRow("method number") << QByteArray(R"({"jsonrpc":"2.0","id":1,"method":3})") << int(rpc::InvalidRequest);
        QTest::newRow("fractional id") << QByteArray(R"({"jsonrpc":"2.0","id":1.5,"method":"hello"})") << int(rpc::InvalidRequest);
        QTest::newRow("object id") << QByteArray(R"({"jsonrpc":"2.0","id":{},"method":"hello"})") << int(rpc::InvalidRequest);
        QTest::newRow("array params") << QByteArray(R"({"jsonrpc":"2.0","id":1,"method":"hello","params":[1]})") << int(rpc::InvalidParams);
        QTest::newRow("unknown member") << QByteArray(R"({"jsonrpc":"2.0","id":1,"method":"hello","x":1})") << int(rpc::InvalidRequest);
    }

    void rpcRequests()
    {
        QFETCH(QByteArray, message);
        QFETCH(int, error);
        const auto parsed = rpc::parseRequest(message);
        if (error == 0) {
            QVERIFY(std::holds_alternative<rpc::Request>(parsed));
            // Only a request without "id" is a notification (found by fuzz_rpcrequest).
            QCOMPARE(std::get<rpc::Request>(parsed).isNotification(), !message.startsWith(R"({"jsonrpc":"2.0","id")"));
            return;
        }
        QVERIFY(std::holds_alternative<rpc::Error>(parsed));
        const rpc::Error e = std::get<rpc::Error>(parsed);
        QCOMPARE(e.code, error);
        // The answer is itself valid JSON-RPC.
        const QJsonObject answer = QJsonDocument::fromJson(rpc::error(e)).object();
        QCOMPARE(answer.value(QStringLiteral("jsonrpc")).toString(), QStringLiteral("2.0"));
        QCOMPARE(answer.value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toInt(), error);
    }

    void paramReader()
    {
        const QJsonObject params{{QStringLiteral("limit"), 5000}, {QStringLiteral("query"), 3}};
        rpc::ParamReader read{params, {}};
        QCOMPARE(read.integer(QStringLiteral("offset"), 7, 0, 10), 7);
        QVERIFY(read.ok());
        read.integer(QStringLiteral("limit"), 100, 1, 1000);
        QVERIFY(read.why.contains(QStringLiteral("limit")));
        rpc::ParamReader other{params, {}};
        other.string(QStringLiteral("query"));
        QVERIFY(!other.ok());
    }
};

QTEST_GUILESS_MAIN(TestServeHttp)
#include "tst_servehttp.moc"
