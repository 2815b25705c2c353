/** The REST API's shapes (docs/rest-api.md, docs/webhooks.md), snake_case as on the wire. */

/** `POST /v2/messages`: name the chat by `to` (the paired phone) or `conversation_id`. */
export interface SendMessageRequest {
  to?: string;
  conversation_id?: string;
  body?: string;
  /** Files by URL (Tapback fetches them): `"https://…"` or `{url, name}`. */
  attachments?: (string | { url: string; name?: string })[];
  /** Attach the agent's contact card (a .vcf). */
  contact_card?: boolean;
  /** Tapback's pacing: markdown to plain text, short bubbles, typing between. */
  split?: boolean;
  /** A message id of the same conversation to answer inline. */
  reply_to?: string;
  effect?: string;
  /** Send later: RFC 3339 with its offset, at most 14 days ahead. */
  send_at?: string;
}

export interface SendMessageResponse {
  /** The first bubble. */
  message_id: string;
  /** Every bubble (several with `split`). */
  message_ids: string[];
  conversation_id: string;
  /** `queued`, or `scheduled` with `send_at`. */
  status: string;
}

export interface Attachment {
  /** Signed and time-limited: fetching it needs no credential. */
  url: string;
  mime_type: string;
  name: string;
  size: number;
}

export interface Message {
  id: string;
  conversation_id: string;
  direction: "inbound" | "outbound";
  from?: string;
  to?: string;
  body: string;
  /** `received` inbound; `queued`, `scheduled`, `held`, `sent`, `failed` or `cancelled` outbound. */
  status: string;
  created_at: string;
  reply_to?: string;
  effect?: string;
  service?: string;
  edited_at?: string;
  unsent: boolean;
  unsent_at?: string;
  attachments: Attachment[];
  /** With status `held`: why the send governor holds it. */
  held_reason?: string;
  held_detail?: string;
}

export interface Conversation {
  id: string;
  /** The person's handle in a one-to-one chat; the group's chat id otherwise. */
  handle: string;
  is_group: boolean;
  group_name?: string;
  transport: string;
  last_message_at: string;
}

/** One page, newest first; pass `next_cursor` as `cursor` for the next. */
export interface Page<T> {
  data: T[];
  next_cursor?: string;
}

export interface ListOptions {
  /** 1–200, default 50. */
  limit?: number;
  cursor?: string;
}

export interface ListMessagesOptions extends ListOptions {
  /** ISO 8601 (inclusive), on when Tapback stored the message. */
  since?: string | Date;
  until?: string | Date;
}

/** Typing, a read receipt or a tapback, queued. */
export interface ActionAccepted {
  conversation_id: string;
  status: string;
}

/** An edit or unsend: `queued` (through the transport), `revised` or `cancelled` (a send still waiting). */
export interface MessageChangeAccepted {
  message_id: string;
  conversation_id: string;
  status: string;
}

export interface HandleLookup {
  handle: string;
  /** true on iMessage, false SMS only, null when the transport cannot tell. */
  imessage: boolean | null;
  checked_at: string;
}

export interface TypingRequest {
  to?: string;
  conversation_id?: string;
  typing: boolean;
}

export interface Webhook {
  id: string;
  url: string;
  events: string[];
  created_at: string;
  /** Only in the answers that made it (create, rotate): keep it, it verifies every delivery. */
  secret?: string;
}

export interface WebhookDelivery {
  id: string;
  event_id: string;
  type: string;
  url: string;
  conversation_id: string;
  message_id?: string;
  /** `pending`, `delivered`, `dead` or `cancelled`. */
  status: string;
  attempts: number;
  last_status_code?: number;
  last_error?: string;
  last_attempt_at?: string;
  next_attempt_at?: string;
  delivered_at?: string;
  created_at: string;
}

export interface DeliveryList {
  data: WebhookDelivery[];
  next_before?: string;
}

export interface ListDeliveriesOptions {
  status?: "pending" | "delivered" | "dead" | "cancelled";
  limit?: number;
  before?: string;
}
