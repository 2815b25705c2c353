import { randomUUID } from "node:crypto";
import { Http, type HttpOptions, type RequestOptions } from "./http.js";
import type {
  ActionAccepted,
  Conversation,
  DeliveryList,
  HandleLookup,
  ListDeliveriesOptions,
  ListMessagesOptions,
  ListOptions,
  Message,
  MessageChangeAccepted,
  Page,
  SendMessageRequest,
  SendMessageResponse,
  TypingRequest,
  Webhook,
} from "./rest-types.js";

export interface RestClientOptions extends HttpOptions {
  /** The integration token (`tbk_…`) or an API key (`tbk_key_…`). */
  token: string;
}

/** Options of a write Tapback keys: the same key and body again is answered as the first, and sends nothing new. */
export interface KeyedOptions extends RequestOptions {
  /** The `Idempotency-Key` (at most 255 characters); one is made when omitted, so the client's own retries never double. */
  idempotencyKey?: string;
}

const IdempotencyHeader = "Idempotency-Key";

/**
 * Tapback's REST API (`/v2`), for agents that are plain HTTP services. Sends, edits and reactions carry
 * an `Idempotency-Key` (made when not given), and a call that may be repeated safely is retried after
 * a network error, a 429 or a 503 (honouring `Retry-After`). Errors are `TapbackApiError` with the
 * problem+json body.
 */
export class RestClient {
  private readonly http: Http;

  constructor(options: RestClientOptions) {
    if (!options.token) throw new TypeError("RestClient needs options.token: the integration token from exchange() or an API key.");
    this.http = new Http(options);
  }

  /** `POST /v2/messages`. */
  sendMessage(request: SendMessageRequest, options: KeyedOptions = {}): Promise<SendMessageResponse> {
    return this.http.json({ method: "POST", path: "/v2/messages", body: request, headers: key(options), retry: true, signal: options.signal });
  }

  /** `GET /v2/messages/{id}`. */
  getMessage(id: string, options: RequestOptions = {}): Promise<Message> {
    return this.http.json({ method: "GET", path: `/v2/messages/${seg(id)}`, retry: true, signal: options.signal });
  }

  /** `PATCH /v2/messages/{id}`: edits a message the agent sent (or rewrites a send still waiting). */
  editMessage(id: string, body: string, options: KeyedOptions = {}): Promise<MessageChangeAccepted> {
    return this.http.json({ method: "PATCH", path: `/v2/messages/${seg(id)}`, body: { body }, headers: key(options), retry: true, signal: options.signal });
  }

  /** `DELETE /v2/messages/{id}`: unsends a message the agent sent, or cancels its send still waiting. Asking again does nothing more. */
  unsendMessage(id: string, options: RequestOptions = {}): Promise<MessageChangeAccepted> {
    return this.http.json({ method: "DELETE", path: `/v2/messages/${seg(id)}`, retry: true, signal: options.signal });
  }

  /** `POST /v2/messages/{id}/read`: a read receipt up to that inbound message. */
  markRead(id: string, options: RequestOptions = {}): Promise<ActionAccepted> {
    return this.http.json({ method: "POST", path: `/v2/messages/${seg(id)}/read`, retry: true, signal: options.signal });
  }

  /** `POST /v2/messages/{id}/reactions`: `love`, `like`, … adds; with `remove`, takes it back. */
  react(id: string, reaction: string, options: KeyedOptions & { remove?: boolean } = {}): Promise<ActionAccepted> {
    const body = { reaction: `${options.remove ? "-" : "+"}${reaction.replace(/^[+-]/, "")}` };
    return this.http.json({ method: "POST", path: `/v2/messages/${seg(id)}/reactions`, body, headers: key(options), retry: true, signal: options.signal });
  }

  /** `POST /v2/typing`: shows or hides the typing indicator (showing it twice is harmless). */
  typing(request: TypingRequest, options: RequestOptions = {}): Promise<ActionAccepted> {
    return this.http.json({ method: "POST", path: "/v2/typing", body: request, retry: true, signal: options.signal });
  }

  /** `GET /v2/conversations`, newest first. */
  listConversations(options: ListOptions & RequestOptions = {}): Promise<Page<Conversation>> {
    return this.http.json({ method: "GET", path: "/v2/conversations", query: { limit: options.limit, cursor: options.cursor }, retry: true, signal: options.signal });
  }

