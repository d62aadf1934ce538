#pragma once

#include "sessionstickypolicy.h"
#include "yamlfieldreader.h"

namespace gw {

// Reads FSM's gateway.flomesh.io/v1alpha1 SessionStickyPolicy and applies the CRD schema and the
// validating webhook of FSM v1.2 (spec/fsm-gateway.md §1; pkg/webhook/sessionsticky/webhook.go).
// No defaults are filled in: FSM's mutating webhook does none, and the precedence port config →
// spec.config → built-in default is resolved per field by SessionStickyPolicy::effectiveConfig.
class SessionStickyPolicyParser
{
public:
    explicit SessionStickyPolicyParser(YamlFieldReader &reader);

    void parse(const YamlField &object, SessionStickyPolicy &policy);

private:
    void parseTargetRef(const YamlField &field, SessionStickyPolicy::TargetRef &ref);
    std::optional<SessionStickyPolicy::Config> parseConfig(const YamlField &field);

    YamlFieldReader &m_reader;
};

} // namespace gw
