#include "registry/sqlregistryloader.h"

#include "grpcchannel.h"
#include "registry/fileregistryloader.h"
#include "registry/registrydecoder.h"
#include "registry/wirevalidator.h"

#include "feast/core/Registry.pb.h"

#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/wire_format_lite.h>

#include <QAtomicInteger>
#include <QHash>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

namespace feastconsole {

namespace {

// Feast's SQL registry: one table per kind, the object's proto in one column,
// and the feast.core.Registry field the objects belong to.
struct RegistryTable {
    const char *table;
    const char *nameColumn;
    const char *protoColumn;
    const char *registryField;
    bool required; // in every Feast version the console reads
};

constexpr RegistryTable registryTables[] = {
    {"projects", "project_name", "project_proto", "projects", false},
    {"entities", "entity_name", "entity_proto", "entities", true},
    {"data_sources", "data_source_name", "data_source_proto", "data_sources", true},
    {"feature_views", "feature_view_name", "feature_view_proto", "feature_views", true},
    {"stream_feature_views", "feature_view_name", "feature_view_proto", "stream_feature_views", false},
    {"on_demand_feature_views", "feature_view_name", "feature_view_proto", "on_demand_feature_views", true},
    {"label_views", "feature_view_name", "feature_view_proto", "label_views", false},
    {"feature_services", "feature_service_name", "feature_service_proto", "feature_services", true},
    {"saved_datasets", "saved_dataset_name", "saved_dataset_proto", "saved_datasets", false},
    {"validation_references", "validation_reference_name", "validation_reference_proto", "validation_references", false},
    {"permissions", "permission_name", "permission_proto", "permissions", false},
};

const google::protobuf::FieldDescriptor *registryField(const char *name)
{
    return feast::core::Registry::descriptor()->FindFieldByName(name);
}

QString driverOf(SqlRegistryUrl::Dialect dialect)
{
    switch (dialect) {
    case SqlRegistryUrl::Dialect::PostgreSql: return QStringLiteral("QPSQL");
    case SqlRegistryUrl::Dialect::MySql: return QStringLiteral("QMYSQL");
    case SqlRegistryUrl::Dialect::Sqlite: return QStringLiteral("QSQLITE");
    }
    return {};
}

QString debianPackageOf(SqlRegistryUrl::Dialect dialect)
{
    switch (dialect) {
    case SqlRegistryUrl::Dialect::PostgreSql: return QStringLiteral("libqt6sql6-psql");
    case SqlRegistryUrl::Dialect::MySql: return QStringLiteral("libqt6sql6-mysql");
    case SqlRegistryUrl::Dialect::Sqlite: return QStringLiteral("libqt6sql6-sqlite");
    }
    return {};
}

// Appends a length-delimited field to a serialized message.
void appendField(QByteArray &wire, int number, const QByteArray &bytes)
{
    using google::protobuf::internal::WireFormatLite;
    const quint32 tag = WireFormatLite::MakeTag(number, WireFormatLite::WIRETYPE_LENGTH_DELIMITED);
    char buffer[20];
    auto *end = google::protobuf::io::CodedOutputStream::WriteVarint32ToArray(tag, reinterpret_cast<quint8 *>(buffer));
    end = google::protobuf::io::CodedOutputStream::WriteVarint32ToArray(quint32(bytes.size()), end);
    wire.append(buffer, int(reinterpret_cast<char *>(end) - buffer));
    wire.append(bytes);
}

// What the driver said, classified: a server that is not there is retried,
// a refused password needs the user, anything else names the cause.
ConnectionError sqlError(const QString &where, const QSqlError &error)
{
    const QString text = error.text().simplified();
    const QString lower = text.toLower();
    ErrorCategory category = ErrorCategory::Internal;
    if (lower.contains(u"password") || lower.contains(u"authentication") || lower.contains(u"access denied")
        || lower.contains(u"permission denied") || lower.contains(u"not authorized"))
        category = ErrorCategory::PermissionDenied;
    else if (lower.contains(u"could not connect") || lower.contains(u"connection refused") || lower.contains(u"timeout")
             || lower.contains(u"timed out") || lower.contains(u"can't connect") || lower.contains(u"no route")
             || lower.contains(u"server closed") || lower.contains(u"terminating connection")
             || lower.contains(u"lock") || lower.contains(u"busy"))
        category = ErrorCategory::Unreachable;
    QString message = QStringLiteral("%1: %2").arg(where, text.isEmpty() ? QStringLiteral("unknown database error") : text);
    if (lower.contains(u"lock timeout") || lower.contains(u"database is locked") || lower.contains(u"lock wait timeout"))
        message += QStringLiteral(" - another session holds a lock on it (a writer, or a schema migration); the console "
                                  "reads again at the next retry");
    return {category, message};
}

// The change stamp: per table, how many rows and their timestamps' max and
// sum - an insert, a delete or an update (Feast stamps every write) moves it.
ChangeStamp readStamp(QSqlQuery &query, const QStringList &present, const QString &source)
{
    ChangeStamp stamp;
    for (const RegistryTable &t : registryTables) {
        if (!present.contains(QLatin1String(t.table)))
            continue;
        if (!query.exec(QStringLiteral("SELECT COUNT(*), COALESCE(MAX(last_updated_timestamp), 0), "
                                       "COALESCE(SUM(last_updated_timestamp), 0) FROM %1").arg(QLatin1String(t.table)))
            || !query.next()) {
            stamp.error = sqlError(QStringLiteral("%1, table %2").arg(source, QLatin1String(t.table)), query.lastError());
            return stamp;
        }
        stamp.stamp += QByteArray(t.table) + ':' + query.value(0).toByteArray() + ',' + query.value(1).toByteArray() + ','
            + query.value(2).toByteArray() + ';';
    }
    query.finish();
    return stamp;
}

} // namespace

// One database connection, removed when it goes (Qt keeps them by name).
class ScopedDatabase
{
public:
    ScopedDatabase() = default;
    ScopedDatabase(const ScopedDatabase &) = delete;
    ScopedDatabase &operator=(const ScopedDatabase &) = delete;
    void add(const QString &driver)
    {
        static QAtomicInteger<quint64> counter;
        m_name = QStringLiteral("feast-console-sql-%1").arg(counter.fetchAndAddRelaxed(1));
        m_db = QSqlDatabase::addDatabase(driver, m_name);
    }
    ~ScopedDatabase()
    {
        if (m_db.isOpen()) {
            m_db.rollback(); // nothing was written; end the read transaction
            m_db.close();
        }
        m_db = QSqlDatabase();
        if (!m_name.isEmpty())
            QSqlDatabase::removeDatabase(m_name);
    }
    QSqlDatabase &db() { return m_db; }

private:
    QString m_name;
    QSqlDatabase m_db;
};


SqlRegistryLoader::SqlRegistryLoader(SqlRegistryUrl url, TokenSource password, int deadlineMs)
    : m_url(std::move(url))
    , m_password(std::move(password))
    , m_deadlineMs(deadlineMs)
{
}

QString SqlRegistryLoader::describe() const
{
    return m_url.display();
}

QStringList SqlRegistryLoader::watchedFiles() const
{
    return m_url.dialect == SqlRegistryUrl::Dialect::Sqlite ? QStringList{m_url.database} : QStringList{};
}

ConnectionError SqlRegistryLoader::openReadOnly(ScopedDatabase &scoped, QStringList *present,
                                                const ProgressCallback &progress) const
{
    const QString source = describe();
    const QString driver = driverOf(m_url.dialect);
    if (!QSqlDatabase::isDriverAvailable(driver))
        return {ErrorCategory::BadInput, QStringLiteral("%1: Qt's %2 driver is not installed (Debian: %3)")
                                                         .arg(source, driver, debianPackageOf(m_url.dialect))};
    if (m_url.dialect == SqlRegistryUrl::Dialect::Sqlite) {
        const QFileInfo file(m_url.database);
        if (!file.exists())
            return {ErrorCategory::BadInput, QStringLiteral("%1: the database file does not exist").arg(source)};
        if (!file.isFile())
            return {ErrorCategory::BadInput, QStringLiteral("%1: not a regular file").arg(source)};
    }
    QString password = m_url.password;
    if (m_password.isSet()) {
        const TokenResult secret = readSecret(m_password, QStringLiteral("password"));
        if (secret.error.isError())
            return {secret.error.category, QStringLiteral("%1: %2").arg(source, secret.error.message)};
        password = QString::fromStdString(secret.token);
    }
    if (progress)
        progress(5, QStringLiteral("Connecting to %1").arg(source));

    scoped.add(driver);
    QSqlDatabase &db = scoped.db();
    const int timeoutS = std::max(1, m_deadlineMs / 1000);
    QStringList options;
    switch (m_url.dialect) {
    case SqlRegistryUrl::Dialect::Sqlite:
        // Read-only at the file: the console cannot write even by mistake.
        options << QStringLiteral("QSQLITE_OPEN_READONLY") << QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1").arg(m_deadlineMs);
        db.setDatabaseName(m_url.database);
        break;
    case SqlRegistryUrl::Dialect::PostgreSql:
    case SqlRegistryUrl::Dialect::MySql: {
        bool timeoutGiven = false;
        for (const auto &[key, value] : m_url.options) {
            timeoutGiven |= key == u"connect_timeout";
            if (m_url.dialect == SqlRegistryUrl::Dialect::PostgreSql) // libpq conninfo quoting: 'a b', \' and \\.
                options << key + QStringLiteral("='") + QString(value).replace(u'\\', QStringLiteral("\\\\")).replace(u'\'', QStringLiteral("\\'")) + u'\'';
            else if (key == u"ssl_ca" || key == u"ssl_cert" || key == u"ssl_key")
                options << QStringLiteral("SSL_") + key.mid(4).toUpper() + u'=' + value;
            else if (key == u"connect_timeout")
                options << QStringLiteral("MYSQL_OPT_CONNECT_TIMEOUT=") + value;
        }
        const bool named = std::any_of(m_url.options.cbegin(), m_url.options.cend(),
                                       [](const auto &o) { return o.first == u"application_name"; });
        if (m_url.dialect == SqlRegistryUrl::Dialect::PostgreSql && !named) // who reads, in the server's views and logs
            options << QStringLiteral("application_name=feast-console");
        if (!timeoutGiven)
            options << (m_url.dialect == SqlRegistryUrl::Dialect::PostgreSql ? QStringLiteral("connect_timeout=%1")
                                                                            : QStringLiteral("MYSQL_OPT_CONNECT_TIMEOUT=%1"))
                           .arg(timeoutS);
        db.setDatabaseName(m_url.database);
        db.setHostName(m_url.host);
        if (m_url.port)
            db.setPort(*m_url.port);
        db.setUserName(m_url.user);
        db.setPassword(password);
        break;
    }
    }
    db.setConnectOptions(options.join(u';'));
    if (!db.open())
        return sqlError(source, db.lastError());

    // One read-only transaction over every table: a consistent registry, and
    // the database itself refuses any write.
    QSqlQuery query(db);
    QStringList setup;
    switch (m_url.dialect) {
    case SqlRegistryUrl::Dialect::PostgreSql:
        setup << QStringLiteral("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")
              << QStringLiteral("SET statement_timeout = %1").arg(m_deadlineMs)
              // Below the statement's timeout, so a writer's lock is named as such.
              << QStringLiteral("SET lock_timeout = %1").arg(std::max(1, m_deadlineMs * 3 / 4))
              << QStringLiteral("START TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY");
        break;
    case SqlRegistryUrl::Dialect::MySql:
        setup << QStringLiteral("SET SESSION TRANSACTION READ ONLY")
              << QStringLiteral("SET SESSION TRANSACTION ISOLATION LEVEL REPEATABLE READ")
              << QStringLiteral("START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY");
        break;
    case SqlRegistryUrl::Dialect::Sqlite:
        setup << QStringLiteral("BEGIN");
        break;
    }
    for (const QString &statement : std::as_const(setup)) {
        if (!query.exec(statement))
            return sqlError(source, query.lastError());
    }

    // The tables: Feast's, or say what is missing.
    *present = db.tables(QSql::Tables);
    for (QString &t : *present)
        t = t.toLower();
    QStringList missing;
    for (const RegistryTable &t : registryTables) {
        if (t.required && !present->contains(QLatin1String(t.table)))
            missing << QLatin1String(t.table);
    }
    if (!missing.isEmpty()) {
        const bool none = missing.size() == std::count_if(std::begin(registryTables), std::end(registryTables),
                                                          [](const RegistryTable &t) { return t.required; });
        return {ErrorCategory::BadInput,
                          none ? QStringLiteral("%1 holds no Feast registry (no %2 tables): run `feast apply` "
                                                "with this registry, or check the database name")
                                     .arg(source, missing.join(QStringLiteral(", ")))
                               : QStringLiteral("%1 is not a Feast SQL registry the console can read: the tables %2 "
                                                "are missing (a schema from another Feast version?)")
                                     .arg(source, missing.join(QStringLiteral(", ")))};
    }
    return {};
}

LoadResult SqlRegistryLoader::load(const CancelFlag &cancel, const ProgressCallback &progress)
{
    const QString source = describe();
    // Held to the same size limit as a registry file: the rows are read whole.
    ConnectionError limitError;
    const qint64 maxBytes = FileRegistryLoader::sizeLimitFromEnvironment(&limitError);
    if (limitError.isError())
        return {nullptr, limitError, {}};
    ScopedDatabase scoped;
    QStringList present;
    if (const ConnectionError error = openReadOnly(scoped, &present, progress); error.isError())
        return {nullptr, error, {}};
    QSqlQuery query(scoped.db());
    // In the same transaction as the rows: the stamp says what this catalog is.
    ChangeStamp stamp = readStamp(query, present, source);
    if (stamp.error.isError())
        return {nullptr, stamp.error, {}};

    struct Row {
        const RegistryTable *table;
        QString project, name;
        qsizetype offset, size;
    };
    std::vector<Row> rows;
    QByteArray wire;
    int tableIndex = 0;
    const int tableCount = int(std::size(registryTables));
    for (const RegistryTable &t : registryTables) {
        ++tableIndex;
        if (!present.contains(QLatin1String(t.table)))
            continue; // a kind this Feast version does not keep
        if (cancel.isCancelled())
            return {nullptr, {ErrorCategory::Cancelled, QStringLiteral("cancelled")}};
        if (progress)
            progress(5 + 45 * tableIndex / tableCount, QStringLiteral("Reading %1 of %2").arg(QLatin1String(t.table), source));
        query.setForwardOnly(true);
        if (!query.exec(QStringLiteral("SELECT project_id, %1, %2 FROM %3 ORDER BY project_id, %1")
                            .arg(QLatin1String(t.nameColumn), QLatin1String(t.protoColumn), QLatin1String(t.table))))
            return {nullptr, sqlError(QStringLiteral("%1, table %2").arg(source, QLatin1String(t.table)), query.lastError())};
        const int field = registryField(t.registryField)->number();
        while (query.next()) {
            const QByteArray bytes = query.value(2).toByteArray();
            if (wire.size() + bytes.size() > maxBytes)
                return {nullptr, {ErrorCategory::BadInput,
                                  QStringLiteral("%1: the registry's rows are over the %2 MB limit for registries (%3)")
                                      .arg(source).arg(maxBytes >> 20)
                                      .arg(QLatin1String(FileRegistryLoader::sizeLimitVariable))}};
            appendField(wire, field, bytes);
            rows.push_back({&t, query.value(0).toString(), query.value(1).toString(), wire.size() - bytes.size(), bytes.size()});
            if ((rows.size() & 0x3ff) == 0 && cancel.isCancelled())
                return {nullptr, {ErrorCategory::Cancelled, QStringLiteral("cancelled")}};
        }
        if (query.lastError().isValid())
            return {nullptr, sqlError(QStringLiteral("%1, table %2").arg(source, QLatin1String(t.table)), query.lastError())};
    }
    query.finish();
    scoped.db().rollback();

    const ProgressCallback decodeProgress = progress ? ProgressCallback([&](int percent, const QString &text) {
        progress(50 + percent / 2, text);
    }) : ProgressCallback();
    DecodeResult decoded = decodeRegistry(wire, source, &cancel, decodeProgress);
    if (decoded.error.category == ErrorCategory::BadInput) {
        // Name the row Feast could not read either, not a byte of a registry nobody wrote.
        QHash<const RegistryTable *, std::shared_ptr<const WireValidator>> validators;
        for (const Row &row : rows) {
            std::shared_ptr<const WireValidator> &validator = validators[row.table];
            if (!validator)
                validator = std::make_shared<const WireValidator>(registryField(row.table->registryField)->message_type());
            const WireFault fault = validator->validate(QByteArrayView(wire).sliced(row.offset, row.size));
            if (fault.isFault())
                return {nullptr, {ErrorCategory::BadInput,
                                  QStringLiteral("%1: the row of %2 \"%3\" in project \"%4\" is not a valid %5 (%6 at byte %7)")
                                      .arg(source, QLatin1String(row.table->table), row.name, row.project,
                                           QString::fromStdString(registryField(row.table->registryField)->message_type()->name()),
                                           fault.what)
                                      .arg(fault.offset)}};
        }
    }
    if (decoded.snapshot) {
        // The row's project_id is the object's project: Feast lists by it, and
        // some kinds (data sources) are stored without it in their proto.
        QHash<qsizetype, const Row *> rowAt;
        for (const Row &row : rows)
            rowAt.insert(row.offset, &row);
        for (CatalogObject &o : decoded.snapshot->objects) {
            if (o.project.isEmpty() && o.wire.isValid()) {
                if (const Row *row = rowAt.value(o.wire.offset))
                    o.project = row->project;
            }
        }
    }
    return {std::move(decoded.snapshot), decoded.error, stamp.stamp};
}

ChangeStamp SqlRegistryLoader::changeStamp(const CancelFlag &)
{
    ScopedDatabase scoped;
    QStringList present;
    if (const ConnectionError error = openReadOnly(scoped, &present, {}); error.isError())
        return {{}, error};
    QSqlQuery query(scoped.db());
    return readStamp(query, present, describe());
}

} // namespace feastconsole
