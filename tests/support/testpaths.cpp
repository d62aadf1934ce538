#include "testpaths.h"

#include <QDir>
#include <QProcessEnvironment>

namespace gw::test {

namespace {
QString fromEnvironment(const char *name, const QString &fallback)
{
    const QString value = qEnvironmentVariable(name);
    return value.isEmpty() ? fallback : value;
}
} // namespace

QString sourceDir()
{
    return fromEnvironment("GWLAB_SOURCE_DIR", QStringLiteral(GATEWAYLAB_SOURCE_DIR));
}

QString sharedDir()
{
    return fromEnvironment("GWLAB_SHARED_DIR", QDir::cleanPath(sourceDir() + QStringLiteral("/../shared")));
}

QString testDataDir()
{
    return fromEnvironment("GWLAB_TEST_DATA", sourceDir() + QStringLiteral("/tests/data"));
}

QString gatewaylabBinary()
{
    return qEnvironmentVariable("GWLAB_BINARY");
}

QString samplePath(const QString &relative)
{
    return sourceDir() + QStringLiteral("/samples/") + relative;
}

} // namespace gw::test
