"use client";

import { Bar, CartesianGrid, ComposedChart, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatCount, formatRate } from "@/lib/dashboard/format";
import { AXIS_TICK, CHART_COLORS, ChartTooltipBox } from "./chart-tooltip";

export interface RoiDeflectionDatum {
  month: string;
  label: string;
  title: string;
  deflected: number;
  agentCalls: number;
  rate: number | null;
}

/** Confirmed deflections per month as bars and the deflection rate as a line on the right axis. Click a month for its deflections. */
export function RoiDeflectionChart({ data, onSelect, height = 260 }: { data: RoiDeflectionDatum[]; onSelect?: (month: string) => void; height?: number }) {
  return (
    <ResponsiveContainer width="100%" height={height}>
      <ComposedChart data={data} margin={{ top: 8, right: 4, bottom: 0, left: -4 }} accessibilityLayer={false}>
        <CartesianGrid vertical={false} stroke={CHART_COLORS.grid} />
        <XAxis dataKey="label" tick={AXIS_TICK} tickLine={false} axisLine={false} />
        <YAxis yAxisId="count" tick={AXIS_TICK} tickLine={false} axisLine={false} width={48} tickFormatter={(value: number) => formatCount(value)} />
        <YAxis
          yAxisId="rate"
          orientation="right"
          tick={AXIS_TICK}
          tickLine={false}
          axisLine={false}
          width={40}
          domain={[0, (max: number) => Math.min(1, Math.max(0.05, Math.ceil(max * 20) / 20))]}
          tickFormatter={(value: number) => `${Math.round(value * 100)}%`}
        />
        <Tooltip
          cursor={{ fill: "var(--color-subtle)" }}
          content={({ active, payload }) => {
            const datum = active ? (payload?.[0]?.payload as RoiDeflectionDatum | undefined) : undefined;
            if (!datum) return null;
            return (
              <ChartTooltipBox
                title={datum.title}
                rows={[
                  { label: "Confirmed deflections", value: formatCount(datum.deflected), color: CHART_COLORS.secondary },
                  { label: "Agent calls", value: formatCount(datum.agentCalls) },
                  { label: "Deflection rate", value: formatRate(datum.rate), color: CHART_COLORS.rate },
                ]}
                hint={onSelect && datum.deflected > 0 ? "Click to list the month's deflections" : undefined}
              />
            );
          }}
        />
        <Bar
          yAxisId="count"
          dataKey="deflected"
          name="Confirmed deflections"
          fill={CHART_COLORS.secondary}
          radius={[3, 3, 0, 0]}
          maxBarSize={44}
          isAnimationActive={false}
          style={onSelect ? { cursor: "pointer" } : undefined}
          onClick={(item: { payload?: RoiDeflectionDatum }) => item.payload && onSelect?.(item.payload.month)}
        />
        <Line yAxisId="rate" dataKey="rate" name="Deflection rate" type="linear" stroke={CHART_COLORS.rate} strokeWidth={2.5} dot={{ r: 3, fill: CHART_COLORS.rate }} connectNulls isAnimationActive={false} />
      </ComposedChart>
    </ResponsiveContainer>
  );
}
