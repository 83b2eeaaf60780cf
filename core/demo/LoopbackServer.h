#pragma once

#include "core/model/PreparedRequest.h"
#include "core/raw/RequestParser.h"

#include <QHash>
#include <QObject>

#include <functional>
#include <memory>

class QTcpServer;
class QTcpSocket;

namespace Keyhole::Demo {

// What a handler answers. `hangUp` closes the connection without answering; `silent`
// answers nothing and keeps the connection open (to exercise client timeouts).
struct ServerResponse {
    int status = 200;
    QByteArray reason = "OK";
    Model::HeaderFields headers;
    QByteArray body;
    bool hangUp = false;
    bool silent = false;
};

using RequestHandler = std::function<ServerResponse(const Raw::ParsedRequest&)>;

// A small HTTP/1.1 server on 127.0.0.1 only, for the demo API and for tests that need the
// exact bytes a client sent. Keep-alive and pipelining supported; every request parsed is
// also emitted as requestReceived().
class LoopbackServer final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LoopbackServer)

public:
    explicit LoopbackServer(RequestHandler handler, QObject* parent = nullptr);
    ~LoopbackServer() override;

    // Listens on 127.0.0.1:`port` (0 picks a free port). Returns false with errorString().
    bool listen(quint16 port = 0);
    quint16 port() const;
    QString errorString() const;
    // "http://127.0.0.1:<port>"
    QString baseUrl() const;

signals:
    void requestReceived(const Keyhole::Raw::ParsedRequest& request);

private:
    void onNewConnection();
    void onReadyRead(QTcpSocket* socket);

    RequestHandler m_handler;
    QTcpServer* m_server;
    QHash<QTcpSocket*, std::shared_ptr<Raw::RequestParser>> m_parsers;
};

} // namespace Keyhole::Demo
