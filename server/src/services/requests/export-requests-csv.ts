import { stringify } from 'csv-stringify/sync';
import type { ServiceDeps } from '../service-deps.js';
import { listAdminRequests, type AdminListOptions } from './list-admin-requests.js';

const PAGE = 200;
/** The export's ceiling, so one call cannot hold the whole of a runaway backlog in memory. */
export const MAX_CSV_ROWS = 100_000;

/**
 * The backlog as CSV (id, title, status, votes, accounts, monthlyRevenue, createdAt) in the
 * list's order and filter. Cells that a spreadsheet would run as a formula are escaped.
 */
export async function exportRequestsCsv(deps: Pick<ServiceDeps, 'db'>, projectId: string, options: Omit<AdminListOptions, 'limit' | 'offset'>): Promise<string> {
  const rows: (string | number)[][] = [];
  for (let offset: number | null = 0; offset !== null && rows.length < MAX_CSV_ROWS; ) {
    const page = await listAdminRequests(deps, projectId, { ...options, limit: PAGE, offset });
    for (const request of page.requests) {
      rows.push([request.id, request.title, request.status, request.votes, request.accounts, request.monthlyRevenue, request.createdAt]);
    }
    offset = page.nextOffset;
  }
  return stringify(rows, { header: true, columns: ['id', 'title', 'status', 'votes', 'accounts', 'monthlyRevenue', 'createdAt'], escape_formulas: true });
}
