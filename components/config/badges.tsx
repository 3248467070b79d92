import { CircleAlert, Eye, TriangleAlert } from "lucide-react";
import { cn } from "@/lib/ui/cn";

const TONES = {
  good: "bg-good-soft text-good",
  warn: "bg-warn-soft text-warn",
  bad: "bg-bad-soft text-bad",
  info: "bg-info-soft text-info",
  neutral: "bg-subtle text-ink-2",
} as const;

export type Tone = keyof typeof TONES;

export function Badge({ tone = "neutral", children, className }: { tone?: Tone; children: React.ReactNode; className?: string }) {
  return <span className={cn("inline-flex items-center gap-1 whitespace-nowrap rounded px-1.5 py-0.5 text-xs font-medium", TONES[tone], className)}>{children}</span>;
}

/**
 * Where an item stands: live as saved, live with newer unpublished changes (or rolled back to an
 * older version), or never published. `enabled: false` adds "Disabled".
 */
export function StatusBadges({ version, publishedVersion, enabled }: { version: number; publishedVersion: number | null; enabled?: boolean }) {
  return (
    <span className="inline-flex flex-wrap items-center gap-1">
      {publishedVersion === null ? (
        <Badge tone="warn">Draft · not live</Badge>
      ) : publishedVersion === version ? (
        <Badge tone="good">Live · v{publishedVersion}</Badge>
      ) : (
        <>
          <Badge tone="good">Live · v{publishedVersion}</Badge>
          <Badge tone="warn">Draft · v{version} not live</Badge>
        </>
      )}
      {enabled === false ? <Badge tone="neutral">Disabled</Badge> : null}
    </span>
  );
}

export function Notice({ tone, title, children, actions, className }: { tone: "warn" | "bad" | "info"; title?: string; children?: React.ReactNode; actions?: React.ReactNode; className?: string }) {
  const Icon = tone === "bad" ? CircleAlert : tone === "warn" ? TriangleAlert : Eye;
  const colors = { warn: "border-warn/30 bg-warn-soft text-warn", bad: "border-bad/30 bg-bad-soft text-bad", info: "border-info/20 bg-info-soft text-info" }[tone];
  return (
    <div className={cn("flex flex-wrap items-start gap-x-3 gap-y-2 rounded-md border px-3.5 py-3 text-sm", colors, className)}>
      <Icon className="mt-0.5 size-4 shrink-0" aria-hidden />
      <div className="min-w-0 flex-1 space-y-1">
        {title ? <p className="font-medium">{title}</p> : null}
        {children ? <div className="text-ink-2">{children}</div> : null}
      </div>
      {actions ? <div className="flex shrink-0 items-center gap-2">{actions}</div> : null}
    </div>
  );
}

export function ReadOnlyNotice() {
  return (
    <Notice tone="info" title="Read-only" className="mb-6">
      Your role can review configuration and its history. Supervisors and administrators can change it.
    </Notice>
  );
}
