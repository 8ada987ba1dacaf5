import type { ChartData } from './chartData';

/** Source colours; they repeat past eight sources. */
const COLORS = ['#2563eb', '#16a34a', '#d97706', '#9333ea', '#dc2626', '#0891b2', '#db2777', '#65a30d'];

const WIDTH = 720;
const HEIGHT = 200;
const PAD = { top: 12, right: 8, bottom: 22, left: 34 };
const PLOT_W = WIDTH - PAD.left - PAD.right;
const PLOT_H = HEIGHT - PAD.top - PAD.bottom;
/** A time under every so many bars. */
const TICK_EVERY = 15;

const timeOf = (minute: number) => new Date(minute).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });

interface Props {
  data: ChartData;
  /** A source in words ("Head office AD", "Admin changes"). */
  labelOf: (source: string) => string;
}

/** Changes per minute as stacked bars, one colour per source; the legend and the label give the totals. */
export function ChangesChart({ data, labelOf }: Props) {
  const { minutes, sources, count, totals, peak } = data;
  const total = sources.reduce((sum, s) => sum + (totals.get(s) ?? 0), 0);
  const summary =
    total === 0
      ? `No changes in the last ${minutes.length} minutes.`
      : `${total} ${total === 1 ? 'change' : 'changes'} in the last ${minutes.length} minutes: ${sources.map((s) => `${labelOf(s)} ${totals.get(s)}`).join(', ')}.`;
  const scale = peak > 0 ? PLOT_H / peak : 0;
  const barW = PLOT_W / minutes.length;
  // Colours follow the sources' names, not their rank, so a source keeps its colour when the ranking changes.
  const byName = [...sources].sort();
  const color = (source: string) => COLORS[byName.indexOf(source) % COLORS.length];

  return (
    <figure className="changes-chart" data-testid="changes-chart">
      <svg className="chart-plot" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={`Changes per minute by source. ${summary}`} data-testid="changes-chart-svg">
        <line className="chart-axis" x1={PAD.left} x2={WIDTH - PAD.right} y1={PAD.top + PLOT_H} y2={PAD.top + PLOT_H} />
        <text className="chart-label" x={PAD.left - 6} y={PAD.top + 4} textAnchor="end">
          {peak}
        </text>
        <text className="chart-label" x={PAD.left - 6} y={PAD.top + PLOT_H} textAnchor="end">
          0
        </text>
        {minutes.map((minute, i) => {
          let top = PAD.top + PLOT_H;
          const x = PAD.left + i * barW;
          return (
            <g key={minute} data-minute={new Date(minute).toISOString()}>
              {sources.map((source) => {
                const n = count(minute, source);
                if (n === 0) return null;
                const h = n * scale;
                top -= h;
                return (
                  <rect key={source} x={x + 1} y={top} width={Math.max(1, barW - 2)} height={h} fill={color(source)} data-source={source} data-count={n}>
                    <title>{`${timeOf(minute)} · ${labelOf(source)}: ${n}`}</title>
                  </rect>
                );
              })}
              {(minutes.length - 1 - i) % TICK_EVERY === 0 && (
                <text className="chart-label" x={i === minutes.length - 1 ? x + barW : x + barW / 2} y={HEIGHT - 6} textAnchor={i === minutes.length - 1 ? 'end' : 'middle'}>
                  {timeOf(minute)}
                </text>
              )}
            </g>
          );
        })}
      </svg>
      <figcaption>
        {sources.length === 0 ? (
          <p className="muted small" data-testid="changes-chart-empty">
            {summary}
          </p>
        ) : (
          <ul className="chart-legend" aria-label="Sources, with their changes in the window">
            {sources.map((source) => (
              <li key={source} data-testid="chart-legend-item" data-source={source}>
                <svg width="12" height="12" aria-hidden="true" focusable="false">
                  <rect width="12" height="12" rx="2" fill={color(source)} />
                </svg>
                <span>{labelOf(source)}</span>
                <span className="muted">{totals.get(source)}</span>
              </li>
            ))}
          </ul>
        )}
      </figcaption>
    </figure>
  );
}
