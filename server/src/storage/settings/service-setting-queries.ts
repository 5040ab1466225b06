import type { Queryable } from '../database.js';

/** The names of the service's own settings. */
export type ServiceSettingKey = 'public_url' | 'require_two_factor';

/** A setting's value, or undefined when it was never written. */
export async function readServiceSetting(q: Queryable, key: ServiceSettingKey): Promise<string | undefined> {
  const rows = await q.query<{ value: string }>('select value from service_settings where key = $1', [key]);
  return rows[0]?.value;
}

/** Writes a setting and returns the value it replaced, in one round trip. */
export async function writeServiceSetting(q: Queryable, key: ServiceSettingKey, value: string): Promise<string | undefined> {
  const rows = await q.query<{ previous: string | null }>(
    `with previous as (select value from service_settings where key = $1)
     insert into service_settings (key, value) values ($1, $2)
     on conflict (key) do update set value = excluded.value, updated_at = now()
     returning (select value from previous) as previous`,
    [key, value],
  );
  return rows[0]?.previous ?? undefined;
}
