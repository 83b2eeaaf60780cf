#include "core/interchange/import/YamlJson.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>

#include <string>
#include <yaml-cpp/yaml.h>

using namespace Qt::StringLiterals;

namespace Keyhole::Interchange {
namespace {

constexpr int kMaxDepth = 256;

struct Converter {
    QString label;
    qsizetype nodes = 0;
    qsizetype textBytes = 0;
    std::optional<Error> error;

    void fail(const YAML::Mark& mark, const QString& message)
    {
        if (!error)
            error = Error{u"yaml.structure"_s, message,
                          u"%1:%2:%3"_s.arg(label).arg(mark.line + 1).arg(mark.column + 1)};
    }

    static QJsonValue scalar(const YAML::Node& node)
    {
        const QString text = QString::fromStdString(node.Scalar());
        if (node.Tag() != "?") // quoted, block or explicitly tagged: text
            return text;
        static const QRegularExpression integer(u"^[-+]?[0-9]+$"_s);
        static const QRegularExpression number(
            u"^[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?$"_s);
        if (text.isEmpty() || text == u"~" || text == u"null" || text == u"Null" || text == u"NULL")
            return QJsonValue::Null;
        if (text == u"true" || text == u"True" || text == u"TRUE")
            return true;
        if (text == u"false" || text == u"False" || text == u"FALSE")
            return false;
        if (integer.match(text).hasMatch()) {
            bool ok = false;
            const qlonglong value = text.toLongLong(&ok);
            if (ok && value > -(1LL << 53) && value < (1LL << 53))
                return static_cast<double>(value);
            return text; // too big to be exact as a JSON number: keep the digits
        }
        if (number.match(text).hasMatch())
            return text.toDouble();
        return text;
    }

    QJsonValue convert(const YAML::Node& node, int depth)
    {
        if (error)
            return {};
        if (++nodes > kMaxYamlNodes) {
            fail(node.Mark(), u"more than %1 values (aliases expanded)"_s.arg(kMaxYamlNodes));
            return {};
        }
        if (depth > kMaxDepth) {
            fail(node.Mark(), u"nested more than %1 levels"_s.arg(kMaxDepth));
            return {};
        }
        switch (node.Type()) {
        case YAML::NodeType::Undefined:
        case YAML::NodeType::Null:
            return QJsonValue::Null;
        case YAML::NodeType::Scalar:
            textBytes += qsizetype(node.Scalar().size());
            if (textBytes > kMaxYamlTextBytes) {
                fail(node.Mark(), u"more than %1 MB of text (aliases expanded)"_s.arg(
                                      kMaxYamlTextBytes / (1024 * 1024)));
                return {};
            }
            return scalar(node);
        case YAML::NodeType::Sequence: {
            QJsonArray array;
            for (const YAML::Node& item : node) {
                array.append(convert(item, depth + 1));
                if (error)
                    return {};
            }
            return array;
        }
        case YAML::NodeType::Map: {
            QJsonObject object;
            for (const auto& pair : node) {
                if (!pair.first.IsScalar()) {
                    fail(pair.first.Mark(), u"a mapping key must be text"_s);
                    return {};
                }
                if (pair.first.Scalar() == "<<" && pair.first.Tag() == "?") {
                    fail(pair.first.Mark(), u"merge keys (<<) are not supported: write the "
                                            "keys out"_s);
                    return {};
                }
                object.insert(QString::fromStdString(pair.first.Scalar()),
                              convert(pair.second, depth + 1));
                if (error)
                    return {};
            }
            return object;
        }
        }
        return {};
    }
};

// yaml-cpp's parser recurses into flow collections ("[[[[..."): refuse a nesting deeper than
// the converter allows before it can exhaust the stack.
std::optional<Error> tooDeep(const QByteArray& yaml, const QString& label)
{
    int depth = 0;
    qsizetype line = 1;
    char quote = 0;
    for (qsizetype i = 0; i < yaml.size(); ++i) {
        const char c = yaml.at(i);
        if (c == '\n') {
            ++line;
            quote = 0;
        } else if (quote) {
            if (c == quote)
                quote = 0;
        } else if (c == '"' || c == '\'') {
            quote = c;
        } else if (c == '[' || c == '{') {
            if (++depth > kMaxDepth)
                return Error{u"yaml.structure"_s, u"nested more than %1 levels"_s.arg(kMaxDepth),
                             u"%1:%2"_s.arg(label).arg(line)};
        } else if ((c == ']' || c == '}') && depth > 0) {
            --depth;
        }
    }
    return std::nullopt;
}

} // namespace

Result<QJsonValue> yamlToJson(const QByteArray& yaml, const QString& label)
{
    if (std::optional<Error> error = tooDeep(yaml, label))
        return *error;
    try {
        const YAML::Node root = YAML::Load(std::string(yaml.constData(), size_t(yaml.size())));
        Converter converter{label, 0, 0, std::nullopt};
        QJsonValue value = converter.convert(root, 0);
        if (converter.error)
            return *converter.error;
        return value;
    } catch (const YAML::Exception& exception) {
        return Error{
            u"yaml.syntax"_s, QString::fromStdString(exception.msg),
            u"%1:%2:%3"_s.arg(label).arg(exception.mark.line + 1).arg(exception.mark.column + 1)};
    } catch (const std::exception& exception) {
        return Error{u"yaml.syntax"_s, QString::fromUtf8(exception.what()), label};
    }
}

} // namespace Keyhole::Interchange
