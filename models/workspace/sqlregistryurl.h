#pragma once

#include <QList>
#include <QString>

#include <optional>
#include <utility>

namespace feastconsole {

// A Feast SQL registry's location, as feature_store.yaml's `path` writes it
// for `registry_type: sql` (SQLAlchemy URLs): postgresql://, postgres://,
// postgresql+psycopg://, postgresql+psycopg2://, mysql://, mysql+pymysql://,
// mysql+mysqldb://, and sqlite:///relative.db or sqlite:////absolute.db.
struct SqlRegistryUrl {
    enum class Dialect { PostgreSql, MySql, Sqlite };
    Dialect dialect = Dialect::PostgreSql;
    QString host;          // empty: the driver's default (a local socket)
    std::optional<int> port;
    QString database;      // SQLite: the file's absolute path
    QString user;
    QString password;      // only when the URL itself held one (a feature_store.yaml)
    // Query options passed to the driver: sslmode, sslrootcert, sslcert,
    // sslkey, connect_timeout (PostgreSQL); ssl_ca, ssl_cert, ssl_key (MySQL).
    QList<std::pair<QString, QString>> options;

    // The URL as it may be shown: no password.
    QString display() const;
};

struct ParsedSqlUrl {
    std::optional<SqlRegistryUrl> url;
    QString error; // names what is wrong, never repeating a password
};

// Is this the scheme of a SQL registry URL (a dialect, with or without +driver)?
bool isSqlRegistryScheme(QStringView scheme);

// Parses a SQL registry URL. A relative SQLite path is resolved against
// `baseDir` (Feast resolves it against the folder it runs in: the feature
// repo); without a baseDir it is refused. `allowPassword` false refuses a
// password written in the URL (workspace files and command lines name it).
ParsedSqlUrl parseSqlRegistryUrl(const QString &text, const QString &baseDir = {}, bool allowPassword = true);

} // namespace feastconsole
