// The Qt WebSockets client (QWebSocket) under test (interop/measure.py builds and runs it).
//
//   qt BASE_URL PATH...
//
// For each PATH it opens a QWebSocket to BASE_URL+PATH and plays the scenario the path names
// against the raw peer; it prints {"results": {PATH: {"app_code": ..., "error": ...}}} as JSON.
// send/N: QWebSocket::close(QWebSocketProtocol::CloseCode(N), {}) once connected; any other
// scenario: wait for disconnected() and report closeCode() (app_code) and, when the error()
// signal fired, errorString().
#include <QCoreApplication>
#include <QEventLoop>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>
#include <QUrl>
#include <QWebSocket>
#include <cstdio>

static QJsonObject run(const QString &base, const QString &path) {
    QJsonObject out;
    const QStringList parts = path.mid(1).split('/');
    QWebSocket ws;
    QEventLoop loop;
    QTimer timer;
    timer.setSingleShot(true);
    QObject::connect(&timer, &QTimer::timeout, &loop, [&] {
        out["error"] = "timeout";
        loop.quit();
    });
    QObject::connect(&ws, &QWebSocket::connected, &loop, [&] {
        if (parts[0] == "send")
            ws.close(QWebSocketProtocol::CloseCode(parts[1].toInt()), QString());
    });
    QObject::connect(&ws, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error), &loop, [&](QAbstractSocket::SocketError) {
        if (parts[0] != "send" || !out.contains("app_code"))
            out["error"] = ws.errorString();
    });
    QObject::connect(&ws, &QWebSocket::disconnected, &loop, [&] {
        out["app_code"] = int(ws.closeCode());
        loop.quit();
    });
    timer.start(3000);
    ws.open(QUrl(base + path));
    loop.exec();
    if (parts[0] == "send")
        out.remove("error");  // close() has no error channel: a refusal shows on the wire
    return out;
}

int main(int argc, char **argv) {
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    QJsonObject results;
    for (int i = 2; i < args.size(); ++i)
        results[args[i]] = run(args[1], args[i]);
    QJsonObject doc{{"results", results}};
    std::fputs(QJsonDocument(doc).toJson(QJsonDocument::Compact).constData(), stdout);
    std::fputs("\n", stdout);
    return 0;
}
