#include "objectmetaparser.h"

#include "yamlscalar.h"

namespace gw {

namespace {
using Presence = YamlFieldReader::Presence;
} // namespace

ObjectMetaParser::ObjectMetaParser(YamlFieldReader &reader)
    : m_reader(reader)
{
}

void ObjectMetaParser::readCommon(const YamlField &metadata, ObjectMeta &meta)
{
    // Every ObjectMeta field is known; only the ones the simulator uses are read.
    m_reader.checkFields(metadata, {"name", "generateName", "namespace", "selfLink", "uid", "resourceVersion",
                                    "generation", "creationTimestamp", "deletionTimestamp",
                                    "deletionGracePeriodSeconds", "labels", "annotations", "ownerReferences",
                                    "finalizers", "managedFields"});
    meta.labels = m_reader.stringMap(metadata, "labels");
    meta.annotations = m_reader.stringMap(metadata, "annotations");
    const YamlField created = m_reader.field(metadata, "creationTimestamp");
    if (const auto text = m_reader.string(created)) {
        meta.creationTimestamp = QDateTime::fromString(*text, Qt::ISODateWithMs);
        // RFC 3339 always carries a zone offset; a date without one is not a timestamp kubectl takes.
        const bool hasZone = text->endsWith(u'Z') || text->endsWith(u'z') || (text->size() > 6 && (text->at(text->size() - 6) == u'+' || text->at(text->size() - 6) == u'-'));
        if (!meta.creationTimestamp.isValid() || !hasZone || !text->contains(u'T')) {
            meta.creationTimestamp = QDateTime();
            m_reader.error(created, u"expected an RFC 3339 timestamp such as \"2024-01-05T19:15:23Z\", got " + YamlScalar::quoted(*text));
        } else {
            meta.creationTimestamp = meta.creationTimestamp.toUTC();
        }
    }
}

ObjectMeta ObjectMetaParser::parse(const YamlField &object, const QString &namespaceForUnset)
{
    ObjectMeta meta;
    const YamlField metadata = m_reader.field(object, "metadata");
    if (!m_reader.mapping(metadata, Presence::Required))
        return meta;
    meta.name = m_reader.string(metadata, "name", Presence::Required).value_or(QString());
    const YamlField nameField = m_reader.field(metadata, "name");
    if (nameField.present && meta.name.isEmpty() && YamlScalar::kind(nameField.node) == YamlScalar::Kind::String)
        m_reader.error(nameField, QStringLiteral("expected a name, got an empty string"));
    const auto namespaceName = m_reader.string(metadata, "namespace");
    if (!namespaceForUnset.isEmpty())
        meta.namespaceName = namespaceName && !namespaceName->isEmpty() ? *namespaceName : namespaceForUnset;
    readCommon(metadata, meta);
    return meta;
}

ObjectMeta ObjectMetaParser::parseTemplate(const YamlField &metadata)
{
    ObjectMeta meta;
    if (m_reader.mapping(metadata)) {
        meta.name = m_reader.string(metadata, "name").value_or(QString());
        meta.namespaceName = m_reader.string(metadata, "namespace").value_or(QString());
        readCommon(metadata, meta);
    }
    return meta;
}

} // namespace gw
