import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { after, before, describe, test } from "node:test";
import { RestClient } from "../src/index.js";
import { Tapback, example, freePort, waitFor } from "./support/tapback.js";

/** Runs a compiled example as its user would, with its settings in the environment. */
function run(file: string, env: Record<string, string>): { child: ChildProcess; output: () => string } {
  let output = "";
  const child = spawn(process.execPath, [example(file)], { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  return { child, output: () => output };
}

describe("the examples against a real Tapback", () => {
  let tapback: Tapback;
  const children: ChildProcess[] = [];

  before(async () => {
    tapback = await Tapback.start();
  });

  after(async () => {
    for (const child of children) child.kill();
    await tapback?.dispose();
  });

  test("examples/typescript-echo echoes a text", async () => {
    const phone = "+15550100501";
    const { token } = await tapback.pair(phone);
    const bot = run("typescript-echo/echo.js", { TAPBACK_URL: tapback.url, TAPBACK_PHONE: phone, TAPBACK_TOKEN: token });
    children.push(bot.child);
    await tapback.text(phone, "ping");
    await waitFor(async () => ((await tapback.bubbles(phone)).includes("You said: ping") ? true : undefined), () => `the echo (bot output: ${bot.output()})`);
  });

  test("examples/minimal-bot/typescript reads, types and replies to a webhook", async () => {
    const phone = "+15550100502";
    const { token } = await tapback.pair(phone);
    const port = await freePort();
    const webhook = await new RestClient({ url: tapback.url, token }).createWebhook({ url: `http://127.0.0.1:${port}/webhook`, events: ["message.received"] });
    const bot = run("minimal-bot/typescript/bot.js", {
      TAPBACK_URL: tapback.url,
      TAPBACK_TOKEN: token,
      TAPBACK_WEBHOOK_SECRET: webhook.secret!,
      PORT: String(port),
      HOST: "127.0.0.1",
    });
    children.push(bot.child);
    await waitFor(() => (bot.output().includes("Listening") ? true : undefined), "the bot to listen");
    const messageId = await tapback.text(phone, "hello");
    await waitFor(async () => {
      const events = await tapback.phoneEvents(phone);
      const read = events.some((e) => e.type === "read" && e.messageId === messageId);
      const replied = events.some((e) => e.type === "message.received" && e.text?.startsWith("Hello! I'm a minimal bot"));
      return read && replied ? true : undefined;
    }, () => `the read receipt and the reply (bot output: ${bot.output()})`);
    assert.equal((await tapback.bubbles(phone)).filter((text) => text.startsWith("Hello!")).length, 1);
  });
});
