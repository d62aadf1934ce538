#pragma once

#include <QString>
#include <QStringList>

namespace gw::ui {

// The ready-to-load manifest sets under samples/: one folder each. Found next to an installed
// binary (../share/gatewaylab/samples), beside a build tree's bin/ (../samples, ../../samples) or,
// for a developer build, in the source tree.
class SampleCatalog
{
public:
    struct Sample
    {
        QString name;           // folder name, e.g. session-sticky
        QString path;           // absolute folder path
        QString title;          // first heading of its README.md, or the name
        QString defaultNamespace;   // from a "kubectl apply -n NS" in the README, else empty
    };

    static QString samplesDirectory();
    static QList<Sample> samples(const QString &directory = samplesDirectory());
};

} // namespace gw::ui
