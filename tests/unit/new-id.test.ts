import { describe, expect, it } from "vitest";
import { newId } from "../../src/server/db/new-id";
import { isEntityId } from "../../src/server/validation";

describe("newId", () => {
  it("makes 24-character ids of lowercase letters and digits, a letter first, valid entity ids", () => {
    for (let i = 0; i < 2_000; i++) {
      const id = newId();
      expect(id).toMatch(/^[a-z][a-z0-9]{23}$/);
      expect(isEntityId(id)).toBe(true);
    }
  });

  it("never repeats over 200,000 ids drawn across many random blocks", () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200_000; i++) seen.add(newId());
    expect(seen.size).toBe(200_000);
  });

  it("uses every character of its alphabet in every position after the first", () => {
    const byPosition = Array.from({ length: 24 }, () => new Set<string>());
    for (let i = 0; i < 5_000; i++) [...newId()].forEach((char, index) => byPosition[index]!.add(char));
    expect(byPosition[0]!.size).toBe(26);
    for (const chars of byPosition.slice(1)) expect(chars.size).toBe(36);
  });
});
