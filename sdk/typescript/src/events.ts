/**
 * What the agent WebSocket delivers (docs/protocol.md, section 3): the `data` of each frame, by its
 * `type`. Field names are the wire's (camelCase); optional fields are Tapback extensions or absent
 * when they do not apply.
 */

/** One part of a message: text, or a file behind a signed URL (valid for a day, no header needed). */
export type MessagePart =
  | { type: "text"; value: string }
  | { type: "media"; url: string; mimeType: string; filename: string; sizeBytes: number };

/** `message.received` (the person sent a message) and `message.updated` (a file it waited for arrived). */
export interface ReceivedMessage {
  messageId: string;
  /** The conversation: send it back to act in this chat. */
  chatId: string;
  chatName?: string;
  /** The sender's handle (E.164 or email). */
  from: string;
  parts: MessagePart[];
  sentAt: string;
  /** The message this one answers inline (a thread reply). */
  replyTo?: string;
  effect?: string;
  /** `iMessage` or `SMS`, when the transport says. */
  service?: string;
  editedAt?: string;
  unsentAt?: string;
  /** Added by the SDK: the text parts joined with a newline, as the gateway joins them ("" when none). */
  text: string;
}

/** `reaction.added` / `reaction.removed`: a tapback on `messageId`. */
export interface Reaction {
  messageId: string;
  /** `love`, `like`, `dislike`, `laugh`, `emphasize` or `question`. */
  reactionType: string;
  from: string;
  chatId: string;
}

/** `message.sent`: a send was carried out. */
export interface MessageSent {
  messageId: string;
  chatId: string;
  clientMessageId?: string;
}

/** `message.failed`: a send failed for good, or (with `operation`) an edit or unsend of a sent message was not made. */
export interface MessageFailed {
  chatId: string;
  error: string;
  messageId?: string;
  clientMessageId?: string;
  operation?: "edit" | "unsend";
}

/** `message.delivered` / `message.read`: the phone's receipt for an agent message. */
export interface MessageStatus {
  messageId: string;
  chatId: string;
}

/** `message.edited` / `message.unsent`: a message was changed (the person's, or the agent's own change carried out). */
export interface MessageChanged {
  messageId: string;
  chatId: string;
  from: string;
  /** `message.edited`: the text as it stands now (absent when it was unsent since). */
  text?: string;
  editedAt?: string;
  unsentAt?: string;
}

/** `typing.started` / `typing.stopped` in a one-to-one chat. An old `at` is stale. */
export interface Typing {
  chatId: string;
  at?: string;
}

/** Why the send governor holds a message. */
export type HoldReason = "unanswered_limit" | "recipient_rate" | "new_conversations" | "outbound_ratio" | "conversation_paused";

/** `message.held`: the send governor holds a send; it goes when released, or fails when discarded. */
export interface MessageHeld {
  messageId: string;
  chatId: string;
  clientMessageId?: string;
  reason: HoldReason | (string & {});
  detail: string;
}

/** `conversation.paused`: the loop breaker paused the agent in a conversation; its sends are held until an operator resumes it. */
export interface ConversationPaused {
  chatId: string;
  reason: "loop_suspected" | (string & {});
  evidence: { kind: "fast_replies" | "repeated_text" | (string & {}); rounds: number; detail: string };
  pausedAt: string;
}

/** `conversation.resumed`: an operator resumed a paused conversation. */
export interface ConversationResumed {
  chatId: string;
  resumedAt: string;
}

/** `transport.degraded`: a bridge transport looks stalled. */
export interface TransportDegraded {
  transport: string;
  reason: string;
  since: string;
}

/** `transport.recovered`: a degraded transport works again. */
export interface TransportRecovered {
  transport: string;
  since: string;
  degradedSince: string;
}

/** Every event type the SDK knows, and the `data` it carries. */
export interface AgentEventMap {
  "message.received": ReceivedMessage;
  "message.updated": ReceivedMessage;
  "reaction.added": Reaction;
  "reaction.removed": Reaction;
  "message.sent": MessageSent;
  "message.failed": MessageFailed;
  "message.delivered": MessageStatus;
  "message.read": MessageStatus;
  "message.edited": MessageChanged;
  "message.unsent": MessageChanged;
  "typing.started": Typing;
  "typing.stopped": Typing;
  "message.held": MessageHeld;
  "conversation.paused": ConversationPaused;
  "conversation.resumed": ConversationResumed;
  "transport.degraded": TransportDegraded;
  "transport.recovered": TransportRecovered;
}

export type AgentEventType = keyof AgentEventMap;

/** One delivered event; narrow on `type` to get its `data`. `seq` is the gateway's durable queue position. */
export type AgentEvent = { [K in AgentEventType]: { type: K; seq?: number; data: AgentEventMap[K] } }[AgentEventType];

/** An event type this SDK does not know yet (a newer Tapback): delivered and acked like the others. */
export interface UnknownAgentEvent {
  type: "unknown";
  /** The frame's own `type`. */
  frameType: string;
  seq?: number;
  data: unknown;
}

export const agentEventTypes: readonly AgentEventType[] = [
  "message.received", "message.updated", "reaction.added", "reaction.removed", "message.sent", "message.failed",
  "message.delivered", "message.read", "message.edited", "message.unsent", "typing.started", "typing.stopped",
  "message.held", "conversation.paused", "conversation.resumed", "transport.degraded", "transport.recovered",
];

/** The `connected` frame: the answer to `ready`. */
export interface Connected {
  /** `message.received` frames waiting (the hosted gateways' count). */
  queuedCount: number;
  /** Other waiting events (reactions, reports, …). */
  otherQueuedCount?: number;
  acks?: boolean;
  integrationId?: string;
  /** The integration's operator settings, when any are set. */
  settings?: Record<string, unknown>;
}
