// Kinesis stand-in for `stockpulse local`: kinesalite on loopback only, in memory or in a LevelDB folder.
// Usage: node server.js PORT [DATA_DIR]
// The JVM that starts this keeps our stdin open; when the JVM exits or dies, stdin closes and we exit too,
// so no orphaned node process is ever left behind.
//
// One port speaks both HTTP/1.1 and HTTP/2 with prior knowledge (h2c), as clients expect of a Kinesis endpoint:
// the AWS SDK for JavaScript v3's default Kinesis client speaks HTTP/2, the Java SDK's sync clients and the AWS CLI
// HTTP/1.1. kinesalite itself only has an HTTP/1.1 server, so each new connection is sniffed: one that opens with
// HTTP/2's connection preface goes to an h2c server, any other to kinesalite's own server. Both call kinesalite's
// request handler, through node's HTTP/2 compatibility API (the same request and response methods as HTTP/1.1).
'use strict';
const http2 = require('http2');
const net = require('net');
const { Duplex } = require('stream');
const kinesalite = require('kinesalite');

const port = Number(process.argv[2] || 4567);
const path = process.argv[3]; // kinesalite's --path: streams kept across restarts
const http1 = kinesalite({ createStreamMs: 0, deleteStreamMs: 0, updateStreamMs: 0, shardLimit: 100, path });
const handler = http1.listeners('request')[0];

// Headers HTTP/2 forbids (RFC 9113, 8.2.2); kinesalite sets Transfer-Encoding on its 413 answer.
const CONNECTION_HEADERS = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade']);
const h2c = http2.createServer({}, (req, res) => {
  const setHeader = res.setHeader.bind(res);
  res.setHeader = (name, value) => (CONNECTION_HEADERS.has(String(name).toLowerCase()) ? res : setHeader(name, value));
  handler(req, res);
});
h2c.on('sessionError', (err) => console.error(`kinesalite h2c session: ${err.message}`));

// The HTTP/2 session reads a net.Socket natively and would miss the bytes already read while sniffing, so it gets
// them through a stream that starts with those bytes and then relays the socket both ways.
function replaying(socket, head) {
  const relay = new Duplex({
    read() {
      socket.resume();
    },
    write(chunk, encoding, done) {
      socket.write(chunk, encoding, done);
    },
    final(done) {
      socket.end(done);
    },
    destroy(err, done) {
      socket.destroy(err);
      done(err);
    },
  });
  relay.push(head);
  socket.on('data', (chunk) => {
    if (!relay.push(chunk)) {
      socket.pause();
    }
  });
  socket.on('end', () => relay.push(null));
  socket.on('close', () => relay.destroy());
  return relay;
}

// "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n" opens every h2c connection with prior knowledge; no HTTP/1.1 method is PRI.
const PREFACE = Buffer.from('PRI ');
// noDelay as node's own HTTP server sets it: the relay writes HTTP/2 frames one by one.
const front = net.createServer({ noDelay: true }, (socket) => {
  let seen = Buffer.alloc(0);
  const sniff = (chunk) => {
    seen = Buffer.concat([seen, chunk]);
    if (seen.length < PREFACE.length && PREFACE.subarray(0, seen.length).equals(seen)) {
      return; // too short to tell yet
    }
    socket.removeListener('data', sniff);
    socket.pause();
    if (seen.subarray(0, PREFACE.length).equals(PREFACE)) {
      h2c.emit('connection', replaying(socket, seen));
    } else {
      socket.unshift(seen);
      http1.emit('connection', socket);
      socket.resume();
    }
  };
  socket.on('data', sniff);
  socket.on('error', () => socket.destroy());
});

front.on('error', (err) => {
  console.error(`kinesalite: cannot listen on 127.0.0.1:${port}: ${err.code || err.message}`);
  process.exit(2);
});
front.listen(port, '127.0.0.1', () => {
  console.log(`kinesalite listening on http://127.0.0.1:${front.address().port} (HTTP/1.1 and h2c)`);
});

process.stdin.on('end', () => process.exit(0));
process.stdin.on('error', () => process.exit(0));
process.stdin.resume();
// Ctrl-C in the terminal, or a TERM to the whole process group, reaches us too. The JVM ends us (our stdin closes)
// once it has stopped what reads from us; ending now would look to it like a crash.
process.on('SIGINT', () => {});
process.on('SIGTERM', () => {});
