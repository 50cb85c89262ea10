#include "workspace/sqlregistryurl.h"

#include <QDir>
#include <QUrl>
#include <QUrlQuery>

namespace feastconsole {

namespace {

struct SchemeInfo {
    const char *scheme;
    SqlRegistryUrl::Dialect dialect;
};

// SQLAlchemy's dialect+driver names Feast's docs and users write.
constexpr SchemeInfo schemes[] = {
    {"postgresql", SqlRegistryUrl::Dialect::PostgreSql},
    {"postgres", SqlRegistryUrl::Dialect::PostgreSql},
    {"postgresql+psycopg", SqlRegistryUrl::Dialect::PostgreSql},
    {"postgresql+psycopg2", SqlRegistryUrl::Dialect::PostgreSql},
    {"postgresql+pg8000", SqlRegistryUrl::Dialect::PostgreSql},
    {"mysql", SqlRegistryUrl::Dialect::MySql},
    {"mysql+pymysql", SqlRegistryUrl::Dialect::MySql},
    {"mysql+mysqldb", SqlRegistryUrl::Dialect::MySql},
    {"mysql+mysqlconnector", SqlRegistryUrl::Dialect::MySql},
    {"mariadb", SqlRegistryUrl::Dialect::MySql},
    {"mariadb+pymysql", SqlRegistryUrl::Dialect::MySql},
    {"sqlite", SqlRegistryUrl::Dialect::Sqlite},
    {"sqlite+pysqlite", SqlRegistryUrl::Dialect::Sqlite},
};

std::optional<SqlRegistryUrl::Dialect> dialectOf(QStringView scheme)
{
    for (const SchemeInfo &s : schemes) {
        if (scheme.compare(QLatin1String(s.scheme), Qt::CaseInsensitive) == 0)
            return s.dialect;
    }
    return std::nullopt;
}

// The options each driver is given; anything else in the query is refused by name.
bool knownOption(SqlRegistryUrl::Dialect dialect, const QString &key)
{
    static const QStringList postgres{QStringLiteral("sslmode"), QStringLiteral("sslrootcert"), QStringLiteral("sslcert"),
                                      QStringLiteral("sslkey"), QStringLiteral("connect_timeout"),
                                      QStringLiteral("application_name"), QStringLiteral("options")};
    static const QStringList mysql{QStringLiteral("ssl_ca"), QStringLiteral("ssl_cert"), QStringLiteral("ssl_key"),
                                   QStringLiteral("charset"), QStringLiteral("connect_timeout")};
    return dialect == SqlRegistryUrl::Dialect::PostgreSql ? postgres.contains(key) : mysql.contains(key);
}

ParsedSqlUrl failure(const QString &message)
{
    return {std::nullopt, message};
}

} // namespace

bool isSqlRegistryScheme(QStringView scheme)
{
    return dialectOf(scheme).has_value();
}

QString SqlRegistryUrl::display() const
{
    if (dialect == Dialect::Sqlite)
        return QStringLiteral("sqlite:///") + database;
    QUrl url;
    url.setScheme(dialect == Dialect::PostgreSql ? QStringLiteral("postgresql") : QStringLiteral("mysql"));
    url.setUserName(user);
    url.setHost(host);
    if (port)
        url.setPort(*port);
    url.setPath(u'/' + database);
    return url.toString();
}

ParsedSqlUrl parseSqlRegistryUrl(const QString &text, const QString &baseDir, bool allowPassword)
{
    const QString trimmed = text.trimmed();
    const qsizetype colon = trimmed.indexOf(u':');
    const std::optional<SqlRegistryUrl::Dialect> dialect = colon > 0 ? dialectOf(QStringView(trimmed).left(colon)) : std::nullopt;
    if (!dialect)
        return failure(QStringLiteral("\"%1\" is not a SQL registry URL (postgresql://, mysql:// or sqlite:///)")
                           .arg(QUrl(trimmed).toString(QUrl::RemoveUserInfo)));
    SqlRegistryUrl result;
    result.dialect = *dialect;

    if (*dialect == SqlRegistryUrl::Dialect::Sqlite) {
        // sqlite:///relative.db, sqlite:////absolute.db; sqlite:// alone is a database in memory.
        const QString rest = trimmed.mid(colon + 1);
        if (!rest.startsWith(u"///"))
            return failure(QStringLiteral("\"%1\": a SQLite registry is a file, sqlite:///relative.db or "
                                          "sqlite:////absolute/path.db (an in-memory database holds no registry)")
                               .arg(trimmed));
        QString path = QUrl::fromPercentEncoding(rest.mid(3).section(u'?', 0, 0).toUtf8());
        if (path.isEmpty())
            return failure(QStringLiteral("\"%1\": no database file (an in-memory database holds no registry)").arg(trimmed));
        if (QDir::isRelativePath(path)) {
            if (baseDir.isEmpty())
                return failure(QStringLiteral("\"%1\" names a file relative to where Feast runs; write the absolute "
                                              "path, sqlite:////absolute/path.db").arg(trimmed));
            path = QDir(baseDir).absoluteFilePath(path);
        }
        result.database = QDir::cleanPath(path);
        return {result, {}};
    }

    const QUrl url(trimmed, QUrl::StrictMode);
    if (!url.isValid())
        return failure(QStringLiteral("\"%1\" is not a valid URL: %2")
                           .arg(QUrl(trimmed).toString(QUrl::RemoveUserInfo), url.errorString()));
    const QString shown = url.toString(QUrl::RemovePassword);
    if (!url.password().isEmpty() && !allowPassword)
        return failure(QStringLiteral("the password in \"%1\" is refused: name it with password: {env: VAR} or "
                                      "{file: PATH} in the workspace (or set %2 for the driver)")
                           .arg(url.toString(QUrl::RemovePassword | QUrl::RemoveUserInfo),
                                *dialect == SqlRegistryUrl::Dialect::PostgreSql ? QStringLiteral("PGPASSWORD")
                                                                              : QStringLiteral("MYSQL_PWD")));
    result.host = url.host();
    if (url.port() != -1)
        result.port = url.port();
    result.user = url.userName(QUrl::FullyDecoded);
    result.password = url.password(QUrl::FullyDecoded);
    result.database = url.path(QUrl::FullyDecoded).mid(1);
    if (result.database.isEmpty() || result.database.contains(u'/'))
        return failure(QStringLiteral("\"%1\" names no database (…/DATABASE)").arg(shown));
    const QUrlQuery query(url);
    for (const auto &[key, value] : query.queryItems(QUrl::FullyDecoded)) {
        if (!knownOption(*dialect, key))
            return failure(QStringLiteral("\"%1\": the option \"%2\" is not one the console passes to the database")
                               .arg(shown, key));
        if (value.contains(u';')) // Qt's drivers split their options at ';'
            return failure(QStringLiteral("\"%1\": the value of \"%2\" holds a ';', which the database driver cannot be given")
                               .arg(shown, key));
        result.options.append({key, value});
    }
    return {result, {}};
}

} // namespace feastconsole
