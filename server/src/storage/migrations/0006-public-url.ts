/**
 * The service's own settings, such as the PUBLIC_URL it last started with (so CLI commands
 * print the audience the running service checks), and, for a refused identify, which
 * audience was expected and which one the token carried.
 */
export const publicUrl = `
create table service_settings (
  key text primary key,
  value text not null,
  updated_at timestamptz not null default now()
);

alter table identify_failures add column expected_audience text;
alter table identify_failures add column received_audience text;
`;
