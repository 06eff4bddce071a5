import { resolveDb, type ServiceContext } from "../../db/transaction";
import { getConfig } from "../../config";
import { authorizeViewer, type Viewer } from "../../auth/viewer";
import { BACK_OFFICE_ROLES } from "../../auth/roles";
import { listProviderHolds, type ProviderHold } from "../incidents/incidents.service";

export interface ProviderHoldDTO {
  provider: string;
  owners: number;
  until: string;
  providerWide: boolean;
  providerWideUntil: string | null;
}

/** Providers that asked us to wait, with how many owners' feeds were told and whether the whole provider waits. */
export async function listProviderHoldsFor(viewer: Viewer, ctx?: ServiceContext): Promise<ProviderHoldDTO[]> {
  authorizeViewer(viewer, BACK_OFFICE_ROLES);
  const holds = await listProviderHolds(await resolveDb(ctx), new Date(), getConfig().incidents.holdMinOwners);
  return holds.map(toProviderHoldDto);
}

function toProviderHoldDto(hold: ProviderHold): ProviderHoldDTO {
  return {
    provider: hold.providerKey,
    owners: hold.owners,
    until: hold.until.toISOString(),
    providerWide: hold.providerWide,
    providerWideUntil: hold.providerWideUntil?.toISOString() ?? null,
  };
}
