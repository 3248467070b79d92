import { NextResponse } from "next/server";
import type { z } from "zod";

export interface ErrorDetail {
  index?: number;
  path: string;
  message: string;
}

/** An error with the shape of DESIGN.md: `{ error: { code, message, details? } }`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: ErrorDetail[],
  ) {
    super(message);
  }

  toResponse(): NextResponse {
    return NextResponse.json(
      { error: { code: this.code, message: this.message, ...(this.details ? { details: this.details } : {}) } },
      { status: this.status },
    );
  }
}

export const unauthorized = () =>
  new ApiError(401, "unauthorized", "Sign in, or send an API key as 'Authorization: Bearer <key>'.");
export const forbiddenError = (what: string) => new ApiError(403, "forbidden", `This credential is not allowed to ${what}.`);
export const notFound = (what = "resource") => new ApiError(404, "not_found", `No such ${what} in this workspace.`);

/**
 * Zod issues as `details`. A path that starts in a list (`events.3.occurredAt`) names the item's
 * index separately, so that a client can point at the offending event.
 */
export function detailsFromZod(error: z.ZodError, listKey?: string): ErrorDetail[] {
  return error.issues.slice(0, 1000).map((issue) => {
    const path = issue.path.map(String);
    if (listKey && path[0] === listKey && /^\d+$/.test(path[1] ?? "")) {
      return { index: Number(path[1]), path: path.slice(2).join(".") || "(event)", message: issue.message };
    }
    return { path: path.join(".") || "(body)", message: issue.message };
  });
}

export function invalid(error: z.ZodError, listKey?: string, message = "The request is not valid.") {
  return new ApiError(422, "invalid", message, detailsFromZod(error, listKey));
}
