"use client";

import { useQuery } from "@tanstack/react-query";
import { RotateCcw } from "lucide-react";
import { useRouter } from "next/navigation";
import { DateRangePicker } from "@/components/ui/date-range-picker";
import { Select } from "@/components/ui/select";
import { CHANNELS, type Channel, INTERVENTION_POINTS, INTERVENTION_POINT_NAMES, type InterventionPoint } from "@/lib/domain";
import { formatDayRange } from "@/lib/dashboard/format";
import { useJourneyFilters } from "@/lib/dashboard/hooks";
import { MAX_PERIOD_DAYS, periodPresets } from "@/lib/dashboard/period";
import { callTypesOptions } from "@/lib/dashboard/queries";
import { useDashboard } from "./dashboard-provider";

export const CHANNEL_NAMES: Record<Channel, string> = { web: "Web", sms: "SMS", whatsapp: "WhatsApp", voice: "Voice" };

const ALL = "";

/**
 * The filters of the overview and funnel pages, written to the URL: period (with presets),
 * intervention point, call type and channel. On a point's own page the point is the path, and
 * choosing another point opens that point's page with the same filters.
 */
export function FilterBar({
  point,
  pointMode = "filter",
  className,
}: {
  /** The point of a point's own page. */
  point?: InterventionPoint;
  /** "filter" narrows this page; "navigate" opens the chosen point's funnel page with the same filters. */
  pointMode?: "filter" | "navigate";
  className?: string;
}) {
  const { today } = useDashboard();
  const router = useRouter();
  const { url, setUrl, filters } = useJourneyFilters(point);
  const active = Boolean(url.from || url.to || url.callType || url.channel || (pointMode === "filter" && url.point));

  const choosePoint = (value: string) => {
    if (pointMode === "navigate") {
      const search = new URLSearchParams(window.location.search);
      search.delete("point");
      const query = search.toString();
      router.push(value ? `/funnels/${value}${query ? `?${query}` : ""}` : `/funnels${query ? `?${query}` : ""}`);
      return;
    }
    void setUrl({ point: (value || null) as InterventionPoint | null });
  };

  return (
    <div
      role="search"
      aria-label="Filters"
      className={`grid grid-cols-2 items-end gap-3 rounded-lg border border-line bg-surface p-3 shadow-[0_1px_2px_rgba(16,24,40,0.04)] md:flex md:flex-wrap ${className ?? ""}`}
    >
      <div className="col-span-2 md:w-80">
        <DateRangePicker
          value={{ from: filters.from, to: filters.to }}
          presets={periodPresets(today)}
          onChange={(range) => void setUrl({ from: range.from, to: range.to })}
          max={today}
          maxDays={MAX_PERIOD_DAYS}
          describe={(range) => formatDayRange(range.from, range.to)}
        />
      </div>
      <PointSelect
        value={point ?? (pointMode === "filter" ? url.point : null)}
        onChange={(value) => choosePoint(value ?? ALL)}
        allLabel={pointMode === "navigate" ? "All five, side by side" : "All points"}
      />
      <CallTypeSelect value={url.callType} onChange={(value) => void setUrl({ callType: value })} />
      <ChannelSelect value={url.channel} onChange={(value) => void setUrl({ channel: value })} />
      {active ? (
        <button
          type="button"
          onClick={() => void setUrl({ from: null, to: null, point: null, callType: null, channel: null, interval: null })}
          className="col-span-2 inline-flex h-9 items-center justify-center gap-1.5 rounded-md px-3 text-sm font-medium text-muted hover:bg-subtle hover:text-ink md:col-span-1"
        >
          <RotateCcw className="size-3.5" aria-hidden />
          Reset filters
        </button>
      ) : null}
    </div>
  );
}

/** The intervention point filter (also on the parity and ROI pages, where it narrows journeys). */
export function PointSelect({
  value,
  onChange,
  allLabel = "All points",
  className = "col-span-2 sm:col-span-1 md:w-56",
}: {
  value: InterventionPoint | null | undefined;
  onChange: (value: InterventionPoint | null) => void;
  allLabel?: string;
  className?: string;
}) {
  return (
    <Select
      label="Intervention point"
      className={className}
      value={value ?? ALL}
      onChange={(event) => onChange((event.target.value || null) as InterventionPoint | null)}
      options={[{ value: ALL, label: allLabel }, ...INTERVENTION_POINTS.map((point) => ({ value: point, label: INTERVENTION_POINT_NAMES[point] }))]}
    />
  );
}

/** The call type filter; a slug from a link that is not (or no longer) configured stays selectable. */
export function CallTypeSelect({
  value,
  onChange,
  className = "md:w-56",
}: {
  value: string | null | undefined;
  onChange: (value: string | null) => void;
  className?: string;
}) {
  const callTypes = useQuery(callTypesOptions()).data ?? [];
  return (
    <Select
      label="Call type"
      className={className}
      value={value ?? ALL}
      onChange={(event) => onChange(event.target.value || null)}
      options={[
        { value: ALL, label: "All call types" },
        ...(value && !callTypes.some((c) => c.slug === value) ? [{ value, label: value }] : []),
        ...callTypes.map((callType) => ({ value: callType.slug, label: callType.name })),
      ]}
    />
  );
}

/** The channel filter. */
export function ChannelSelect({
  value,
  onChange,
  className = "md:w-36",
}: {
  value: Channel | null | undefined;
  onChange: (value: Channel | null) => void;
  className?: string;
}) {
  return (
    <Select
      label="Channel"
      className={className}
      value={value ?? ALL}
      onChange={(event) => onChange((event.target.value || null) as Channel | null)}
      options={[{ value: ALL, label: "All channels" }, ...CHANNELS.map((channel) => ({ value: channel, label: CHANNEL_NAMES[channel] }))]}
    />
  );
}
