import { describe, expect, it } from "vitest";
import {
  HOST_FIXABLE_TYPES,
  isHostFixable,
  isProviderFailure,
  isTransient,
  noticesHostOnFailures,
  SYNC_ERROR_TYPES,
  type SyncErrorType,
} from "@/server/shared/sync-error-types";
import { hostGuidance } from "@/server/shared/host-guidance";

const TYPES = Object.keys(SYNC_ERROR_TYPES) as SyncErrorType[];

describe("the sync error vocabulary, one table", () => {
  it("never counts a host's own error towards a provider incident, and never calls one both the host's and passing", () => {
    for (const type of TYPES) {
      if (isHostFixable(type)) {
        expect(isProviderFailure(type), type).toBe(false);
        expect(isTransient(type), type).toBe(false);
      }
    }
  });

  it("explains every host-fixable error to the host in words of its own", () => {
    const generic = hostGuidance("Airbnb", "NOT_A_TYPE" as SyncErrorType).whatWeSaw;
    for (const type of HOST_FIXABLE_TYPES) expect(hostGuidance("Airbnb", type).whatWeSaw, type).not.toBe(generic);
  });

  it("treats an unknown code as unexpected: passing and the provider's, never the host's", () => {
    // A row written by a newer (or older) version may hold a code this one does not know.
    const stored = "SOMETHING_NEW" as SyncErrorType;
    expect([isHostFixable(stored), isTransient(stored), isProviderFailure(stored)]).toEqual([false, true, true]);
    expect([isHostFixable(null), isTransient(undefined)]).toEqual([false, true]);
  });

  it("notices the host after failures for the host's errors, but an emptied calendar only once confirmed and an unread export by its own notice", () => {
    expect(TYPES.filter(noticesHostOnFailures)).toEqual(
      HOST_FIXABLE_TYPES.filter((type) => type !== "FEED_SUDDENLY_EMPTY" && type !== "EXPORT_NOT_READ"),
    );
    expect(noticesHostOnFailures("FEED_NOT_FOUND")).toBe(true);
    expect(noticesHostOnFailures("TIMEOUT")).toBe(false);
  });
});
