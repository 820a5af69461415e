// Puts sale events with the AWS SDK for JavaScript v3's default KinesisClient, unchanged: no request handler of
// our own, so it speaks HTTP/2 as it does against AWS. Prints the protocol it used, then one line per record.
// Usage: node put-sales.mjs ENDPOINT STREAM EVENTS_JSON
//   EVENTS_JSON: a JSON array of sale events ({eventId, type, sku, quantity, occurredAt, source})
import { KinesisClient, PutRecordCommand } from '@aws-sdk/client-kinesis';

const [endpoint, stream, eventsJson] = process.argv.slice(2);
const client = new KinesisClient({
  endpoint,
  region: 'us-east-1',
  credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
});
console.log(`handler ${client.config.requestHandler.constructor.name}`);
try {
  for (const event of JSON.parse(eventsJson)) {
    const out = await client.send(new PutRecordCommand({
      StreamName: stream,
      PartitionKey: event.sku,
      Data: new TextEncoder().encode(JSON.stringify(event)),
    }));
    console.log(`put ${event.eventId} ${out.ShardId} ${out.SequenceNumber}`);
  }
} catch (err) {
  console.error(`put failed: ${err.name}: ${err.message}`);
  process.exitCode = 1;
} finally {
  client.destroy();
}
