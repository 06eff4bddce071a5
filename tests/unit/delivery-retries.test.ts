import { describe, expect, it } from "vitest";
import {
  nextRetrySeconds,
  RETRY_DELAYS_SECONDS,
  RETRY_WINDOW_SECONDS,
} from "@/server/services/notifications/channels/deliver-channels";

describe("delivery retries", () => {
  it("tries 11 times over about 24 h on the schedule, then gives up", () => {
    let age = 0;
    let attempts = 0;
    const delays: number[] = [];
    for (;;) {
      attempts++;
      const delay = nextRetrySeconds(attempts, null, age);
      if (delay === null) break;
      delays.push(delay);
      age += delay;
    }
    expect(delays).toEqual(RETRY_DELAYS_SECONDS);
    expect(attempts).toBe(11);
    expect(age / 3600).toBeGreaterThan(23);
    expect(age).toBeLessThanOrEqual(RETRY_WINDOW_SECONDS + 600);
  });

  it("honours Retry-After (up to 6 h) without shortening the window: a short one makes more tries", () => {
    expect(nextRetrySeconds(1, 120, 0)).toBe(120);
    expect(nextRetrySeconds(1, 10 * 24 * 3600, 0)).toBe(6 * 3600);
    expect(nextRetrySeconds(1, 0, 0)).toBe(1);
    expect(nextRetrySeconds(40, 2, 3600)).toBe(2);
    expect(nextRetrySeconds(40, 2, RETRY_WINDOW_SECONDS + 599)).toBeNull();
  });
});
