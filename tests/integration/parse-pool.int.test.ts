import { afterAll, describe, expect, it } from "vitest";
import { createParsePool, mayReadOnCallingThread } from "@/server/services/calendar/ical/parse-pool";
import { inThreadReader, readBody } from "@/server/services/calendar/ical/feed-body-reader";
import { FeedFetchError } from "@/server/services/calendar/fetch/feed-fetch-error";
import { demoCalendar } from "@/demo/demo-ics";
import { recurrenceBomb } from "@/demo/demo-feed-server";

const NOW = new Date("2026-11-25T12:00:00Z");
const options = { now: NOW, horizonMonths: 18 };
// A valid calendar of about 1.5 MB: many stays, as a large agency export would have.
const large = demoCalendar("booking", "agency", NOW, NOW, 8_000);
const pool = createParsePool({
  entry: new URL("../../src/server/services/calendar/ical/parse-thread.ts", import.meta.url),
  typescript: true,
  threads: 2,
  thresholdBytes: 512 * 1024,
  timeLimitMs: 30_000,
});
afterAll(() => pool.close());

describe("parse pool", () => {
  it("reads a body above the threshold on another thread, with the same result as on this one", async () => {
    expect(large.length).toBeGreaterThan(512 * 1024);
    let turned = false;
    setImmediate(() => (turned = true));
    const read = await pool.read(large, null, options);
    // The event loop turned while the body was read: it was not read on this thread.
    expect(turned).toBe(true);
    const here = readBody(large, null, options);
    expect(read.bodyHash).toBe(here.bodyHash);
    expect(read.parsed!.blockCount).toBe(here.parsed!.blockCount);
    expect(read.parsed!.blocksJson).toBe(here.parsed!.blocksJson);
    // The blocks come back as the JSON rows the database takes, times as epoch milliseconds.
    const rows = JSON.parse(read.parsed!.blocksJson) as Array<Record<string, unknown>>;
    expect(rows).toHaveLength(read.parsed!.blockCount);
    expect(Object.keys(rows[10]!).sort()).toEqual(["all_day", "ends_ms", "kind", "starts_ms", "summary", "uid"]);
    expect(Number.isSafeInteger(rows[10]!.starts_ms)).toBe(true);
    expect(Number(rows[10]!.ends_ms)).toBeGreaterThan(Number(rows[10]!.starts_ms));
  });

  it("skips the parse when the body hashes to the known hash", async () => {
    const { bodyHash } = readBody(large, null, options);
    expect((await pool.read(large, bodyHash, options)).parsed).toBeNull();
  });

  it("reads small bodies on the calling thread, a time zone's two rules or an event's own included", async () => {
    expect(mayReadOnCallingThread(demoCalendar("vrbo", "small", NOW, NOW), 512 * 1024)).toBe(true);
    expect(mayReadOnCallingThread(demoCalendar("google", "small", NOW, NOW), 512 * 1024)).toBe(true);
    const small = demoCalendar("airbnb", "small", NOW, NOW);
    let turned = false;
    setImmediate(() => (turned = true));
    const read = await pool.read(small, null, options);
    expect(turned).toBe(false);
    expect(read.parsed!.blockCount).toBeGreaterThan(0);
    expect(await inThreadReader.read(small, null, options)).toEqual(read);
  });

  it("gives back the parser's error as the feed error it is", async () => {
    const html = `<!DOCTYPE html><html>${"x".repeat(600 * 1024)}</html>`;
    const error = await pool.read(html, null, options).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(FeedFetchError);
    expect(error).toMatchObject({ errorType: "INVALID_ICAL" });
  });

  it("reads several large bodies at once, queueing beyond its threads", async () => {
    const bodies = Array.from({ length: 5 }, (_, i) => demoCalendar("vrbo", `agency-${i}`, NOW, NOW, 6_000));
    const reads = await Promise.all(bodies.map((body) => pool.read(body, null, options)));
    reads.forEach((read, i) => expect(read.bodyHash).toBe(readBody(bodies[i]!, null, options).bodyHash));
  });

  it("reads a small body that holds several recurrences on a thread: a few hundred bytes of RRULE can be seconds of work", async () => {
    const event = (n: number) => [
      "BEGIN:VEVENT",
      `UID:weekly-${n}@x`,
      "DTSTART:20260105T100000Z",
      "RRULE:FREQ=WEEKLY",
      "END:VEVENT",
    ];
    const body = ["BEGIN:VCALENDAR", ...event(1), ...event(2), ...event(3), "END:VCALENDAR", ""].join("\r\n");
    let turned = false;
    setImmediate(() => (turned = true));
    const read = await pool.read(body, null, options);
    expect(turned).toBe(true);
    expect(read).toEqual(readBody(body, null, options));
  });

  it("terminates a thread still reading when its time limit ends, fails that feed FEED_TOO_COMPLEX, and serves the next body on a new thread", async () => {
    // Nothing reads 3,000 recurring events in a millisecond; the limit starts once the thread has loaded.
    const strict = createParsePool({
      entry: new URL("../../src/server/services/calendar/ical/parse-thread.ts", import.meta.url),
      typescript: true,
      threads: 1,
      thresholdBytes: 512 * 1024,
      timeLimitMs: 1,
    });
    const bomb = recurrenceBomb(3_000);
    try {
      for (let round = 0; round < 2; round++) {
        const error = await strict.read(bomb, null, options).catch((caught: unknown) => caught);
        expect(error).toBeInstanceOf(FeedFetchError);
        expect(error).toMatchObject({ errorType: "FEED_TOO_COMPLEX", message: expect.stringContaining("a dépassé") });
      }
    } finally {
      await strict.close();
    }
  });
});
