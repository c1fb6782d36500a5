import { Bar, BarChart, CartesianGrid, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

import { formatMoney } from '@/lib/format';

export interface FigureBar {
  name: string;
  /** For the bar's length only; people read `amount`. */
  value: number;
  amount: string;
}

interface BarFigureProps {
  bars: readonly FigureBar[];
  currency: string;
  /** Long names (customers, suppliers) read better as horizontal bars. */
  horizontal?: boolean;
  selected?: number | null;
  onSelect?: (index: number) => void;
  height?: number;
}

const compact = new Intl.NumberFormat(undefined, { notation: 'compact', maximumFractionDigits: 1 });

/**
 * A bar chart of money. The chart is a picture for sighted users (hidden from screen readers);
 * the table next to it carries the same figures for everyone, and the export.
 */
export function BarFigure({ bars, currency, horizontal = false, selected = null, onSelect, height = 240 }: BarFigureProps) {
  const data = bars.map((bar) => ({ ...bar }));
  return (
    <div aria-hidden="true" className="w-full text-slate-700 dark:text-slate-200" style={{ height }}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} layout={horizontal ? 'vertical' : 'horizontal'} margin={{ top: 8, right: 16, bottom: 8, left: horizontal ? 8 : 0 }} accessibilityLayer={false}>
          <CartesianGrid strokeDasharray="3 3" stroke="currentColor" strokeOpacity={0.15} />
          {horizontal ? (
            <>
              <XAxis type="number" tickFormatter={(v: number) => compact.format(v)} stroke="currentColor" fontSize={12} />
              <YAxis type="category" dataKey="name" width={140} stroke="currentColor" fontSize={12} interval={0} />
            </>
          ) : (
            <>
              <XAxis dataKey="name" stroke="currentColor" fontSize={12} interval="preserveStartEnd" />
              <YAxis tickFormatter={(v: number) => compact.format(v)} stroke="currentColor" fontSize={12} width={48} />
            </>
          )}
          <Tooltip formatter={(_value, _name, item) => [formatMoney(String((item.payload as FigureBar).amount), currency), 'Amount']} cursor={{ fillOpacity: 0.08 }} />
          <Bar dataKey="value" radius={3} onClick={onSelect ? (_entry, index) => onSelect(index) : undefined} cursor={onSelect ? 'pointer' : undefined}>
            {data.map((bar, index) => (
              <Cell key={bar.name} className={selected === index ? 'fill-amber-500' : 'fill-brand-600'} />
            ))}
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
