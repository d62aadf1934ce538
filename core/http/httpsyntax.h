#pragma once

#include "httpheaders.h"

#include <QByteArray>
#include <QByteArrayView>

#include <array>

namespace gw {

namespace httpsyntaxdetail {
constexpr std::array<bool, 256> tokenTable()
{
    std::array<bool, 256> table{};
    for (int c = '0'; c <= '9'; ++c)
        table[c] = true;
    for (int c = 'a'; c <= 'z'; ++c)
        table[c] = true;
    for (int c = 'A'; c <= 'Z'; ++c)
        table[c] = true;
    for (char c : {'!', '#', '$', '%', '&', '\'', '*', '+', '-', '.', '^', '_', '`', '|', '~'})
        table[static_cast<uchar>(c)] = true;
    return table;
}

constexpr std::array<bool, 256> fieldValueTable()
{
    std::array<bool, 256> table{};
    table['\t'] = true;
    for (int c = 0x20; c <= 0x7e; ++c)
        table[c] = true;
    for (int c = 0x80; c <= 0xff; ++c)
        table[c] = true;
    return table;
}
} // namespace httpsyntaxdetail

// The RFC 9110 / 9112 grammar pieces both parsers and the writer share. Everything here runs for
// every message on the gateway's hot path, so it works on raw bytes with lookup tables and memchr.
class HttpSyntax final
{
public:
    HttpSyntax() = delete;

    // tchar (RFC 9110 §5.6.2).
    static bool isTokenChar(uchar c) { return s_tokenChars[c]; }
    static bool isToken(QByteArrayView text);
    // field-vchar, SP and HTAB (RFC 9110 §5.5); obs-text is allowed as the RFC lets recipients keep it.
    static bool isFieldValueChar(uchar c) { return s_fieldValueChars[c]; }
    static bool equalsIgnoreCase(QByteArrayView a, QByteArrayView b);
    static char toLower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + ('a' - 'A')) : c; }
    // Strips optional whitespace (SP / HTAB) from both ends.
    static QByteArrayView trimmed(QByteArrayView text);

    // Looks for the empty line that ends a section of lines (a head, or chunked trailers) in
    // `buffer`, resuming at `scanFrom` so feeding a head byte by byte stays linear. Returns the
    // offset just past that empty line, or -1 (then `scanFrom` remembers how far it looked).
    // Bare LF line ends are accepted (RFC 9112 §2.2).
    static qsizetype findSectionEnd(const QByteArray &buffer, qsizetype &scanFrom);

    // Where a message head lies at the front of a buffer: its start line ends at startLineEnd (line
    // end excluded), its field lines run from fieldsBegin to `end`.
    struct Head
    {
        qsizetype end = -1;                 // -1: not complete yet
        bool tooLarge = false;              // beyond maxBytes, complete or not
        const char *startLineEnd = nullptr;
        const char *fieldsBegin = nullptr;
    };
    static Head findHead(const QByteArray &buffer, qsizetype &scanFrom, qsizetype maxBytes);
    // The bytes as a QByteArray; the usual methods, field names and a few values (in their usual
    // spellings) come back as static literals, which saves an allocation per field and message.
    static QByteArray intern(const char *data, qsizetype size);

    // Parses the field lines in [begin, end) up to the empty line. Returns nullptr on success,
    // otherwise why the section is malformed (the caller answers 400).
    static const char *parseFieldLines(const char *begin, const char *end, HttpHeaders &headers);

    // Persistence by RFC 9112 §9.3: "close" ends it; HTTP/1.1 persists by default, HTTP/1.0 only
    // with "keep-alive".
    static bool keepAlive(const HttpHeaders &headers, int versionMinor);

    // 1*DIGIT without sign or spaces; false on anything else. `tooLarge` tells an overflow apart.
    static bool parseDecimal(QByteArrayView text, qint64 &value, bool *tooLarge = nullptr);
    static void appendDecimal(QByteArray &out, qint64 value);

private:
    static constexpr std::array<bool, 256> s_tokenChars = httpsyntaxdetail::tokenTable();
    static constexpr std::array<bool, 256> s_fieldValueChars = httpsyntaxdetail::fieldValueTable();
};

} // namespace gw
