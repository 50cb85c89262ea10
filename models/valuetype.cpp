#include "valuetype.h"

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

} // namespace feastconsole
