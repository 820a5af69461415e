// Kinesis stand-in for `stockpulse local`: kinesalite, in memory, on loopback only.
// Usage: node server.js PORT
// The JVM that starts this keeps our stdin open; when the JVM exits or dies, stdin closes and we exit too,
// so no orphaned node process is ever left behind.
'use strict';
const kinesalite = require('kinesalite');

const port = Number(process.argv[2] || 4567);
const server = kinesalite({ createStreamMs: 0, deleteStreamMs: 0, updateStreamMs: 0, shardLimit: 100 });

server.on('error', (err) => {
  console.error(`kinesalite: cannot listen on 127.0.0.1:${port}: ${err.code || err.message}`);
  process.exit(2);
});
server.listen(port, '127.0.0.1', () => {
  console.log(`kinesalite listening on http://127.0.0.1:${server.address().port}`);
});

process.stdin.on('end', () => process.exit(0));
process.stdin.on('error', () => process.exit(0));
process.stdin.resume();
process.on('SIGTERM', () => process.exit(0));
process.on('SIGINT', () => process.exit(0));
