import { z } from "zod";
import { CALL_TYPE_SLUG } from "@/lib/domain";
import { isValidTimeZone } from "@/lib/domain/time";
import { telephonySettingsFields } from "@/lib/telephony/settings";

/** An amount in the workspace currency: not negative, at most cents. */
export const money = z
  .number({ error: "must be a number" })
  .min(0, "must not be negative")
  .max(100_000, "must be at most 100,000")
  .refine((value) => Math.abs(Math.round(value * 100) - value * 100) < 1e-6, "must have at most two decimals");

/** The workspace settings of DESIGN.md, every field optional: a PATCH changes only what it names. */
export const settingsPatchSchema = z
  .object({
    timeZone: z.string().refine(isValidTimeZone, "must be an IANA time zone such as Europe/London"),
    windowHours: z.number().int("must be whole hours").min(1, "must be at least 1 hour").max(720, "must be at most 720 hours (30 days)"),
    currency: z.string().regex(/^[A-Z]{3}$/, "must be a three-letter ISO 4217 code such as USD"),
    phoneCost: money,
    digitalCost: money,
    phoneCostByCallType: z.record(z.string().regex(CALL_TYPE_SLUG, "must be a call type slug"), money.nullable()),
    resolutionTarget: z.number().min(0, "must be between 0 and 1").max(1, "must be between 0 and 1"),
    ...telephonySettingsFields,
  })
  .partial()
  .strict();

export type SettingsPatch = z.infer<typeof settingsPatchSchema>;

/** The settings every metric reads: the answer of `GET /api/v1/settings`. */
export type { MetricSettings as WorkspaceSettings } from "@/lib/metrics/types";
