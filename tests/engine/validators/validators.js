// Validators of received close codes, written for the wscodes tests. A line marked
// "expect: WSCnnn" holds that finding; "validator: correct" marks a validator that is read and
// judged right (no finding).

// accepts 1015 (TLS Handshake), which is never in a Close frame
function isValidCloseCode(code) {
  if (code >= 3000 && code <= 4999) return true;
  return [1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014, 1015].includes(code); // expect: WSC013
}

const VALID = [1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014];

function isValidStatus(code) { // validator: correct
  return (code >= 3000 && code <= 4999) || VALID.includes(code);
}

function isAllowedCloseCode(code) { // validator: correct
  return (code >= 1000 && code <= 1014 && code !== 1004 && code !== 1005 && code !== 1006) ||
    (code >= 3000 && code <= 4999);
}

function onCloseFrame(socket, payload) {
  const code = payload.readUInt16BE(0);
  if (code < 1000 || code >= 5000 || (code >= 1004 && code <= 1006) || (code > 1011 && code < 3000)) { // expect: WSC012
    socket.fail(1002, 'invalid close code');
    return;
  }
  socket.emit('close', code);
}

// not validators: what a client does with the code it got
function onClose(event) {
  if (event.code === 1000 || event.code === 1001 || event.code === 4000) {
    return;
  }
  if (event.code === 1006 || event.code === 1012 || event.code === 1013) {
    setTimeout(reconnect, 1000);
  }
}

function reconnect() {}

module.exports = { isValidCloseCode, isValidStatus, isAllowedCloseCode, onCloseFrame, onClose };
