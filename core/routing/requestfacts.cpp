#include "requestfacts.h"

#include "hostnames.h"

namespace gw {

RequestFacts RequestFacts::of(const HttpRequest &request, const QByteArray &hostHeader)
{
    RequestFacts facts;
    facts.method = request.method;
    QByteArrayView target = request.target;
    if (!target.startsWith('/')) {
        // Absolute form: the path starts after "scheme://authority".
        const qsizetype scheme = target.indexOf("://");
        if (scheme >= 0) {
            const qsizetype slash = target.indexOf('/', scheme + 3);
            target = slash < 0 ? QByteArrayView("/") : target.sliced(slash);
        }
    }
    const qsizetype question = target.indexOf('?');
    facts.path = question < 0 ? target : target.first(question);
    facts.query = question < 0 ? QByteArrayView() : target.sliced(question + 1);
    facts.hostHeader = QByteArrayView(hostHeader).trimmed();
    facts.host = Hostnames::hostWithoutPortView(facts.hostHeader);
    facts.headers = &request.headers;
    return facts;
}

} // namespace gw
