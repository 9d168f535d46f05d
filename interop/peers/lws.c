/* The libwebsockets client under test (interop/measure.py builds and runs it).
 *
 *   lws BASE_URL PATH...
 *
 * For each PATH it connects to BASE_URL+PATH and plays the scenario the path names against the
 * raw peer; it prints {"results": {PATH: {"app_code": ..., "error": ...}}} as JSON.
 * send/N: once established, ask for LWS_CALLBACK_CLIENT_WRITEABLE and there call
 * lws_close_reason(wsi, N, "", 0) and return -1 (the documented way to close with a code). Any other scenario: the code the application is
 * given in LWS_CALLBACK_WS_PEER_INITIATED_CLOSE (the first two bytes of the Close body; returning
 * 0 lets lws echo the Close) is app_code; null when that callback never came.
 */
#include <libwebsockets.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static struct {
	int send, code, done, peer_close, app_code;
	char error[256];
} st;

static int callback(struct lws *wsi, enum lws_callback_reasons reason, void *user, void *in, size_t len)
{
	(void)user;
	switch (reason) {
	case LWS_CALLBACK_CLIENT_CONNECTION_ERROR:
		snprintf(st.error, sizeof st.error, "LWS_CALLBACK_CLIENT_CONNECTION_ERROR: %s",
			 in ? (const char *)in : "");
		st.done = 1;
		break;
	case LWS_CALLBACK_CLIENT_ESTABLISHED:
		if (st.send)
			lws_callback_on_writable(wsi);
		break;
	case LWS_CALLBACK_CLIENT_WRITEABLE:
		if (st.send) {
			lws_close_reason(wsi, (enum lws_close_status)st.code, (unsigned char *)"", 0);
			return -1;
		}
		break;
	case LWS_CALLBACK_WS_PEER_INITIATED_CLOSE:
		st.peer_close = 1;
		st.app_code = len >= 2 ? (((const unsigned char *)in)[0] << 8) | ((const unsigned char *)in)[1] : -1;
		break;
	case LWS_CALLBACK_CLIENT_CLOSED:
		st.done = 1;
		break;
	default:
		break;
	}
	return 0;
}

static void json_string(const char *s)
{
	putchar('"');
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\')
			printf("\\%c", c);
		else if (c < 0x20)
			printf("\\u%04x", c);
		else
			putchar(c);
	}
	putchar('"');
}

int main(int argc, char **argv)
{
	static const struct lws_protocols protocols[] = {{"interop", callback, 0, 0, 0, NULL, 0}, {NULL, NULL, 0, 0, 0, NULL, 0}};
	struct lws_context_creation_info info;
	const char *hostport = strstr(argv[1], "//") + 2;
	const char *colon = strrchr(hostport, ':');
	char host[64];
	int port = atoi(colon + 1);

	snprintf(host, sizeof host, "%.*s", (int)(colon - hostport), hostport);
	lws_set_log_level(0, NULL);
	memset(&info, 0, sizeof info);
	info.port = CONTEXT_PORT_NO_LISTEN;
	info.protocols = protocols;
	struct lws_context *context = lws_create_context(&info);
	if (!context) {
		fputs("lws_create_context failed\n", stderr);
		return 1;
	}
	printf("{\"results\":{");
	for (int i = 2; i < argc; i++) {
		const char *path = argv[i];
		struct lws_client_connect_info ci;
		memset(&st, 0, sizeof st);
		st.send = strncmp(path, "/send/", 6) == 0;
		st.code = st.send ? atoi(path + 6) : 0;
		memset(&ci, 0, sizeof ci);
		ci.context = context;
		ci.address = host;
		ci.port = port;
		ci.path = path;
		ci.host = host;
		ci.origin = host;
		ci.protocol = NULL;
		time_t deadline = time(NULL) + 3;
		if (!lws_client_connect_via_info(&ci)) {
			snprintf(st.error, sizeof st.error, "lws_client_connect_via_info failed");
			st.done = 1;
		}
		while (!st.done && time(NULL) < deadline)
			lws_service(context, 0);
		if (!st.done && !st.error[0])
			snprintf(st.error, sizeof st.error, "timeout");
		printf("%s", i > 2 ? "," : "");
		json_string(path);
		printf(":{");
		if (st.send) {
			if (st.error[0]) {
				printf("\"error\":");
				json_string(st.error);
			}
		} else {
			if (st.peer_close && st.app_code >= 0)
				printf("\"app_code\":%d", st.app_code);
			else
				printf("\"app_code\":null");
			if (!st.peer_close && !st.error[0])
				snprintf(st.error, sizeof st.error,
					 "closed without LWS_CALLBACK_WS_PEER_INITIATED_CLOSE");
			if (st.error[0]) {
				printf(",\"error\":");
				json_string(st.error);
			}
		}
		printf("}");
	}
	printf("}}\n");
	lws_context_destroy(context);
	return 0;
}
