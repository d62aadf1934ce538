#pragma once

#include <QString>

namespace gw::test {

// Paths handed to every test by ctest (tests/CMakeLists.txt), so no test hard-codes a location.
QString sourceDir();        // the project's root
QString sharedDir();        // ../shared: seed, conformance data
QString testDataDir();      // tests/data
QString gatewaylabBinary(); // the built CLI
QString samplePath(const QString &relative);   // samples/<relative>

} // namespace gw::test
