import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { AgentClient, RestClient, type MessageSent, type ReceivedMessage } from "../src/index.js";
import { Tapback, deferred, waitFor } from "./support/tapback.js";

let tapback: Tapback;

before(async () => {
  tapback = await Tapback.start();
});

after(async () => {
  await tapback?.dispose();
});

test("a Tapback killed mid-handling and mid-send loses and doubles nothing", async () => {
  const phone = "+15550100301";
  const { token } = await tapback.pair(phone);
  const rest = new RestClient({ url: tapback.url, token });
  // Reconnect quickly: the test waits for the restart, not for a minute of backoff.
  const client = new AgentClient({ url: tapback.url, phone, token, reconnect: { initialDelayMs: 100, maxDelayMs: 500 } });
  const handled = new Map<string, number>();
  const sent: MessageSent[] = [];
  const firstArrived = deferred<ReceivedMessage>();
  const gate = deferred();
  client.on("message.received", async (message) => {
    handled.set(message.text, (handled.get(message.text) ?? 0) + 1);
    if (message.text === "first") {
      firstArrived.resolve(message);
      await gate.promise; // still handling, so not acked, when Tapback dies
    }
  });
  client.on("message.sent", (data) => void sent.push(data));
  try {
    await client.start();
    await tapback.text(phone, "first");
    const first = await firstArrived.promise;
    await tapback.text(phone, "second"); // queued behind "first", unacked

    // A send Tapback has stored but not carried out (scheduled a moment ahead), and one written just
    // before the kill, whatever became of it.
    const later = client.send({ chatId: first.chatId, text: "later", sendAt: new Date(Date.now() + 5_000) });
    await waitFor(async () => {
      const page = await rest.listMessages(first.chatId);
      return page.data.some((message) => message.body === "later") ? true : undefined;
    }, "the scheduled send to be stored");
    const now = client.send({ chatId: first.chatId, text: "now" });

    await tapback.kill();
    gate.resolve(); // "first" is handled now, but its ack cannot reach a dead Tapback
    await tapback.restart();

    const [laterSent, nowSent] = await Promise.all([later, now]);
    await waitFor(() => (handled.get("second") === 1 ? true : undefined), "the unacked second message to be delivered again");
    // A send after the repeats: Tapback reads a connection's frames in order, so by its message.sent
    // every repeated send was weighed, and every report before it handled.
    const marker = await client.send({ chatId: first.chatId, text: "marker" });
    await waitFor(() => (sent.some((data) => data.messageId === marker.messageId) ? true : undefined), "the marker's message.sent");
    await waitFor(async () => ((await tapback.bubbles(phone)).includes("marker") ? true : undefined), "the marker on the phone");

    assert.deepEqual(Object.fromEntries(handled), { first: 1, second: 1 });
    const bubbles = await tapback.bubbles(phone);
    assert.equal(bubbles.filter((text) => text === "later").length, 1, `bubbles: ${bubbles.join(" | ")}`);
    assert.equal(bubbles.filter((text) => text === "now").length, 1, `bubbles: ${bubbles.join(" | ")}`);
    const stored = (await rest.listMessages(first.chatId, { limit: 200 })).data.filter((message) => message.direction === "outbound");
    assert.equal(stored.filter((message) => message.body === "later").length, 1);
    assert.equal(stored.filter((message) => message.body === "now").length, 1);
    assert.equal(sent.filter((data) => data.messageId === laterSent.messageId).length, 1);
    assert.equal(sent.filter((data) => data.messageId === nowSent.messageId).length, 1);
  } finally {
    await client.close();
  }
});
