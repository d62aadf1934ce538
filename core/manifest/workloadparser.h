#pragma once

#include "deployment.h"
#include "pod.h"
#include "yamlfieldreader.h"

namespace gw {

// Reads the spec of Pods and Deployments: the containers are what the mock pods act out.
class WorkloadParser
{
public:
    explicit WorkloadParser(YamlFieldReader &reader);

    void parsePod(const YamlField &object, Pod &pod);
    void parseDeployment(const YamlField &object, Deployment &deployment);

private:
    QList<Container> parsePodSpec(const YamlField &podSpec);
    Container parseContainer(const YamlField &item);

    YamlFieldReader &m_reader;
};

} // namespace gw
