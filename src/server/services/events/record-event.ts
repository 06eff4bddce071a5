import { newId } from "../../db/new-id";
import { preparedStatement, runPrepared } from "../../db/prepared-statement";
import type { ServiceContext } from "../../service-context";
import { eventKey, followedKey, providersOf, type DomainEvent, type FollowUpEvent } from "./domain-event";

// One statement. The followed event ($5) lends its providers: a channel told of an escalation hears of its
// resolution. A follow-up ($6) also takes its facts, and is recorded only if that event was.
const recordStatement = preparedStatement(
  "record_domain_event_v1",
  `with followed as (select facts, providers from notification_events where dedupe_key = $5::text)
   insert into notification_events (id, dedupe_key, type, facts, providers, data)
   select $1::text, $2::text, $3::text,
     case when $6::boolean then coalesce((select facts from followed), '{}'::jsonb) || $4::jsonb else $4::jsonb end,
     array(select distinct lower(p) from unnest(coalesce((select providers from followed), '{}'::text[])
       || array(select jsonb_array_elements_text($7::jsonb))) p order by 1),
     '{}'::jsonb
   where not $6::boolean or exists (select 1 from followed)
   on conflict (dedupe_key) do nothing
   returning id`,
);

/**
 * Records what happened, once (its dedupe key), in the caller's transaction: the fact and its notifications commit or
 * roll back together, and notifications fan it out afterwards (fanOutEvents). True when recorded; false when it
 * already was, or when the event a follow-up completes never was (a conflict told nobody says nothing as it closes).
 */
export async function recordEvent(ctx: ServiceContext, event: DomainEvent | FollowUpEvent): Promise<boolean> {
  const { type: _type, ...facts } = event;
  if ("providers" in facts) delete (facts as { providers?: string[] }).providers;
  const inserted = await runPrepared(ctx.db, recordStatement, [
    newId(),
    eventKey(event),
    event.type,
    JSON.stringify(facts),
    followedKey(event),
    event.type === "conflict.resolved",
    JSON.stringify(providersOf(event)),
  ]);
  return inserted.length === 1;
}
