/** The webhook events' `data` (docs/webhooks.md), snake_case as on the wire; absent fields are omitted. */

import type { Attachment } from "./rest-types.js";

export interface WebhookMessage {
  message_id: string;
  conversation_id: string;
  /** The sender (E.164 or email). */
  from: string;
  /** The transport the message came in on. */
  to: string;
  body: string;
  attachments: Attachment[];
  is_group: boolean;
  group_name?: string;
  /** In a group: every handle that has written in it up to this message, in order of first message. */
  participants?: string[];
  reply_to?: string;
  service?: string;
  effect?: string;
  edited_at?: string;
  unsent_at?: string;
  sent_at: string;
}

export interface WebhookReaction {
  message_id: string;
  conversation_id: string;
  from: string;
  /** `love`, `like`, `dislike`, `laugh`, `emphasize` or `question`. */
  reaction: string;
}

/** `message.sent`, `message.failed`, `message.delivered`, `message.read`: one event per bubble. */
export interface WebhookMessageStatus {
  message_id: string;
  conversation_id: string;
  to: string;
  body: string;
  client_message_id?: string;
  /** `message.failed` only. */
  error?: string;
  /** `message.failed` only: `edit` or `unsend` when the integration's edit or unsend failed, not its send. */
  operation?: "edit" | "unsend";
}

/** `message.edited` / `message.unsent`. */
export interface WebhookMessageChange {
  message_id: string;
  conversation_id: string;
  from: string;
  body?: string;
  edited_at?: string;
  unsent_at?: string;
}

export interface WebhookTyping {
  conversation_id: string;
  from: string;
}

export interface WebhookMessageHeld {
  message_id: string;
  chat_id: string;
  client_message_id?: string;
  reason: string;
  detail: string;
}

export interface WebhookConversationPaused {
  chat_id: string;
  reason: string;
  evidence: { kind: string; rounds: number; detail: string };
  paused_at: string;
}

export interface WebhookConversationResumed {
  chat_id: string;
  resumed_at: string;
}

export interface WebhookTransportDegraded {
  transport: string;
  reason: string;
  since: string;
}

export interface WebhookTransportRecovered {
  transport: string;
  since: string;
  degraded_since: string;
}

export interface WebhookEventMap {
  "message.received": WebhookMessage;
  "message.updated": WebhookMessage;
  "reaction.added": WebhookReaction;
  "reaction.removed": WebhookReaction;
  "message.sent": WebhookMessageStatus;
  "message.failed": WebhookMessageStatus;
  "message.delivered": WebhookMessageStatus;
  "message.read": WebhookMessageStatus;
  "message.edited": WebhookMessageChange;
  "message.unsent": WebhookMessageChange;
  "typing.started": WebhookTyping;
  "typing.stopped": WebhookTyping;
  "message.held": WebhookMessageHeld;
  "conversation.paused": WebhookConversationPaused;
  "conversation.resumed": WebhookConversationResumed;
  "transport.degraded": WebhookTransportDegraded;
  "transport.recovered": WebhookTransportRecovered;
}

export type WebhookEventType = keyof WebhookEventMap;

/** One delivery's body; narrow on `type`. `id` is also the `webhook-id` header: drop repeats by it. */
export type WebhookEvent = { [K in WebhookEventType]: { id: string; type: K; created_at: string; data: WebhookEventMap[K] } }[WebhookEventType];

/** An event type this SDK does not know yet (a newer Tapback). */
export interface UnknownWebhookEvent {
  id: string;
  type: "unknown";
  /** The body's own `type`. */
  eventType: string;
  created_at: string;
  data: unknown;
}

export const webhookEventTypes: readonly WebhookEventType[] = [
  "message.received", "message.updated", "reaction.added", "reaction.removed", "message.sent", "message.failed",
  "message.delivered", "message.read", "message.edited", "message.unsent", "typing.started", "typing.stopped",
  "message.held", "conversation.paused", "conversation.resumed", "transport.degraded", "transport.recovered",
];
