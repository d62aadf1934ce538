#include "sourcelocation.h"

namespace gw {

QString SourceLocation::toString() const
{
    if (line <= 0)
        return file;
    return file + u':' + QString::number(line) + u':' + QString::number(column);
}

} // namespace gw
