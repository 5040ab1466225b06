import type { AdminRequest } from '../types.js';
import { formatMonthly } from '../format.js';

const ROW = 30;
const LABEL = 260;
const VALUE = 110;
const WIDTH = 900;

/** Cuts a title to fit its column; the full title is in the bar's tooltip. */
const shorten = (text: string, max = 38) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/**
 * Monthly revenue per request as horizontal bars, longest first: the backlog's shape at a
 * glance. SVG with attributes only, so it needs no inline styles; titles are text nodes.
 */
export function RevenueChart(props: { requests: AdminRequest[]; limit?: number }) {
  const shown = [...props.requests].sort((a, b) => b.monthlyRevenue - a.monthlyRevenue).slice(0, props.limit ?? 10);
  const max = Math.max(1, ...shown.map((request) => request.monthlyRevenue));
  const barSpace = WIDTH - LABEL - VALUE;
  if (shown.length === 0) return null;
  return (
    <svg
      class="chart"
      viewBox={`0 0 ${WIDTH} ${shown.length * ROW}`}
      role="img"
      aria-label={`Monthly revenue of the top ${shown.length} requests`}
      data-testid="revenue-chart"
    >
      {shown.map((request, index) => {
        const y = index * ROW;
        const width = Math.max(request.monthlyRevenue > 0 ? 3 : 0, Math.round((request.monthlyRevenue / max) * barSpace));
        return (
          <g data-request-id={request.id}>
            <title>{`${request.title}: ${formatMonthly(request.monthlyRevenue)} from ${request.votes} votes`}</title>
            <text x={0} y={y + 19}>
              {shorten(request.title)}
            </text>
            <rect class="bar-bg" x={LABEL} y={y + 6} width={barSpace} height={ROW - 12} rx={4} />
            <rect class="bar" x={LABEL} y={y + 6} width={width} height={ROW - 12} rx={4} data-revenue={request.monthlyRevenue} />
            <text class="value" x={WIDTH} y={y + 19} text-anchor="end">
              {formatMonthly(request.monthlyRevenue)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
