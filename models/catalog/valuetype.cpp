#include "catalog/valuetype.h"

namespace feastconsole {

namespace {

QString primitiveName(int number)
{
    switch (number) {
    case 0: return QStringLiteral("Invalid");
    case 1: return QStringLiteral("Bytes");
    case 2: return QStringLiteral("String");
    case 3: return QStringLiteral("Int32");
    case 4: return QStringLiteral("Int64");
    case 5: return QStringLiteral("Float64");
    case 6: return QStringLiteral("Float32");
    case 7: return QStringLiteral("Bool");
    case 8: return QStringLiteral("UnixTimestamp");
    case 20: return QStringLiteral("Map");
    case 32: return QStringLiteral("Json");
    case 34: return QStringLiteral("Struct");
    case 36: return QStringLiteral("Uuid");
    case 37: return QStringLiteral("TimeUuid");
    case 44: return QStringLiteral("Decimal");
    case 47: return QStringLiteral("ScalarMap");
    case 48: return QStringLiteral("ZonedTimestamp");
    default: return {};
    }
}

} // namespace

QString feastTypeName(int number)
{
    // Lists and sets come in runs that mirror the scalar numbers.
    struct Composite { int number; int element; const char *wrapper; };
    static constexpr Composite composites[] = {
        {11, 1, "Array"}, {12, 2, "Array"}, {13, 3, "Array"}, {14, 4, "Array"},
        {15, 5, "Array"}, {16, 6, "Array"}, {17, 7, "Array"}, {18, 8, "Array"},
        {21, 20, "Array"}, {33, 32, "Array"}, {35, 34, "Array"}, {38, 36, "Array"},
        {39, 37, "Array"}, {45, 44, "Array"},
        {22, 1, "Set"}, {23, 2, "Set"}, {24, 3, "Set"}, {25, 4, "Set"},
        {26, 5, "Set"}, {27, 6, "Set"}, {28, 7, "Set"}, {29, 8, "Set"},
        {40, 36, "Set"}, {41, 37, "Set"}, {46, 44, "Set"},
    };
    if (QString name = primitiveName(number); !name.isEmpty())
        return name;
    for (const Composite &c : composites) {
        if (c.number == number)
            return QLatin1String(c.wrapper) + u'(' + primitiveName(c.element) + u')';
    }
    if (number == 42)
        return QStringLiteral("Array(Array(String))");
    if (number == 43)
        return QStringLiteral("Set(Array(String))");
    if (number == 19)
        return QStringLiteral("Null");
    return QStringLiteral("ValueType(%1)").arg(number);
}

int valueTypeFromName(const QString &enumName)
{
    // feast.types.ValueType.Enum as protobuf's JSON mapping prints it.
    struct Named { const char *name; int number; };
    static constexpr Named names[] = {
        {"INVALID", 0},
        {"BYTES", 1},
        {"STRING", 2},
        {"INT32", 3},
        {"INT64", 4},
        {"DOUBLE", 5},
        {"FLOAT", 6},
        {"BOOL", 7},
        {"UNIX_TIMESTAMP", 8},
        {"BYTES_LIST", 11},
        {"STRING_LIST", 12},
        {"INT32_LIST", 13},
        {"INT64_LIST", 14},
        {"DOUBLE_LIST", 15},
        {"FLOAT_LIST", 16},
        {"BOOL_LIST", 17},
        {"UNIX_TIMESTAMP_LIST", 18},
        {"NULL", 19},
        {"MAP", 20},
        {"MAP_LIST", 21},
        {"BYTES_SET", 22},
        {"STRING_SET", 23},
        {"INT32_SET", 24},
        {"INT64_SET", 25},
        {"DOUBLE_SET", 26},
        {"FLOAT_SET", 27},
        {"BOOL_SET", 28},
        {"UNIX_TIMESTAMP_SET", 29},
        {"JSON", 32},
        {"JSON_LIST", 33},
        {"STRUCT", 34},
        {"STRUCT_LIST", 35},
        {"UUID", 36},
        {"TIME_UUID", 37},
        {"UUID_LIST", 38},
        {"TIME_UUID_LIST", 39},
        {"UUID_SET", 40},
        {"TIME_UUID_SET", 41},
        {"VALUE_LIST", 42},
        {"VALUE_SET", 43},
        {"DECIMAL", 44},
        {"DECIMAL_LIST", 45},
        {"DECIMAL_SET", 46},
        {"SCALAR_MAP", 47},
        {"ZONED_TIMESTAMP", 48},
    };
    for (const Named &n : names) {
        if (enumName == QLatin1StringView(n.name))
            return n.number;
    }
    return 0;
}

} // namespace feastconsole
