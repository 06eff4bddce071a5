import { describe, expect, it } from "vitest";
import { hashPassword, passwordWeakness, verifyPassword } from "@/server/services/users/password";

describe("password hashing", () => {
  it("verifies the right password and rejects a wrong one", async () => {
    const hash = await hashPassword("demo1234");
    expect(hash).toMatch(/^scrypt\$/);
    expect(hash).not.toContain("demo1234");
    expect(await verifyPassword("demo1234", hash)).toBe(true);
    expect(await verifyPassword("demo1235", hash)).toBe(false);
  });

  it("salts every hash", async () => {
    expect(await hashPassword("same-pass-1")).not.toBe(await hashPassword("same-pass-1"));
  });

  it("rejects a malformed stored hash instead of throwing", async () => {
    expect(await verifyPassword("x", "not-a-hash")).toBe(false);
  });

  it("calls short or letter-only passwords weak", () => {
    expect(passwordWeakness("abc12")).toMatch(/au moins 8/);
    expect(passwordWeakness("abcdefghij")).toMatch(/lettre et un chiffre/);
    expect(passwordWeakness("demo1234")).toBeNull();
  });
});
