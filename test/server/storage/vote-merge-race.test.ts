import { afterEach, describe, expect, it } from 'vitest';
import type { Database } from '../../../server/src/storage/database.js';
import type { Voter } from '../../../server/src/storage/requests/request-queries.js';
import { castVoteStatement } from '../../../server/src/storage/votes/vote-statements.js';
import { openTestDatabase } from '../../helpers/test-database.js';
import { waitUntilBlockedBy } from '../../helpers/wait-until-blocked.js';

// Only PostgreSQL runs two transactions at once; on the embedded store a vote and a merge
// take turns, so the vote always reads the request as it is.
describe.skipIf(!process.env.TEST_DATABASE_URL)('a vote racing a merge on PostgreSQL', () => {
  let db: Database;
  afterEach(() => db.close());

  const noEvent = () => ({ ctes: '', column: 'null as event' });

  /**
   * Holds the rows a merge locks while `vote` runs, until the vote waits for them; then
   * merges `src` into `dst` and commits. Answers what the vote answered.
   */
  async function voteWhileMerging(voter: Voter) {
    let locked!: (pid: number) => void;
    const lockTaken = new Promise<number>((resolve) => (locked = resolve));
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const merging = db.transaction(async (tx) => {
      await tx.query("select id from requests where id = any($1::text[]) order by id for update", [['dst', 'src']]);
      const [{ pid }] = (await tx.query<{ pid: number }>('select pg_backend_pid() as pid')) as [{ pid: number }];
      locked(pid);
      await released;
      await tx.query("update requests set status = 'merged', merged_into = 'dst' where id = 'src'");
    });
    const mergePid = await lockTaken;
    const voting = castVoteStatement(db, { projectId: 'p1', requestId: 'src', voter }, noEvent);
    // The vote has read the request as open and inserted its vote; it now waits for the row.
    await waitUntilBlockedBy(db, mergePid, 'the vote');
    release();
    await merging;
    return voting;
  }

  const state = async () => ({
    votes: await db.query('select request_id, user_id, anonymous_id from votes order by request_id'),
    requests: await db.query('select id, status, vote_count, account_count, monthly_revenue::int as revenue from requests order by id'),
    accounts: await db.query('select request_id, account_id, voters from request_accounts order by request_id'),
  });

  it.each([
    ['an anonymous voter', { anonymousId: 'anon_1' }],
    ['an identified voter', { userId: 'u1' }],
  ] as [string, Voter][])('never leaves a vote of %s on the merged request: retried, it finds the request merged', async (_label, voter) => {
    db = await openTestDatabase('postgres');
    await db.query("insert into projects (id, name) values ('p1', 'P')");
    await db.query("insert into accounts (id, project_id, kind, external_id, monthly_amount) values ('a1', 'p1', 'user', 'ada', 4900)");
    await db.query("insert into users (id, project_id, external_id, account_id) values ('u1', 'p1', 'ada', 'a1')");
    await db.query("insert into requests (id, project_id, title) values ('src', 'p1', 'Dark mode'), ('dst', 'p1', 'Dark theme')");

    const result = await voteWhileMerging(voter);

    expect(result.request).toEqual({ status: 'merged', mergedInto: 'dst', votes: 0 });
    expect(result.votes).toBeUndefined();
    expect(await state()).toEqual({
      votes: [],
      requests: [
        { id: 'dst', status: 'open', vote_count: 0, account_count: 0, revenue: 0 },
        { id: 'src', status: 'merged', vote_count: 0, account_count: 0, revenue: 0 },
      ],
      accounts: [],
    });
  });
});
