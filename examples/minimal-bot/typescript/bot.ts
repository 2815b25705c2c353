// The minimal bot of ../README.md on Tapback's TypeScript SDK. Tapback POSTs message.received to
// /webhook; the bot verifies the delivery, answers 204 at once, then marks the message read, shows the
// typing indicator and replies over the REST API. Replace `answer` with a call to your model.
import { createServer } from "node:http";
import { RestClient, TapbackApiError, WebhookVerificationError, WebhookVerifier, type WebhookMessage } from "tapback";

const tapback = new RestClient({ url: process.env.TAPBACK_URL ?? "http://localhost:5000", token: required("TAPBACK_TOKEN") });
const verifier = new WebhookVerifier(required("TAPBACK_WEBHOOK_SECRET"));
const port = Number(process.env.PORT ?? 5100);

// The bot's brain: the text of a message in, the reply out.
async function answer(text: string): Promise<string> {
  return ["hi", "hello", "hey"].includes(text.trim().toLowerCase())
    ? "Hello! I'm a minimal bot on Tapback. Say anything and I'll say it back."
    : `You said: ${text}`;
}

async function reply(message: WebhookMessage): Promise<void> {
  // In a group the reply goes to the group; in a one-to-one chat to the sender.
  const chat = message.is_group ? { conversation_id: message.conversation_id } : { to: message.from };
  await tapback.markRead(message.message_id);
  await tapback.typing({ ...chat, typing: true });
  const body = await answer(message.body);
  try {
    // Tapback retries a delivery it did not hear 2xx for; the message id as the key sends the reply once.
    await tapback.sendMessage({ ...chat, body }, { idempotencyKey: `reply-${message.message_id}` });
    console.log(`Replied to ${message.message_id}.`);
  } catch (error) {
    // A redelivered event, answered differently this time: the first answer already went out.
    if (error instanceof TapbackApiError && error.status === 409) return;
    throw error;
  }
}

createServer((request, response) => {
  if (request.method !== "POST" || request.url !== "/webhook") return void response.writeHead(404).end();
  const chunks: Buffer[] = [];
  request.on("data", (chunk: Buffer) => chunks.push(chunk));
  request.on("end", () => {
    let event;
    try {
      // The raw bytes Tapback signed, before parsing anything.
      event = verifier.verify(Buffer.concat(chunks), request.headers);
    } catch (error) {
      if (!(error instanceof WebhookVerificationError)) throw error;
      console.warn(`Refused a webhook: ${error.message} Is TAPBACK_WEBHOOK_SECRET this subscription's secret?`);
      return void response.writeHead(401).end();
    }
    // 2xx at once: anything slower than Tapback's timeout (15 s) would be retried.
    response.writeHead(204).end();
    if (event.type === "message.received") reply(event.data).catch((error) => console.error(`Could not reply to ${event.data.message_id}:`, error));
  });
}).listen(port, process.env.HOST ?? "localhost", () => console.log(`Listening on http://${process.env.HOST ?? "localhost"}:${port}/webhook`));

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`Set ${name}: ${name === "TAPBACK_TOKEN" ? "the integration token (POST /auth/exchange) or an API key" : "the whsec_… secret POST /v2/webhooks returned"}.`);
  return value;
}
