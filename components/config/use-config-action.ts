"use client";

import { useState, useTransition } from "react";
import { type ActionState, IDLE } from "@/lib/auth/action-state";

/** Runs one server action at a time, keeping its answer; a failed request becomes an error state, never a crash. */
export function useConfigAction<T = unknown>() {
  const [state, setState] = useState<ActionState<T>>(IDLE);
  const [pending, startTransition] = useTransition();
  function run(action: () => Promise<ActionState<T>>, onOk?: (state: Extract<ActionState<T>, { status: "ok" }>) => void) {
    startTransition(async () => {
      let result: ActionState<T>;
      try {
        result = await action();
      } catch {
        result = { status: "error", message: "The server could not be reached. Nothing was changed; try again." };
      }
      setState(result);
      if (result.status === "ok") onOk?.(result);
    });
  }
  return { state, pending, run, reset: () => setState(IDLE) };
}

export function fieldErrorsOf(state: ActionState<unknown>): Record<string, string> {
  return state.status === "error" ? (state.fieldErrors ?? {}) : {};
}
