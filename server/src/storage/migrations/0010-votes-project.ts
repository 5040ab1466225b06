/**
 * `votes.project_id` is a copy of its request's project, there for the indexes that find a
 * project's votes (anonymous ids to merge, the trending sort). Its foreign key guarded
 * nothing the request's does not: every path writes it from the request row, and deleting a
 * project deletes its requests and, with them, their votes. Yet on every vote the key's
 * check locked the project's row (KEY SHARE), the one row every vote in the project shares,
 * and on the embedded store that lock is a page write and a WAL record: about 75 µs of a
 * vote's 800 µs statement there (issue 14).
 */
export const votesProject = `
alter table votes drop constraint if exists votes_project_id_fkey;
`;
