#include "comparison.h"

#include <QRegularExpression>

namespace gw {

bool Comparison::holds(double observed) const
{
    // Percentages and milliseconds are shown rounded; compare with a tolerance far below that so a
    // computed 100% (kept/eligible) meets ">= 100%" exactly.
    constexpr double epsilon = 1e-9;
    switch (op) {
    case Operator::Less: return observed < value - epsilon;
    case Operator::LessOrEqual: return observed <= value + epsilon;
    case Operator::Greater: return observed > value + epsilon;
    case Operator::GreaterOrEqual: return observed >= value - epsilon;
    case Operator::Equal: return qAbs(observed - value) <= epsilon;
    }
    return false;
}

QString Comparison::operatorText() const
{
    switch (op) {
    case Operator::Less: return QStringLiteral("<");
    case Operator::LessOrEqual: return QStringLiteral("<=");
    case Operator::Greater: return QStringLiteral(">");
    case Operator::GreaterOrEqual: return QStringLiteral(">=");
    case Operator::Equal: return QStringLiteral("==");
    }
    return {};
}

std::optional<double> Comparison::parseDurationMs(const QString &text)
{
    static const QRegularExpression pattern(QStringLiteral("^\\s*(\\d+(?:\\.\\d+)?)\\s*(us|µs|ms|s|m)\\s*$"));
    const QRegularExpressionMatch match = pattern.match(text);
    if (!match.hasMatch())
        return std::nullopt;
    const double number = match.captured(1).toDouble();   // QString::toDouble is locale-independent
    const QString unit = match.captured(2);
    if (unit == u"us" || unit == u"µs")
        return number / 1000.0;
    if (unit == u"ms")
        return number;
    if (unit == u"s")
        return number * 1000.0;
    return number * 60'000.0;
}

std::optional<Comparison> Comparison::parse(const QString &text, Unit unit, QString *error)
{
    static const QRegularExpression pattern(QStringLiteral("^\\s*(<=|>=|==|<|>)\\s*(.+?)\\s*$"));
    const QRegularExpressionMatch match = pattern.match(text);
    if (!match.hasMatch()) {
        *error = QStringLiteral("expected a comparison such as \"< 50ms\" (operators <, <=, >, >=, ==), got \"%1\"").arg(text);
        return std::nullopt;
    }
    Comparison comparison;
    comparison.text = text.trimmed();
    comparison.unit = unit;
    const QString op = match.captured(1);
    comparison.op = op == u"<"    ? Operator::Less
                    : op == u"<=" ? Operator::LessOrEqual
                    : op == u">"  ? Operator::Greater
                    : op == u">=" ? Operator::GreaterOrEqual
                                  : Operator::Equal;
    const QString operand = match.captured(2);
    switch (unit) {
    case Unit::Milliseconds: {
        const auto ms = parseDurationMs(operand);
        if (!ms) {
            *error = QStringLiteral("expected a duration with a unit (us, ms, s, m) such as \"50ms\", got \"%1\"").arg(operand);
            return std::nullopt;
        }
        comparison.value = *ms;
        return comparison;
    }
    case Unit::Percent: {
        static const QRegularExpression percent(QStringLiteral("^(\\d+(?:\\.\\d+)?)\\s*%$"));
        const QRegularExpressionMatch m = percent.match(operand);
        if (!m.hasMatch()) {
            *error = QStringLiteral("expected a percentage such as \"1%\", got \"%1\"").arg(operand);
            return std::nullopt;
        }
        comparison.value = m.captured(1).toDouble();
        if (comparison.value > 100) {
            *error = QStringLiteral("expected a percentage 0-100%, got \"%1\"").arg(operand);
            return std::nullopt;
        }
        return comparison;
    }
    case Unit::None: {
        bool ok = false;
        comparison.value = operand.toDouble(&ok);
        if (!ok || comparison.value < 0) {
            *error = QStringLiteral("expected a non-negative number, got \"%1\"").arg(operand);
            return std::nullopt;
        }
        return comparison;
    }
    }
    return std::nullopt;
}

} // namespace gw
