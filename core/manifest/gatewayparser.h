#pragma once

#include "gateway.h"
#include "gatewayclass.h"
#include "yamlfieldreader.h"

namespace gw {

// Reads the spec of GatewayClasses and Gateways (gateway.networking.k8s.io v1 and v1beta1).
class GatewayParser
{
public:
    explicit GatewayParser(YamlFieldReader &reader);

    void parseGatewayClass(const YamlField &object, GatewayClass &gatewayClass);
    void parseGateway(const YamlField &object, Gateway &gateway);

private:
    Listener parseListener(const YamlField &item);
    void parseAllowedRoutes(const YamlField &allowedRoutes, Listener &listener);

    YamlFieldReader &m_reader;
};

} // namespace gw
