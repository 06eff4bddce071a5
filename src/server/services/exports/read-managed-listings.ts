import { preparedStatement, runPrepared } from "../../db/prepared-statement";
import type { ServiceContext } from "../../service-context";

// The listings among these that the viewer manages: its own (not withdrawn), or any for an admin.
const managedStatement = preparedStatement(
  "export_managed_listings_v1",
  `select id from listings
   where id = any(select json_array_elements_text($1::json)) and archived_at is null and ($2::text is null or owner_id = $2::text)`,
);

/** Of `listingIds`, those `ownerId` owns (null: an admin, every listing still on the platform). One statement. */
export async function readManagedListings(
  ctx: ServiceContext,
  input: { listingIds: string[]; ownerId: string | null },
): Promise<Set<string>> {
  const rows = await runPrepared<{ id: string }>(ctx.db, managedStatement, [
    JSON.stringify(input.listingIds),
    input.ownerId,
  ]);
  return new Set(rows.map((row) => row.id));
}
