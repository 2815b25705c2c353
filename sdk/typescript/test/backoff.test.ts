import assert from "node:assert/strict";
import { test } from "node:test";
import { reconnectDelay } from "../src/index.js";

test("reconnectDelay doubles its ceiling per attempt, caps it, and jitters within it", () => {
  const options = { initialDelayMs: 1_000, maxDelayMs: 60_000 };
  const ceiling = (attempt: number) => reconnectDelay(attempt, options, () => 0.999_999_9);
  assert.deepEqual([0, 1, 2, 5, 6, 7, 100].map(ceiling), [999, 1_999, 3_999, 31_999, 59_999, 59_999, 59_999]);
  assert.equal(reconnectDelay(3, options, () => 0), 0);
  assert.equal(reconnectDelay(3, options, () => 0.5), 4_000);
});
