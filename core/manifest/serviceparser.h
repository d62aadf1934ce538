#pragma once

#include "service.h"
#include "yamlfieldreader.h"

namespace gw {

// Reads the spec of a v1 Service.
class ServiceParser
{
public:
    explicit ServiceParser(YamlFieldReader &reader);

    void parse(const YamlField &object, Service &service);

private:
    ServicePort parsePort(const YamlField &item);
    void parseTargetPort(const YamlField &target, ServicePort &port);

    YamlFieldReader &m_reader;
};

} // namespace gw
