"use client";

import { Bar, BarChart, CartesianGrid, Cell, LabelList, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatCount, formatMoney, formatMoneyCompact, formatRate } from "@/lib/dashboard/format";
import type { ParityStatus } from "@/lib/metrics/types";
import { AXIS_TICK, CHART_COLORS, ChartTooltipBox } from "./chart-tooltip";

export interface ParityGapDatum {
  callType: string;
  name: string;
  opportunity: number;
  status: ParityStatus;
  phoneCalls: number;
  engaged: number;
  resolutionRate: number | null;
}

export const PARITY_STATUS_COLORS: Record<ParityStatus, string> = {
  uncovered: "var(--color-bad)",
  below_target: "var(--color-warn)",
  at_parity: "var(--color-good)",
};

const STATUS_NAMES: Record<ParityStatus, string> = { uncovered: "Uncovered", below_target: "Below target", at_parity: "At parity" };

/**
 * The largest knowledge-parity gaps, as what closing each would save: one bar per call type,
 * longest first, coloured by status (uncovered red, below target amber). Clicking a bar opens the
 * bot conversations of that call type.
 */
export function ParityGapChart({
  data,
  currency,
  target,
  onSelect,
  compact = false,
}: {
  data: ParityGapDatum[];
  currency: string;
  target: number;
  onSelect?: (callType: string) => void;
  /** Narrow screens: shorter call type names. */
  compact?: boolean;
}) {
  const labelWidth = compact ? 112 : 210;
  const labelChars = compact ? 17 : 32;
  const height = Math.max(160, data.length * 30 + 32);
  return (
    <ResponsiveContainer width="100%" height={height}>
      <BarChart data={data} layout="vertical" margin={{ top: 4, right: 56, bottom: 4, left: 0 }} accessibilityLayer={false}>
        <CartesianGrid horizontal={false} stroke={CHART_COLORS.grid} />
        <XAxis type="number" tick={AXIS_TICK} tickLine={false} axisLine={false} tickFormatter={(value: number) => formatMoneyCompact(value, currency)} />
        <YAxis
          type="category"
          dataKey="name"
          tickLine={false}
          axisLine={false}
          width={labelWidth}
          interval={0}
          tick={({ x, y, payload }: { x: number | string; y: number | string; payload: { value: string } }) => (
            // One line per call type, cut with an ellipsis (recharts would wrap it over two).
            <text x={Number(x) - 4} y={Number(y)} dy={4} textAnchor="end" fontSize={AXIS_TICK.fontSize} fill={AXIS_TICK.fill}>
              <title>{payload.value}</title>
              {payload.value.length > labelChars ? `${payload.value.slice(0, labelChars - 1)}…` : payload.value}
            </text>
          )}
        />
        <Tooltip
          cursor={{ fill: "var(--color-subtle)" }}
          content={({ active, payload }) => {
            const datum = active ? (payload?.[0]?.payload as ParityGapDatum | undefined) : undefined;
            if (!datum) return null;
            return (
              <ChartTooltipBox
                title={datum.name}
                rows={[
                  { label: "Opportunity", value: formatMoney(datum.opportunity, currency), color: PARITY_STATUS_COLORS[datum.status] },
                  { label: "Status", value: STATUS_NAMES[datum.status] },
                  { label: "Phone calls", value: formatCount(datum.phoneCalls) },
                  { label: "Bot conversations", value: formatCount(datum.engaged) },
                  { label: "Resolution rate", value: `${formatRate(datum.resolutionRate)} (target ${formatRate(target)})` },
                ]}
                hint={datum.engaged > 0 && onSelect ? "Click to list its bot conversations" : datum.engaged === 0 ? "The bot never had this conversation." : undefined}
              />
            );
          }}
        />
        <Bar
          dataKey="opportunity"
          maxBarSize={20}
          radius={[0, 3, 3, 0]}
          isAnimationActive={false}
          style={onSelect ? { cursor: "pointer" } : undefined}
          onClick={(item: { payload?: ParityGapDatum }) => {
            if (item.payload && item.payload.engaged > 0) onSelect?.(item.payload.callType);
          }}
        >
          {data.map((datum) => (
            <Cell key={datum.callType} fill={PARITY_STATUS_COLORS[datum.status]} />
          ))}
          <LabelList dataKey="opportunity" position="right" formatter={(value) => formatMoneyCompact(Number(value), currency)} style={{ fontSize: 11, fill: "var(--color-ink-2)" }} />
        </Bar>
      </BarChart>
    </ResponsiveContainer>
  );
}
