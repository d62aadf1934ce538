#pragma once

#include <QString>
#include <optional>

namespace gw {

// A bound such as "< 50ms", ">= 100%", "<= 2.5s" or "> 1000": an operator, a number and its unit.
// Durations are kept in milliseconds and percentages as percent, so one comparison serves the
// per-request `duration` assertion and the load thresholds alike.
struct Comparison
{
    enum class Operator { Less, LessOrEqual, Greater, GreaterOrEqual, Equal };
    enum class Unit { None, Milliseconds, Percent };

    Operator op = Operator::Less;
    double value = 0;            // ms for durations, percent for rates
    Unit unit = Unit::None;
    QString text;                // as written, for messages

    bool holds(double observed) const;
    QString operatorText() const;

    // Parses `text`; `unit` says what the operand must be (durations take us, ms, s or m;
    // percentages need %). nullopt and `error` set when it cannot be read.
    static std::optional<Comparison> parse(const QString &text, Unit unit, QString *error);
    // "600ms", "5s", "1m", "250us" → milliseconds.
    static std::optional<double> parseDurationMs(const QString &text);
};

} // namespace gw
