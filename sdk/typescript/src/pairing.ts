import { Http, type RequestOptions } from "./http.js";

/** What `POST /auth/exchange` answers: keep `token`, it is shown only this once. */
export interface Pairing {
  /** The integration token (`tbk_…`): the credential of the WebSocket and the REST API. */
  token: string;
  integrationId: string;
  /** The paired phone, in E.164. */
  phone: string;
  /** The transport whose `/setup` asked for the code. */
  transport: string;
}

export interface ExchangeOptions extends RequestOptions {
  /** Tapback's base URL, e.g. `http://localhost:5000`. */
  url: string | URL;
  fetch?: typeof fetch;
}

/**
 * Pairs a phone: exchanges the 6-digit code the phone got by texting `/setup` for the integration's
 * token. A wrong, used or expired code is a `TapbackApiError` with status 401; five wrong codes or too
 * many calls, 429.
 */
export async function exchange(phone: string, code: string, options: ExchangeOptions): Promise<Pairing> {
  // Never retried: a code is good once, and a second try of a lost answer would count as a wrong code.
  const http = new Http({ url: options.url, fetch: options.fetch, maxRetries: 0 });
  return http.json<Pairing>({ method: "POST", path: "/auth/exchange", body: { phone, code }, retry: false, signal: options.signal });
}
