// Drives Tapback's /mcp with the official MCP TypeScript SDK client over Streamable HTTP, as an MCP
// host would: lists the tools and calls every one with the integration's credential. Launched by
// Tapback.Tests (McpTypeScriptClientTests); prints one JSON line and exits non-zero on any failure.
//   node sdk-client.mjs <mcp url> <token> <paired phone>
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";

const [url, token, phone] = process.argv.slice(2);
if (!url || !token || !phone) {
  console.error("usage: node sdk-client.mjs <mcp url> <token> <paired phone>");
  process.exit(2);
}

const client = new Client({ name: "tapback-ts-sdk-test", version: "1.0.0" });
const transport = new StreamableHTTPClientTransport(new URL(url), {
  requestInit: { headers: { Authorization: `Bearer ${token}` } },
});

const failures = [];
const calls = {};

function json(result) {
  return JSON.parse(result.content.filter((block) => block.type === "text").map((block) => block.text).join(""));
}

async function call(name, args, expectError = false) {
  const result = await client.callTool({ name, arguments: args });
  const isError = result.isError === true;
  calls[name] = isError ? "error" : "ok";
  if (isError !== expectError) {
    failures.push(`${name}: expected ${expectError ? "a tool error" : "success"}, got ${JSON.stringify(result.content)}`);
  }
  return isError ? null : json(result);
}

try {
  await client.connect(transport);
  const { tools } = await client.listTools();
  const names = tools.map((tool) => tool.name).sort();
  for (const tool of tools) {
    if (!tool.description || tool.inputSchema?.type !== "object" || !tool.annotations) {
      failures.push(`${tool.name}: missing description, object input schema or annotations`);
    }
  }

  const list = await call("list_conversations", { limit: 10 });
  const conversation = list?.conversations?.[0];
  if (!conversation) failures.push("list_conversations returned no conversation");
  const read = await call("read_messages", { conversation_id: conversation?.id, limit: 5 });
  const inbound = read?.messages?.filter((message) => message.direction === "inbound").at(-1);
  if (!inbound) failures.push("read_messages returned no inbound message");
  await call("mark_read", { conversation_id: conversation?.id });
  await call("set_typing", { conversation_id: conversation?.id, on: true });
  await call("react", { message_id: inbound?.id, reaction: "like" });
  const sent = await call("send_message", { to: phone, text: "Hello from the TypeScript SDK" });
  const refused = await client.callTool({ name: "send_message", arguments: { to: phone } });
  if (refused.isError !== true) failures.push("send_message without text was not a tool error");

  console.log(JSON.stringify({ tools: names, calls, sentMessageId: sent?.message_id ?? null, refusal: refused.content?.[0]?.text ?? null, failures }));
} catch (error) {
  failures.push(String(error?.stack ?? error));
  console.log(JSON.stringify({ calls, failures }));
} finally {
  await client.close().catch(() => {});
}

process.exit(failures.length === 0 ? 0 : 1);
