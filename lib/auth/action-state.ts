/** What a server action answers; shared with the client components that show it. */
export type ActionState<T = unknown> =
  | { status: "idle" }
  | { status: "ok"; message?: string; data?: T }
  | { status: "error"; message: string; fieldErrors?: Record<string, string> };

export const IDLE: ActionState<never> = { status: "idle" };
