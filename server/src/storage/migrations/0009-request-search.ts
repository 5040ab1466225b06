/**
 * Search moves out of `requests` into `request_search` (issue 14): a vote, an unvote or an
 * account's new revenue updates a request's totals, and while the tsvector, its GIN index
 * and the titles' trigram index lived on `requests`, every such update recomputed the
 * tsvector and wrote a new entry into both search indexes (the totals are indexed, so the
 * update is never HOT). Now a trigger keeps `request_search` in step with a request's title
 * and body, and only a new request or an edited title or body touches the search indexes.
 * The function keeps the search_path it was created with, so a session with another one
 * (psql, a restore) still writes this store's table.
 */
export const requestSearch = `
create table request_search (
  request_id text primary key references requests(id) on delete cascade,
  project_id text not null,
  title text not null,
  search_vector tsvector not null
);
create index request_search_vector on request_search using gin (search_vector);

create function reqio_index_request() returns trigger language plpgsql set search_path from current as $$
begin
  insert into request_search (request_id, project_id, title, search_vector)
  values (new.id, new.project_id, new.title, setweight(to_tsvector('english', new.title), 'A') || setweight(to_tsvector('english', new.body), 'B'))
  on conflict (request_id) do update set title = excluded.title, search_vector = excluded.search_vector;
  return null;
end
$$;
create trigger requests_search after insert or update of title, body on requests for each row execute function reqio_index_request();

insert into request_search (request_id, project_id, title, search_vector) select id, project_id, title, search_vector from requests;
drop index if exists requests_title_trigram_gist;
alter table requests drop column search_vector;
`;
