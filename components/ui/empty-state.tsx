import { Inbox } from "lucide-react";
import { cn } from "@/lib/ui/cn";

/** Says plainly that there is nothing to show, and why, with an optional way forward. */
export function EmptyState({
  title,
  children,
  action,
  className,
  icon: Icon = Inbox,
}: {
  title: string;
  children?: React.ReactNode;
  action?: React.ReactNode;
  className?: string;
  icon?: React.ComponentType<{ className?: string; "aria-hidden"?: boolean }>;
}) {
  return (
    <div className={cn("flex flex-col items-center justify-center px-6 py-12 text-center", className)}>
      <span className="grid size-10 place-items-center rounded-full bg-subtle">
        <Icon className="size-5 text-faint" aria-hidden />
      </span>
      <p className="mt-3 text-sm font-semibold text-ink">{title}</p>
      {children ? <div className="mt-1 max-w-md text-sm text-muted">{children}</div> : null}
      {action ? <div className="mt-4">{action}</div> : null}
    </div>
  );
}
