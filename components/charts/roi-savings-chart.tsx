"use client";

import { Bar, CartesianGrid, ComposedChart, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatCount, formatMoney, formatMoneyCompact } from "@/lib/dashboard/format";
import { AXIS_TICK, CHART_COLORS, ChartTooltipBox } from "./chart-tooltip";

export interface RoiSavingsDatum {
  month: string;
  label: string;
  title: string;
  savings: number;
  cumulative: number;
  deflected: number;
}

/** Savings month by month as bars, and their running total as a line on its own axis. Click a month for its deflections. */
export function RoiSavingsChart({ data, currency, onSelect, height = 280 }: { data: RoiSavingsDatum[]; currency: string; onSelect?: (month: string) => void; height?: number }) {
  const money = (value: number) => formatMoneyCompact(value, currency);
  return (
    <ResponsiveContainer width="100%" height={height}>
      <ComposedChart data={data} margin={{ top: 8, right: 4, bottom: 0, left: 0 }} accessibilityLayer={false}>
        <CartesianGrid vertical={false} stroke={CHART_COLORS.grid} />
        <XAxis dataKey="label" tick={AXIS_TICK} tickLine={false} axisLine={false} />
        <YAxis yAxisId="month" tick={AXIS_TICK} tickLine={false} axisLine={false} width={56} tickFormatter={money} />
        <YAxis yAxisId="total" orientation="right" tick={AXIS_TICK} tickLine={false} axisLine={false} width={56} tickFormatter={money} />
        <Tooltip
          cursor={{ fill: "var(--color-subtle)" }}
          content={({ active, payload }) => {
            const datum = active ? (payload?.[0]?.payload as RoiSavingsDatum | undefined) : undefined;
            if (!datum) return null;
            return (
              <ChartTooltipBox
                title={datum.title}
                rows={[
                  { label: "Savings", value: formatMoney(datum.savings, currency), color: CHART_COLORS.primary },
                  { label: "Cumulative", value: formatMoney(datum.cumulative, currency), color: CHART_COLORS.tertiary },
                  { label: "Confirmed deflections", value: formatCount(datum.deflected) },
                ]}
                hint={onSelect && datum.deflected > 0 ? "Click to list the month's deflections" : undefined}
              />
            );
          }}
        />
        <Bar
          yAxisId="month"
          dataKey="savings"
          name="Savings"
          fill={CHART_COLORS.primary}
          radius={[3, 3, 0, 0]}
          maxBarSize={44}
          isAnimationActive={false}
          style={onSelect ? { cursor: "pointer" } : undefined}
          onClick={(item: { payload?: RoiSavingsDatum }) => item.payload && onSelect?.(item.payload.month)}
        />
        <Line yAxisId="total" dataKey="cumulative" name="Cumulative savings" type="linear" stroke={CHART_COLORS.tertiary} strokeWidth={2.5} dot={{ r: 3, fill: CHART_COLORS.tertiary }} isAnimationActive={false} />
      </ComposedChart>
    </ResponsiveContainer>
  );
}
