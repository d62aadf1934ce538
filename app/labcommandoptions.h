#pragma once

#include "lab/simulation.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QStringList>
#include <optional>

// The options every lab-running command shares (-n, --seed, --port-offset, ...), declared once.
class LabCommandOptions
{
public:
    // `serving`: the command runs the data plane, so its tuning options apply too.
    explicit LabCommandOptions(bool serving);
    void addTo(QCommandLineParser &parser) const;
    // Fills `options` from the parsed command line; returns an error text for a bad value.
    QString read(const QCommandLineParser &parser, gw::Simulation::Options &options) const;
    // The common part of a lab command's command line, after the command added its own options:
    // adds PATH..., parses, answers --help, reads the shared options and requires a PATH. Returns
    // the exit code when the command must end here (0 after help, 1 on a usage error).
    std::optional<int> parse(QCommandLineParser &parser, const QStringList &arguments, gw::Simulation::Options &options) const;

private:
    bool m_serving;
    QCommandLineOption m_namespace;
    QCommandLineOption m_seed;
    QCommandLineOption m_portOffset;
    QCommandLineOption m_threads;
    QCommandLineOption m_perRequest;
    QCommandLineOption m_upstreamTimeout;
};
