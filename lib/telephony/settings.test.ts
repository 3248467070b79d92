import { describe, expect, it } from "vitest";
import { settingsPatchSchema } from "@/lib/settings/schema";
import { telephonyFormPatch } from "./settings";

const form = (fields: Record<string, string>) => ({ telephonySettings: "1", smsProvider: "twilio", ...fields });

describe("telephony settings", () => {
  it("take a whole card's form: empty fields clear, the token is kept unless typed or removed, quiet hours only when ticked", () => {
    const patch = settingsPatchSchema.parse(
      telephonyFormPatch(form({ publicUrl: " https://sb.example.com/ ", chatUrl: "", fallbackUrl: "https://ivr.example.com/q?x=1", twilioAccountSid: `AC${"0f".repeat(16)}`, twilioAuthToken: "", smsFrom: "+1 (415) 555-0100", quietHoursEnabled: "on", quietHoursStart: "21:00", quietHoursEnd: "08:00" })),
    );
    expect(patch).toEqual({
      smsProvider: "twilio",
      publicUrl: "https://sb.example.com",
      chatUrl: null,
      fallbackUrl: "https://ivr.example.com/q?x=1",
      twilioAccountSid: `AC${"0f".repeat(16)}`,
      smsFrom: "+14155550100",
      quietHours: { start: "21:00", end: "08:00" },
    });
    expect(settingsPatchSchema.parse(telephonyFormPatch(form({ twilioAuthToken: "abcdef0123456789abcdef0123456789" })))).toMatchObject({ twilioAuthToken: "abcdef0123456789abcdef0123456789", quietHours: null });
    expect(settingsPatchSchema.parse(telephonyFormPatch(form({ twilioAuthToken: "abcdef0123456789abcdef0123456789", removeTwilioAuthToken: "on" })))).toMatchObject({ twilioAuthToken: null });
  });

  it("leave the telephony settings alone for the other forms of the page", () => {
    expect(telephonyFormPatch({ windowHours: "48" })).toEqual({});
  });

  it.each([
    [{ publicUrl: "ftp://sb.example.com" }, "publicUrl"],
    [{ publicUrl: "https://sb.example.com/?a=1" }, "publicUrl"],
    [{ publicUrl: "https://user:pw@sb.example.com" }, "publicUrl"],
    [{ chatUrl: "javascript:alert(1)" }, "chatUrl"],
    [{ twilioAccountSid: "AC123" }, "twilioAccountSid"],
    [{ twilioAuthToken: "short" }, "twilioAuthToken"],
    [{ smsFrom: "4155550100" }, "smsFrom"],
    [{ quietHours: { start: "21:00", end: "21:00" } }, "quietHours.end"],
    [{ quietHours: { start: "9pm", end: "08:00" } }, "quietHours.start"],
    [{ smsProvider: "carrier-pigeon" }, "smsProvider"],
  ])("refuse %j", (patch, path) => {
    const parsed = settingsPatchSchema.safeParse(patch);
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues.map((issue) => issue.path.join("."))).toContain(path);
  });
});
