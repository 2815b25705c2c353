// A ten-line echo bot on Tapback's TypeScript SDK: each text the paired phone sends comes back.
import { AgentClient } from "tapback";

const client = new AgentClient({ url: process.env.TAPBACK_URL ?? "http://localhost:5000", phone: process.env.TAPBACK_PHONE!, token: process.env.TAPBACK_TOKEN! });
client.on("message.received", (message) =>
  // Keyed by the message: a message delivered again (after a crash, before its ack) is not echoed twice.
  client.send({ chatId: message.chatId, text: `You said: ${message.text}`, clientMessageId: `echo-${message.messageId}` }));
process.once("SIGINT", () => void client.close());
await client.start();
console.log("Echoing. Ctrl+C stops.");
