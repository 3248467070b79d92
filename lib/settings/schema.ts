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

/** A unit cost of the digital path (an SMS segment, a bot conversation): not negative, at most 4 decimals (docs/adr/026). */
export const unitCost = z
  .number({ error: "must be a number" })
  .min(0, "must not be negative")
  .max(1_000, "must be at most 1,000")
  .refine((value) => Math.abs(Math.round(value * 10_000) - value * 10_000) < 1e-6, "must have at most four decimals");

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
    /** Net savings (docs/adr/026): what one SMS segment and one bot conversation cost. */
    smsCostPerSegment: unitCost,
    botCostPerConversation: unitCost,
    ...telephonySettingsFields,
  })
  .partial()
  .strict();

export type SettingsPatch = z.infer<typeof settingsPatchSchema>;

/** The settings every metric reads: the answer of `GET /api/v1/settings`. */
export type { MetricSettings as WorkspaceSettings } from "@/lib/metrics/types";

/** The costs net savings subtracts (docs/adr/026), beside the phone and digital costs of every metric. */
export interface NetSavingsCosts {
  smsCostPerSegment: number;
  botCostPerConversation: number;
}
