import { initial } from './0001-initial.js';
import { dashboard } from './0002-dashboard.js';
import { webhooks } from './0003-webhooks.js';
import { accounts } from './0004-accounts.js';
import { publicUrl } from './0006-public-url.js';
import { team } from './0007-team.js';
import { workflow } from './0008-workflow.js';
import { requestSearch } from './0009-request-search.js';
import { votesProject } from './0010-votes-project.js';
import { voteMergeGuard } from './0011-vote-merge-guard.js';
import { identifyExisting } from './0012-identify-existing.js';
import { identifyUser } from './0013-identify-user.js';

/** The schema's migrations, applied in order; never edit one that has shipped, add the next. */
export const migrations: readonly { version: number; name: string; sql: string }[] = [
  { version: 1, name: 'initial', sql: initial },
  { version: 2, name: 'dashboard', sql: dashboard },
  { version: 3, name: 'webhooks', sql: webhooks },
  { version: 4, name: 'accounts', sql: accounts },
  { version: 6, name: 'public-url', sql: publicUrl },
  { version: 7, name: 'team', sql: team },
  { version: 8, name: 'workflow', sql: workflow },
  { version: 9, name: 'request-search', sql: requestSearch },
  { version: 10, name: 'votes-project', sql: votesProject },
  { version: 11, name: 'vote-merge-guard', sql: voteMergeGuard },
  { version: 12, name: 'identify-existing', sql: identifyExisting },
  { version: 13, name: 'identify-user', sql: identifyUser },
];
