// Verifies one webhook delivery with the official Standard Webhooks library, as a receiver's code
// would: node verify-webhook.mjs <secret> <webhook-id> <webhook-timestamp> <webhook-signature> <body file>
// Prints "verified" and exits 0, or prints the library's reason and exits 1.
import { readFileSync } from "node:fs";
import { Webhook } from "standardwebhooks";

const [secret, id, timestamp, signature, bodyFile] = process.argv.slice(2);
const body = readFileSync(bodyFile, "utf8");
// Tapback's test host runs on a fake clock set to a fixed day; the library checks the timestamp
// against the real clock (5 minutes' tolerance), so the check runs at the delivery's own time.
Date.now = () => Number(timestamp) * 1000;
try {
  new Webhook(secret).verify(body, { "webhook-id": id, "webhook-timestamp": timestamp, "webhook-signature": signature });
  console.log("verified");
} catch (error) {
  console.error(`not verified: ${error.message}`);
  process.exit(1);
}
