import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { AgentClient, RestClient, TapbackApiError, TapbackConnectionClosedError, exchange, type MessageSent, type ReceivedMessage } from "../src/index.js";
import { Tapback, deferred, waitFor } from "./support/tapback.js";

/** The phone texts `text`; a new connection's first message.received is what it answers (earlier ones were acked). */
async function firstMessageAfter(tapback: Tapback, phone: string, token: string, text: string): Promise<string | undefined> {
  const client = new AgentClient({ url: tapback.url, phone, token });
  try {
    await tapback.text(phone, text);
    for await (const event of client.events()) {
      if (event.type === "message.received") return event.data.text;
    }
    return undefined;
  } finally {
    await client.close();
  }
}

describe("the agent WebSocket against a real Tapback", () => {
  let tapback: Tapback;

  before(async () => {
    tapback = await Tapback.start();
  });

  after(async () => {
    await tapback?.dispose();
  });

  test("exchange pairs a phone, and a wrong code is a 401 problem", async () => {
    const pairing = await tapback.pair("+15550100201");
    assert.match(pairing.token, /^tbk_/);
    assert.equal(pairing.phone, "+15550100201");
    assert.ok(pairing.integrationId);

    await assert.rejects(exchange("+15550100201", "000000", { url: tapback.url }), (error: unknown) => {
      assert.ok(error instanceof TapbackApiError);
      assert.equal(error.status, 401);
      return true;
    });
  });

  test("on(message.received) echoes a message, and send resolves with its message.sent", async () => {
    const phone = "+15550100202";
    const { token } = await tapback.pair(phone);
    const client = new AgentClient({ url: tapback.url, phone, token });
    const sent: MessageSent[] = [];
    const echoed = deferred<MessageSent>();
    client.on("message.received", async (message) => {
      echoed.resolve(await client.send({ chatId: message.chatId, text: `echo: ${message.text}` }));
    });
    client.on("message.sent", (data) => void sent.push(data));
    try {
      const connected = await client.start();
      assert.equal(connected.acks, true);
      await tapback.text(phone, "hello there");
      const outcome = await echoed.promise;
      assert.match(outcome.messageId, /^msg_/);
      await waitFor(async () => ((await tapback.bubbles(phone)).includes("echo: hello there") ? true : undefined), "the echo on the phone");
      await waitFor(() => (sent.some((data) => data.clientMessageId === outcome.clientMessageId) ? true : undefined), "the message.sent event");
    } finally {
      await client.close();
    }
  });

  test("events() iterates in order; actions reach the phone; upload sends a file", async () => {
    const phone = "+15550100203";
    const { token } = await tapback.pair(phone);
    const client = new AgentClient({ url: tapback.url, phone, token });
    const stop = new AbortController();
    try {
      await tapback.text(phone, "one");
      await tapback.text(phone, "two");
      const seen: string[] = [];
      let last: ReceivedMessage | undefined;
      for await (const event of client.events({ signal: stop.signal })) {
        if (event.type !== "message.received") continue;
        seen.push(event.data.text);
        last = event.data;
        if (seen.length === 2) stop.abort();
      }
      assert.deepEqual(seen, ["one", "two"]);

      await client.markRead(last!.chatId);
      await client.react(last!.messageId, "love");
      await client.typing(last!.chatId, true);
      const file = await client.upload(new TextEncoder().encode("hello file"), { filename: "note.txt", contentType: "text/plain" });
      assert.match(file.attachmentId, /^upl_/);
      const reply = await client.reply(last!, { text: "with a file", attachments: [file.attachmentId] });
      assert.equal(reply.chatId, last!.chatId);

      await waitFor(async () => {
        const events = await tapback.phoneEvents(phone);
        const read = events.some((e) => e.type === "read" && e.messageId === last!.messageId);
        const loved = events.some((e) => e.type === "reaction" && e.messageId === last!.messageId && e.reaction === "love");
        const withFile = events.some((e) => e.type === "message.received" && e.text === "with a file" && (e.attachments?.length ?? 0) === 1);
        return read && loved && withFile ? true : undefined;
      }, "the read receipt, the tapback and the file on the phone");
    } finally {
      await client.close();
    }

    // Both were acked as the loop moved on (the abort came in the body of the last): a new
    // connection hears the next message first, not them again.
    assert.equal(await firstMessageAfter(tapback, phone, token, "three"), "three");
  });

  test("a send the gateway refuses rejects with the error frame's sentence", async () => {
    const phone = "+15550100204";
    const { token } = await tapback.pair(phone);
    const client = new AgentClient({ url: tapback.url, phone, token });
    client.on("event", () => undefined);
    try {
      await client.start();
      await assert.rejects(client.send({ text: "x", effect: "sparkles" }), /effect/);
      // Over the frame limit, refused before it is sent (the gateway would close with 1009 on every try).
      await assert.rejects(client.send({ text: "x".repeat(1_100_000) }), /at most 1048576/);
      // The connection is still the same good one.
      assert.match((await client.send({ text: "still here" })).messageId, /^msg_/);
    } finally {
      await client.close();
    }
  });

  test("a revoked token ends the client with 401, and start() says so", async () => {
    const phone = "+15550100205";
    const first = await tapback.pair(phone);
    await tapback.pair(phone); // pairing again revokes the first token
    const client = new AgentClient({ url: tapback.url, phone, token: first.token });
    client.on("event", () => undefined);
    await assert.rejects(client.start(), (error: unknown) => error instanceof TapbackConnectionClosedError && error.code === 401);
    assert.ok((await client.closed) instanceof TapbackConnectionClosedError);

    const unparsable = new AgentClient({ url: tapback.url, phone: "not a phone", token: first.token });
    await assert.rejects(unparsable.start(), (error: unknown) => error instanceof TapbackConnectionClosedError && error.code === 400);
  });

  test("an event whose handler throws is not acked: it comes again after a reconnect, and is then acked", async () => {
    const phone = "+15550100207";
    const { token } = await tapback.pair(phone);
    const client = new AgentClient({ url: tapback.url, phone, token, reconnect: { initialDelayMs: 50, maxDelayMs: 200 } });
    const errors: Error[] = [];
    let attempts = 0;
    const handled = deferred<string>();
    client.on("error", (error) => void errors.push(error));
    client.on("message.received", (message) => {
      if (++attempts === 1) throw new Error("the model is down");
      handled.resolve(message.text);
    });
    try {
      await client.start();
      await tapback.text(phone, "try me twice");
      assert.equal(await handled.promise, "try me twice");
      assert.equal(attempts, 2);
      assert.ok(errors.some((error) => /the model is down/.test(error.message)));
    } finally {
      await client.close();
    }

    // It was acked the second time: the next connection starts with the next message.
    assert.equal(await firstMessageAfter(tapback, phone, token, "and then this"), "and then this");
  });

  test("a second connection with the same token replaces the first, which stops with 4000", async () => {
    const phone = "+15550100208";
    const { token } = await tapback.pair(phone);
    const first = new AgentClient({ url: tapback.url, phone, token });
    const second = new AgentClient({ url: tapback.url, phone, token });
    first.on("event", () => undefined);
    second.on("event", () => undefined);
    try {
      await first.start();
      await second.start();
      const ended = await first.closed;
      assert.ok(ended instanceof TapbackConnectionClosedError);
      assert.equal(ended.code, 4000);
      await assert.rejects(first.send({ text: "too late" }), TapbackConnectionClosedError);
    } finally {
      await first.close();
      await second.close();
    }
  });

  test("RestClient has a method for every /v2 endpoint of Tapback's OpenAPI document", async () => {
    const covered: Record<string, keyof RestClient> = {
      "POST /v2/messages": "sendMessage",
      "GET /v2/messages/{id}": "getMessage",
      "PATCH /v2/messages/{id}": "editMessage",
      "DELETE /v2/messages/{id}": "unsendMessage",
      "POST /v2/messages/{id}/read": "markRead",
      "POST /v2/messages/{id}/reactions": "react",
      "POST /v2/typing": "typing",
      "GET /v2/conversations": "listConversations",
      "GET /v2/conversations/{id}/messages": "listMessages",
      "GET /v2/handles/{handle}": "lookupHandle",
      "POST /v2/webhooks": "createWebhook",
      "GET /v2/webhooks": "listWebhooks",
      "DELETE /v2/webhooks/{id}": "deleteWebhook",
      "POST /v2/webhooks/{id}/secret/rotate": "rotateWebhookSecret",
      "GET /v2/webhooks/{id}/deliveries": "listDeliveries",
      "POST /v2/webhooks/{id}/deliveries/replay": "replayDeadDeliveries",
      "POST /v2/webhooks/{id}/deliveries/{deliveryId}/replay": "replayDelivery",
    };
    const document = (await (await fetch(`${tapback.url}/openapi/v1.json`)).json()) as { paths: Record<string, Record<string, unknown>> };
    const endpoints = Object.entries(document.paths)
      .filter(([path]) => path.startsWith("/v2/"))
      .flatMap(([path, operations]) => Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`));
    assert.deepEqual(endpoints.sort(), Object.keys(covered).sort());
    for (const method of Object.values(covered)) assert.equal(typeof RestClient.prototype[method], "function", method);
  });

  test("the REST client covers /v2 with idempotency keys", async () => {
    const phone = "+15550100206";
    const { token } = await tapback.pair(phone);
    const rest = new RestClient({ url: tapback.url, token });
    const inbound = await tapback.text(phone, "hi over REST");

    const first = await rest.sendMessage({ to: phone, body: "once" }, { idempotencyKey: "rest-once" });
    const again = await rest.sendMessage({ to: phone, body: "once" }, { idempotencyKey: "rest-once" });
    assert.equal(again.message_id, first.message_id);
    await assert.rejects(rest.sendMessage({ to: phone, body: "another" }, { idempotencyKey: "rest-once" }), (error: unknown) => error instanceof TapbackApiError && error.status === 409);

    const conversations = [];
    for await (const conversation of rest.conversations()) conversations.push(conversation);
    assert.deepEqual(conversations.map((c) => c.id), [first.conversation_id]);
    const message = await rest.getMessage(first.message_id);
    assert.equal(message.body, "once");
    assert.equal(message.direction, "outbound");
    const page = await rest.listMessages(first.conversation_id, { limit: 50 });
    assert.ok(page.data.some((m) => m.id === inbound));

    assert.equal((await rest.markRead(inbound)).conversation_id, first.conversation_id);
    await rest.react(inbound, "like");
    await rest.typing({ conversation_id: first.conversation_id, typing: true });
    assert.equal((await rest.lookupHandle(phone)).handle, phone);

    const scheduled = await rest.sendMessage({ to: phone, body: "later", send_at: new Date(Date.now() + 3_600_000).toISOString() });
    assert.equal(scheduled.status, "scheduled");
    assert.equal((await rest.editMessage(scheduled.message_id, "later, edited")).status, "revised");
    assert.equal((await rest.unsendMessage(scheduled.message_id)).status, "cancelled");
    await assert.rejects(rest.getMessage("msg_nope"), (error: unknown) => error instanceof TapbackApiError && error.status === 404 && typeof error.problem.detail === "string");

    await waitFor(async () => ((await tapback.bubbles(phone)).filter((text) => text === "once").length === 1 ? true : undefined), "the one bubble");
  });
});
