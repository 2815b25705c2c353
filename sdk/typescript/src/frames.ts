import { agentEventTypes, type AgentEvent, type UnknownAgentEvent } from "./events.js";

/** A frame as the gateway reads it: one JSON text message, `{type, data}`. */
export function frame(type: string, data: unknown): string {
  return JSON.stringify({ type, data });
}

/** `ws(s)://…/ws/{the URL-encoded number}` on Tapback's base URL. */
export function socketUrl(base: string | URL, phone: string): URL {
  const url = new URL(base);
  url.protocol = url.protocol === "https:" ? "wss:" : url.protocol === "http:" ? "ws:" : url.protocol;
  url.pathname = `${url.pathname.replace(/\/$/, "")}/ws/${encodeURIComponent(phone.trim())}`;
  return url;
}

/** A delivered frame as the event handed to the user: known types typed, others as `unknown`; messages get their `text`. */
export function toEvent(type: string, seq: number | undefined, data: Record<string, unknown>): AgentEvent | UnknownAgentEvent {
  if (!(agentEventTypes as readonly string[]).includes(type)) return { type: "unknown", frameType: type, seq, data };
  if (type === "message.received" || type === "message.updated") {
    const parts = Array.isArray(data.parts) ? (data.parts as { type?: string; value?: string }[]) : [];
    data.text = parts.filter((part) => part.type === "text" && typeof part.value === "string" && part.value.length > 0).map((part) => part.value).join("\n");
  }
  return { type, seq, data } as unknown as AgentEvent;
}

/** The identity of a send's report, which the gateway repeats when the send is repeated under its clientMessageId. */
export function reportKey(event: AgentEvent | UnknownAgentEvent): string | undefined {
  if (event.type === "message.sent") return `sent:${event.data.messageId}`;
  if (event.type === "message.failed" && event.data.clientMessageId !== undefined) {
    return `failed:${event.data.messageId ?? ""}:${event.data.operation ?? ""}:${event.data.clientMessageId}`;
  }
  return undefined;
}
