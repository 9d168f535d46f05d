// The Boost.Beast websocket client under test (interop/measure.py builds and runs it).
//
//   beast BASE_URL PATH...
//
// For each PATH it connects (synchronous API) to BASE_URL+PATH and plays the scenario the path
// names against the raw peer; it prints {"results": {PATH: {"app_code": ..., "error": ...}}}.
// send/N: stream::close(close_reason(N), ec); any other scenario: stream::read until it fails;
// error::closed means the peer's Close was accepted: app_code is reason().code (0, Beast's
// close_code::none, when the Close had no code); any other error is reported as its message.
#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>
#include <cstdio>
#include <string>

namespace beast = boost::beast;
namespace websocket = beast::websocket;
namespace net = boost::asio;
using tcp = net::ip::tcp;

static std::string quote(const std::string &s) {
    std::string out = "\"";
    for (unsigned char c : s) {
        if (c == '"' || c == '\\') out += '\\', out += char(c);
        else if (c < 0x20) { char b[8]; std::snprintf(b, sizeof b, "\\u%04x", c); out += b; }
        else out += char(c);
    }
    return out + "\"";
}

static std::string run(const std::string &host, const std::string &port, const std::string &path) {
    net::io_context ioc;
    tcp::resolver resolver{ioc};
    websocket::stream<tcp::socket> ws{ioc};
    beast::error_code ec;
    net::connect(ws.next_layer(), resolver.resolve(host, port), ec);
    if (!ec) ws.handshake(host + ":" + port, path, ec);
    if (ec) return "{\"error\":" + quote(ec.message()) + "}";
    const bool send = path.rfind("/send/", 0) == 0;
    if (send) {
        const int code = std::stoi(path.substr(6));
        ws.close(websocket::close_reason(static_cast<std::uint16_t>(code)), ec);
        // close() reads until the peer's Close: a failure here is the close API's own
        return ec ? "{\"error\":" + quote(ec.message()) + ",\"no_fallback\":true}" : "{}";
    }
    beast::flat_buffer buffer;
    while (!ec) ws.read(buffer, ec);
    if (ec == websocket::error::closed)
        return "{\"app_code\":" + std::to_string(ws.reason().code) + ",\"error\":" + quote(ec.message()) + "}";
    return "{\"app_code\":null,\"error\":" + quote(ec.message()) + "}";
}

int main(int argc, char **argv) {
    // BASE_URL is ws://HOST:PORT
    std::string base = argv[1];
    std::string hostport = base.substr(base.find("//") + 2);
    std::string host = hostport.substr(0, hostport.rfind(':'));
    std::string port = hostport.substr(hostport.rfind(':') + 1);
    std::string out = "{\"results\":{";
    for (int i = 2; i < argc; ++i) {
        if (i > 2) out += ",";
        out += quote(argv[i]) + ":" + run(host, port, argv[i]);
    }
    std::puts((out + "}}").c_str());
    return 0;
}
