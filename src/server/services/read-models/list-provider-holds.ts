import type { ServiceContext } from "../../service-context";
import { getConfig } from "../../config";
import { authorizeViewer } from "../../actor";
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
export async function listProviderHoldsFor(ctx: ServiceContext): Promise<ProviderHoldDTO[]> {
  authorizeViewer(ctx.actor, BACK_OFFICE_ROLES);
  const holds = await listProviderHolds(ctx, { now: new Date(), minOwners: getConfig().incidents.holdMinOwners });
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
