import { Card } from "./card";

/** A page whose data view is not built yet: says plainly what it will show. */
export function PlannedPanel({ children }: { children: React.ReactNode }) {
  return (
    <Card className="p-8">
      <div className="max-w-2xl text-sm leading-relaxed text-muted">{children}</div>
    </Card>
  );
}
