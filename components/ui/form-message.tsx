import { CircleAlert, CircleCheck } from "lucide-react";
import type { ActionState } from "@/lib/auth/action-state";

/** The outcome of a form, announced to screen readers. */
export function FormMessage({ state }: { state: ActionState<unknown> }) {
  if (state.status === "idle") return <p role="status" className="sr-only" />;
  const ok = state.status === "ok";
  return (
    <p
      role="status"
      className={`flex items-start gap-2 rounded-md px-3 py-2 text-sm ${ok ? "bg-good-soft text-good" : "bg-bad-soft text-bad"}`}
    >
      {ok ? <CircleCheck className="mt-0.5 size-4 shrink-0" aria-hidden /> : <CircleAlert className="mt-0.5 size-4 shrink-0" aria-hidden />}
      {state.message}
    </p>
  );
}

export function fieldError(state: ActionState<unknown>, name: string): string | undefined {
  return state.status === "error" ? state.fieldErrors?.[name] : undefined;
}
