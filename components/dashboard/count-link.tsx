import Link from "next/link";
import { formatCount } from "@/lib/dashboard/format";
import { cn } from "@/lib/ui/cn";

/**
 * A count that opens the journeys behind it. The link's name says what it lists; zero is plain
 * text (there is nothing behind it).
 */
export function CountLink({ count, href, what, className }: { count: number; href?: string; what: string; className?: string }) {
  const text = formatCount(count);
  if (count === 0) return <span className="tabular-nums text-muted">{text}</span>;
  if (!href) return <span className={cn("tabular-nums", className)}>{text}</span>;
  return (
    <Link
      href={href}
      aria-label={`${text} ${what}: list the journeys`}
      className={cn("rounded font-medium tabular-nums text-brand underline decoration-brand/30 underline-offset-2 hover:decoration-brand", className)}
    >
      {text}
    </Link>
  );
}
