/* Validators of received close codes, written for the wscodes tests. */
#include <stdint.h>

struct conn;
int ws_fail(struct conn *c, int code);

#define WS_CLOSE_CODE_VALID(c) ((((c) >= 1000 && (c) <= 1011) && (c) != 1004 && (c) != 1005 && (c) != 1006) || ((c) >= 3000 && (c) <= 4999)) // expect: WSC012
#define WS_IS_VALID_STATUS(c) \
	((((c) >= 1000 && (c) <= 1014) && (c) != 1004 && (c) != 1005 && (c) != 1006) || ((c) >= 3000 && (c) <= 4999)) /* validator: correct */

int ws_on_close(struct conn *c, uint16_t code)
{
	if (!WS_CLOSE_CODE_VALID(code))
		return ws_fail(c, 1002);
	return 0;
}
