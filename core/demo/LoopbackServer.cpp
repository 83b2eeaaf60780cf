#include "core/demo/LoopbackServer.h"

#include "core/raw/RawText.h"

#include <QDateTime>
#include <QLocale>
#include <QTcpServer>
#include <QTcpSocket>

using namespace Qt::StringLiterals;

namespace Keyhole::Demo {
namespace {

QByteArray httpDate()
{
    return QLocale::c()
        .toString(QDateTime::currentDateTimeUtc(), u"ddd, dd MMM yyyy hh:mm:ss 'GMT'"_s)
        .toLatin1();
}

} // namespace

LoopbackServer::LoopbackServer(RequestHandler handler, QObject* parent)
    : QObject(parent)
    , m_handler(std::move(handler))
    , m_server(new QTcpServer(this))
{
    connect(m_server, &QTcpServer::newConnection, this, &LoopbackServer::onNewConnection);
}

LoopbackServer::~LoopbackServer() = default;

bool LoopbackServer::listen(quint16 port)
{
    return m_server->listen(QHostAddress::LocalHost, port);
}

quint16 LoopbackServer::port() const
{
    return m_server->serverPort();
}

QString LoopbackServer::errorString() const
{
    return m_server->errorString();
}

QString LoopbackServer::baseUrl() const
{
    return u"http://127.0.0.1:%1"_s.arg(port());
}

void LoopbackServer::onNewConnection()
{
    while (QTcpSocket* socket = m_server->nextPendingConnection()) {
        m_parsers.insert(socket, std::make_shared<Raw::RequestParser>());
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
        connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
            m_parsers.remove(socket);
            socket->deleteLater();
        });
    }
}

void LoopbackServer::onReadyRead(QTcpSocket* socket)
{
    const std::shared_ptr<Raw::RequestParser> parser = m_parsers.value(socket);
    if (!parser)
        return;
    parser->feed(socket->readAll());
    while (std::optional<Raw::ParsedRequest> request = parser->next()) {
        emit requestReceived(*request);
        ServerResponse response = m_handler(*request);
        if (response.silent)
            return;
        if (response.hangUp) {
            socket->abort();
            return;
        }
        const bool close =
            Model::headerValue(request->headers, "Connection").toLower() == "close" ||
            request->version == "HTTP/1.0";
        response.headers.prepend(Model::HeaderField{"Date", httpDate()});
        if (close)
            response.headers.append(Model::HeaderField{"Connection", "close"});
        socket->write(Raw::serializeResponse(response.status, response.reason, response.headers,
                                             response.body));
        if (close) {
            socket->disconnectFromHost();
            return;
        }
    }
    if (parser->failed()) {
        socket->write(Raw::serializeResponse(400, "Bad Request", {{"Connection", "close"}},
                                             parser->errorString().toUtf8()));
        socket->disconnectFromHost();
    }
}

} // namespace Keyhole::Demo
