import type { InterventionPoint } from "@/lib/domain";

/*
 * The fixed vocabularies and limits of the configuration schemas (lib/config/schemas.ts), apart
 * from zod so the editors in the browser can use them without loading the schemas.
 */

export const LIMITS = {
  name: 100,
  locale: 35,
  body: 1_600,
  prompt: 1_000,
  id: 128,
  label: 64,
  listItems: 100,
  keywords: 50,
  scheduleWindows: 50,
  priority: 9_999,
  holdoutPercent: 50,
  estimatedWaitSeconds: 24 * 60 * 60,
  failedAttempts: 50,
  callbackMinutes: 7 * 24 * 60,
  previewValue: 200,
} as const;

export const SMS_TEMPLATE_PURPOSES = ["deflection", "other"] as const;

/** The points where an offer is made during or right after a call (DESIGN.md "IVR offer"). */
export const OFFER_POINTS = ["ivr_offer", "in_queue", "post_call"] as const satisfies readonly InterventionPoint[];

export const DTMF_KEYS = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "*", "#"] as const;

export const ESCALATION_ACTION_TYPES = ["live_agent", "callback", "phone_number", "ticket"] as const;
