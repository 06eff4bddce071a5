import { sql } from "drizzle-orm";
import { textList } from "../../db/text-list";

/**
 * The accounts the platform's hosts may already have, by platform id or by e-mail, as JSON (id, external_id, email,
 * name, role), for a select list: one index lookup per value (offset 0 fences them).
 */
export function hostsMatchingJson(hostIds: string[], emails: string[]) {
  return sql`(select json_agg(json_build_object('id', u.id, 'external_id', u.external_id, 'email', u.email, 'name', u.name, 'role', u.role, 'locale', u.locale)) from (
      select distinct on (u.id) u.* from (
        select found.* from (${textList(hostIds)}) v(value)
          cross join lateral (select * from users where users.external_id = v.value and users.external_id is not null offset 0) found
        union all
        select found.* from (${textList(emails)}) v(value)
          cross join lateral (select * from users where lower(users.email) = v.value offset 0) found
      ) u
    ) u)`;
}

/**
 * The hosts' part of the platform's upsert statement, as CTEs over `host_in(id, email, name, external_id, locale, action)`:
 * `created` (new host accounts, no password: id, external_id, email) and `changed_hosts` (accounts updated or adopted
 * whose values differ: id, external_id, email, action).
 */
export const HOST_UPSERT_CTES = `created as (
          insert into users (id, email, name, role, external_id, locale)
          select id, email, name, 'host', external_id, coalesce(locale, 'fr') from host_in where action = 'create'
          returning id, external_id, email
        ), changed_hosts as (
          update users u set email = h.email, name = h.name, external_id = h.external_id, locale = coalesce(h.locale, u.locale), updated_at = now()
          from host_in h
          where h.action in ('update', 'adopt') and u.id = h.id
            and (u.email, u.name, u.external_id, u.locale) is distinct from (h.email, h.name, h.external_id, coalesce(h.locale, u.locale))
          returning u.id, h.external_id, h.email, h.action
        )`;