  /** Every conversation, page after page. */
  async *conversations(options: Omit<ListOptions, "cursor"> & RequestOptions = {}): AsyncIterableIterator<Conversation> {
    yield* pages((cursor) => this.listConversations({ ...options, cursor }));
  }

  /** `GET /v2/conversations/{id}/messages`, newest first. */
  listMessages(conversationId: string, options: ListMessagesOptions & RequestOptions = {}): Promise<Page<Message>> {
    const query = { limit: options.limit, cursor: options.cursor, since: iso(options.since), until: iso(options.until) };
    return this.http.json({ method: "GET", path: `/v2/conversations/${seg(conversationId)}/messages`, query, retry: true, signal: options.signal });
  }

  /** Every message of a conversation (newest first), page after page. */
  async *messages(conversationId: string, options: Omit<ListMessagesOptions, "cursor"> & RequestOptions = {}): AsyncIterableIterator<Message> {
    yield* pages((cursor) => this.listMessages(conversationId, { ...options, cursor }));
  }

  /** `GET /v2/handles/{handle}`: whether the paired phone is on iMessage. */
  lookupHandle(handle: string, options: RequestOptions = {}): Promise<HandleLookup> {
    return this.http.json({ method: "GET", path: `/v2/handles/${seg(handle)}`, retry: true, signal: options.signal });
  }

  /** `POST /v2/webhooks`: the answer's `secret` is shown only here. Not retried (a retry would make a second webhook). */
  createWebhook(request: { url: string; events: string[] }, options: RequestOptions = {}): Promise<Webhook> {
    return this.http.json({ method: "POST", path: "/v2/webhooks", body: request, retry: false, signal: options.signal });
  }

  /** `GET /v2/webhooks`. */
  async listWebhooks(options: RequestOptions = {}): Promise<Webhook[]> {
    return (await this.http.json<{ data: Webhook[] }>({ method: "GET", path: "/v2/webhooks", retry: true, signal: options.signal })).data;
  }

  /** `DELETE /v2/webhooks/{id}`: deliveries not yet made are cancelled. */
  async deleteWebhook(id: string, options: RequestOptions = {}): Promise<void> {
    await this.http.send({ method: "DELETE", path: `/v2/webhooks/${seg(id)}`, retry: true, signal: options.signal });
  }

  /** `POST /v2/webhooks/{id}/secret/rotate`: for 24 h deliveries are signed with the new and the old secret. Not retried. */
  rotateWebhookSecret(id: string, options: RequestOptions = {}): Promise<Webhook> {
    return this.http.json({ method: "POST", path: `/v2/webhooks/${seg(id)}/secret/rotate`, retry: false, signal: options.signal });
  }

  /** `GET /v2/webhooks/{id}/deliveries`, newest first; pass `next_before` as `before`. */
  listDeliveries(webhookId: string, options: ListDeliveriesOptions & RequestOptions = {}): Promise<DeliveryList> {
    const query = { status: options.status, limit: options.limit, before: options.before };
    return this.http.json({ method: "GET", path: `/v2/webhooks/${seg(webhookId)}/deliveries`, query, retry: true, signal: options.signal });
  }

  /** `POST /v2/webhooks/{id}/deliveries/{deliveryId}/replay`: tried again from attempt 1. */
  replayDelivery(webhookId: string, deliveryId: string, options: RequestOptions = {}): Promise<{ replayed: number }> {
    return this.http.json({ method: "POST", path: `/v2/webhooks/${seg(webhookId)}/deliveries/${seg(deliveryId)}/replay`, retry: false, signal: options.signal });
  }

  /** `POST /v2/webhooks/{id}/deliveries/replay`: every dead delivery of the webhook, again. */
  replayDeadDeliveries(webhookId: string, options: RequestOptions = {}): Promise<{ replayed: number }> {
    return this.http.json({ method: "POST", path: `/v2/webhooks/${seg(webhookId)}/deliveries/replay`, retry: false, signal: options.signal });
  }
}

function key(options: KeyedOptions): Record<string, string> {
  return { [IdempotencyHeader]: options.idempotencyKey ?? randomUUID() };
}

function seg(value: string): string {
  return encodeURIComponent(value);
}

function iso(value: string | Date | undefined): string | undefined {
  return value instanceof Date ? value.toISOString() : value;
}

async function* pages<T>(page: (cursor: string | undefined) => Promise<Page<T>>): AsyncIterableIterator<T> {
  let cursor: string | undefined;
  do {
    const next = await page(cursor);
    yield* next.data;
    cursor = next.next_cursor;
  } while (cursor);
}
