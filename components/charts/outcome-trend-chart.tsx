"use client";

import { Bar, CartesianGrid, ComposedChart, Line, ReferenceArea, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatCount, formatRate } from "@/lib/dashboard/format";
import { AXIS_TICK, CHART_COLORS, ChartTooltipBox } from "./chart-tooltip";

export interface OutcomeTrendDatum {
  /** First day of the bucket, YYYY-MM-DD. */
  bucket: string;
  /** Axis label, e.g. "Nov 3". */
  label: string;
  /** Tooltip title, e.g. "Week of Nov 3, 2026". */
  title: string;
  deflected: number;
  pending: number;
  bounced: number;
  /** Null where the bucket still has journeys pending confirmation: the rate would be understated. */
  rate: number | null;
}

export type OutcomeStage = "deflected" | "pending" | "bounced";

/** A configuration change (publish, roll-back) marked on the bucket of its day; `title` is its tooltip. */
export interface ChangeMarkerDatum {
  bucket: string;
  title: string;
}

/**
 * Outcomes over time, success and failure on one scale: confirmed deflections (and those still
 * pending) rise above the axis, bounce-backs hang below it, and a rate line runs on the right axis.
 * Clicking a bar segment opens the journeys behind it.
 */
export function OutcomeTrendChart({
  data,
  rateLabel,
  onSelect,
  height = 280,
  markers = [],
}: {
  data: OutcomeTrendDatum[];
  rateLabel: string;
  onSelect?: (bucket: string, stage: OutcomeStage) => void;
  height?: number;
  markers?: ChangeMarkerDatum[];
}) {
  const rows = data.map((d) => ({ ...d, bouncedBelow: -d.bounced }));
  const click = (stage: OutcomeStage) => (item: { payload?: OutcomeTrendDatum }) => {
    if (item.payload) onSelect?.(item.payload.bucket, stage);
  };
  const cursor = onSelect ? { cursor: "pointer" } : undefined;
  const firstPending = data.findIndex((d) => d.pending > 0);
  return (
    <ResponsiveContainer width="100%" height={height}>
      <ComposedChart data={rows} stackOffset="sign" margin={{ top: 8, right: 4, bottom: 0, left: -8 }} accessibilityLayer={false}>
        <CartesianGrid vertical={false} stroke={CHART_COLORS.grid} />
        <XAxis dataKey="label" tick={AXIS_TICK} tickLine={false} axisLine={false} minTickGap={16} />
        <YAxis
          yAxisId="count"
          tick={AXIS_TICK}
          tickLine={false}
          axisLine={false}
          width={48}
          tickFormatter={(value: number) => formatCount(Math.abs(value))}
        />
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
        {firstPending >= 0 ? (
          <ReferenceArea
            yAxisId="count"
            x1={data[firstPending].label}
            x2={data[data.length - 1].label}
            fill="var(--color-info-soft)"
            fillOpacity={0.7}
            label={{ value: "Awaiting confirmation", position: "insideTopRight", fontSize: 10, fill: "var(--color-info)" }}
          />
        ) : null}
        <ReferenceLine yAxisId="count" y={0} stroke={CHART_COLORS.axis} />
        <Tooltip
          cursor={{ fill: "var(--color-subtle)" }}
          content={({ active, payload }) => {
            const datum = active ? (payload?.[0]?.payload as OutcomeTrendDatum | undefined) : undefined;
            if (!datum) return null;
            return (
              <ChartTooltipBox
                title={datum.title}
                rows={[
                  { label: "Confirmed deflections", value: formatCount(datum.deflected), color: CHART_COLORS.deflected },
                  { label: "Pending confirmation", value: formatCount(datum.pending), color: "color-mix(in srgb, var(--color-good) 35%, white)" },
                  { label: "Bounce-backs", value: formatCount(datum.bounced), color: CHART_COLORS.bounced },
                  { label: rateLabel, value: formatRate(datum.rate), color: CHART_COLORS.rate },
                ]}
                hint={
                  datum.pending > 0
                    ? "Some journeys are still inside the attribution window: the rate is shown once they are confirmed."
                    : onSelect
                      ? "Click a bar to list its journeys"
                      : undefined
                }
              />
            );
          }}
        />
        <Bar yAxisId="count" dataKey="deflected" name="Confirmed deflections" stackId="outcome" fill={CHART_COLORS.deflected} maxBarSize={28} onClick={click("deflected")} style={cursor} isAnimationActive={false} />
        <Bar yAxisId="count" dataKey="pending" name="Pending confirmation" stackId="outcome" fill={CHART_COLORS.pending} fillOpacity={0.35} maxBarSize={28} radius={[3, 3, 0, 0]} onClick={click("pending")} style={cursor} isAnimationActive={false} />
        <Bar yAxisId="count" dataKey="bouncedBelow" name="Bounce-backs" stackId="outcome" fill={CHART_COLORS.bounced} maxBarSize={28} radius={[0, 0, 3, 3]} onClick={click("bounced")} style={cursor} isAnimationActive={false} />
        {markers.map((marker) => {
          const datum = data.find((d) => d.bucket === marker.bucket);
          if (!datum) return null;
          return (
            <ReferenceLine
              key={marker.bucket}
              yAxisId="count"
              x={datum.label}
              stroke="var(--color-warn)"
              strokeDasharray="3 3"
              label={(props: { viewBox?: { x?: number; y?: number } }) => (
                <g data-testid="change-marker" data-bucket={marker.bucket} transform={`translate(${props.viewBox?.x ?? 0}, ${props.viewBox?.y ?? 0})`} style={{ cursor: "help" }}>
                  <title>{marker.title}</title>
                  <rect x={-6} y={-2} width={16} height={14} fill="transparent" />
                  <path d="M0 0 V11 M0 0 L8 3 L0 6 Z" stroke="var(--color-warn)" strokeWidth={1.5} fill="var(--color-warn)" />
                </g>
              )}
            />
          );
        })}
        <Line yAxisId="rate" dataKey="rate" name={rateLabel} type="monotone" stroke={CHART_COLORS.rate} strokeWidth={2} dot={false} connectNulls isAnimationActive={false} />
      </ComposedChart>
    </ResponsiveContainer>
  );
}
