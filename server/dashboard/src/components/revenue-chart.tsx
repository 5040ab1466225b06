import type { AdminRequest } from '../types.js';
import { formatMonthly } from '../format.js';
import { useMediaQuery } from '../use-media-query.js';

/** Wide: label, bar and value side by side. Narrow (a phone): the label and value above the bar, so text stays ~12 px. */
const LAYOUTS = {
  wide: { width: 900, row: 30, label: 260, value: 110, chars: 38 },
  narrow: { width: 360, row: 42, label: 0, value: 0, chars: 30 },
};

/** Cuts a title to fit its column; the full title is in the bar's tooltip. */
const shorten = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/**
 * Monthly revenue per request as horizontal bars, longest first: the backlog's shape at a
 * glance. SVG with attributes only, so it needs no inline styles; titles are text nodes.
 */
export function RevenueChart(props: { requests: AdminRequest[]; currency: string; limit?: number }) {
  const narrow = useMediaQuery('(max-width: 640px)');
  const layout = narrow ? LAYOUTS.narrow : LAYOUTS.wide;
  const shown = [...props.requests].sort((a, b) => b.monthlyRevenue - a.monthlyRevenue).slice(0, props.limit ?? 10);
  const max = Math.max(1, ...shown.map((request) => request.monthlyRevenue));
  const barSpace = layout.width - layout.label - layout.value;
  if (shown.length === 0) return null;
  return (
    <svg
      class="chart"
      viewBox={`0 0 ${layout.width} ${shown.length * layout.row}`}
      role="img"
      aria-label={`Monthly revenue of the top ${shown.length} requests`}
      data-testid="revenue-chart"
    >
      {shown.map((request, index) => {
        const y = index * layout.row;
        const width = Math.max(request.monthlyRevenue > 0 ? 3 : 0, Math.round((request.monthlyRevenue / max) * barSpace));
        const barY = narrow ? y + 21 : y + 6;
        const barHeight = narrow ? 12 : layout.row - 12;
        return (
          <g data-request-id={request.id}>
            <title>{`${request.title}: ${formatMonthly(request.monthlyRevenue, props.currency)} from ${request.votes} votes`}</title>
            <text x={0} y={narrow ? y + 14 : y + 19}>
              {shorten(request.title, layout.chars)}
            </text>
            <rect class="bar-bg" x={layout.label} y={barY} width={barSpace} height={barHeight} rx={4} />
            <rect class="bar" x={layout.label} y={barY} width={width} height={barHeight} rx={4} data-revenue={request.monthlyRevenue} />
            <text class="value" x={layout.width} y={narrow ? y + 14 : y + 19} text-anchor="end">
              {formatMonthly(request.monthlyRevenue, props.currency)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
