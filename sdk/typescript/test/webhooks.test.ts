import assert from "node:assert/strict";
import { createHmac, randomBytes } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, test } from "node:test";
import { RestClient, WebhookVerificationError, WebhookVerifier, parseWebhookEvent, verifyWebhook, webhookSecretKey } from "../src/index.js";
import { Tapback, waitFor } from "./support/tapback.js";

interface Delivery {
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** A bot's receiver on loopback: keeps every POST, answers 204 once its verifier (when set) accepts it. */
class Receiver {
  readonly deliveries: Delivery[] = [];
  verifier: WebhookVerifier | undefined;
  private readonly server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const delivery = { headers: request.headers, body: Buffer.concat(chunks) };
      this.deliveries.push(delivery);
      response.statusCode = !this.verifier || this.verifier.isValid(delivery.body, delivery.headers) ? 204 : 401;
      response.end();
    });
  });

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/tapback`;
  }

  listen(): Promise<void> {
    return new Promise((resolve) => this.server.listen(0, "127.0.0.1", resolve));
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

function sign(secret: string, id: string, timestamp: number, body: string): string {
  return `v1,${createHmac("sha256", webhookSecretKey(secret)).update(`${id}.${timestamp}.${body}`).digest("base64")}`;
}

describe("webhooks from a real Tapback", () => {
  let tapback: Tapback;
  const receiver = new Receiver();

  before(async () => {
    await receiver.listen();
    tapback = await Tapback.start();
  });

  after(async () => {
    await tapback?.dispose();
    await receiver.close();
  });

  test("a real delivery verifies and parses; a wrong signature and a stale timestamp are refused", async () => {
    const phone = "+15550100401";
    const { token } = await tapback.pair(phone);
    const rest = new RestClient({ url: tapback.url, token });
    const webhook = await rest.createWebhook({ url: receiver.url, events: ["message.received"] });
    assert.match(webhook.secret!, /^whsec_/);
    receiver.verifier = new WebhookVerifier(webhook.secret!);

    const messageId = await tapback.text(phone, "hook me");
    const delivery = await waitFor(() => receiver.deliveries.find((d) => d.body.includes(messageId)), "the delivery");

    const event = new WebhookVerifier(webhook.secret!).verify(delivery.body, delivery.headers);
    assert.equal(event.type, "message.received");
    if (event.type !== "message.received") return;
    assert.equal(event.id, delivery.headers["webhook-id"]);
    assert.equal(event.data.message_id, messageId);
    assert.equal(event.data.body, "hook me");
    assert.equal(event.data.from, phone);
    assert.equal(event.data.is_group, false);
    // The receiver answered 204 after verifying: Tapback's log says delivered.
    await waitFor(async () => {
      const log = await rest.listDeliveries(webhook.id);
      return log.data.some((d) => d.message_id === messageId && d.status === "delivered") ? true : undefined;
    }, "the delivery to be logged delivered");

    // Another secret's signature, a body changed on the way, a missing header.
    const otherSecret = `whsec_${randomBytes(32).toString("base64")}`;
    assert.throws(() => verifyWebhook(otherSecret, delivery.body, delivery.headers), WebhookVerificationError);
    const tampered = Buffer.from(delivery.body.toString().replace("hook me", "hook you"));
    assert.throws(() => verifyWebhook(webhook.secret!, tampered, delivery.headers), WebhookVerificationError);
    assert.throws(() => verifyWebhook(webhook.secret!, delivery.body, { ...delivery.headers, "webhook-signature": undefined }), /lacks/);

    // The real delivery seen six minutes later (a replayed capture), and one signed with the right
    // secret but an old timestamp.
    const timestamp = Number(delivery.headers["webhook-timestamp"]);
    const later = () => new Date((timestamp + 360) * 1000);
    assert.throws(() => verifyWebhook(webhook.secret!, delivery.body, delivery.headers, { now: later }), /timestamp/);
    const stale = timestamp - 600;
    const body = delivery.body.toString();
    const id = String(delivery.headers["webhook-id"]);
    const staleHeaders = { "webhook-id": id, "webhook-timestamp": String(stale), "webhook-signature": sign(webhook.secret!, id, stale, body) };
    assert.throws(() => verifyWebhook(webhook.secret!, body, staleHeaders), /timestamp/);
    // …which the same check accepts at its own time: it was the age that failed it.
    assert.equal(verifyWebhook(webhook.secret!, body, staleHeaders, { now: () => new Date(stale * 1000) }).type, "message.received");
  });

  test("a rotated secret: deliveries carry both signatures, and either secret verifies", async () => {
    const phone = "+15550100402";
    const { token } = await tapback.pair(phone);
    const rest = new RestClient({ url: tapback.url, token });
    receiver.verifier = undefined;
    const webhook = await rest.createWebhook({ url: receiver.url, events: ["message.received"] });
    const rotated = await rest.rotateWebhookSecret(webhook.id);
    const messageId = await tapback.text(phone, "after rotation");
    const delivery = await waitFor(() => receiver.deliveries.find((d) => d.body.includes(messageId)), "the delivery");
    assert.equal(String(delivery.headers["webhook-signature"]).split(" ").length, 2);
    assert.equal(verifyWebhook(webhook.secret!, delivery.body, delivery.headers).type, "message.received");
    assert.equal(verifyWebhook(rotated.secret!, delivery.body, delivery.headers).type, "message.received");
    await rest.deleteWebhook(webhook.id);
    assert.deepEqual((await rest.listWebhooks()).filter((w) => w.id === webhook.id), []);
  });
});

describe("webhook secrets as people paste them", () => {
  // A key whose base64 has a '+' and a '/', as a third of real secrets do.
  const key = Buffer.from("fb" + "ff".repeat(30) + "ef", "hex");
  const secret = `whsec_${key.toString("base64")}`;
  const id = "evt_1";
  const timestamp = Math.floor(Date.now() / 1000);
  const body = '{"id":"evt_1","type":"message.received","created_at":"2026-11-23T09:00:00+00:00","data":{"message_id":"msg_1"}}';
  const headers = { "webhook-id": id, "webhook-timestamp": String(timestamp), "webhook-signature": sign(secret, id, timestamp, body) };

  test("the secret has a + and a /", () => {
    assert.match(secret, /\+/);
    assert.match(secret, /\//);
  });

  for (const [how, pasted] of [
    ["JSON-escaped \\u002B (an older Tapback's curl output)", secret.replace(/\+/g, "\\u002B").replace(/\//g, "\\/")],
    ["URL-encoded", secret.replace(/\+/g, "%2B").replace(/\//g, "%2F")],
    ["+ turned into a space", secret.replace(/\+/g, " ")],
    ["with a newline and quotes around it", `  "${secret}"\n`],
    ["without its whsec_ prefix", secret.slice("whsec_".length)],
  ] as const) {
    test(`a secret pasted ${how} still verifies`, () => {
      assert.deepEqual(webhookSecretKey(pasted), key);
      assert.equal(verifyWebhook(pasted, body, headers).type, "message.received");
    });
  }

  test("a secret that is not base64 says so without echoing it", () => {
    assert.throws(() => webhookSecretKey("whsec_not*base64!"), (error: unknown) => {
      assert.ok(error instanceof TypeError);
      assert.doesNotMatch(error.message, /not\*base64/);
      assert.match(error.message, /POST \/v2\/webhooks/);
      return true;
    });
  });

  test("Headers from fetch work as well as Node's header object", () => {
    assert.equal(verifyWebhook(secret, body, new Headers(headers)).type, "message.received");
  });

  test("an event type this SDK does not know parses as unknown, keeping its type", () => {
    const event = parseWebhookEvent({ id: "evt_2", type: "message.teleported", created_at: "", data: { x: 1 } });
    assert.equal(event.type, "unknown");
    assert.equal(event.type === "unknown" && event.eventType, "message.teleported");
  });
});
