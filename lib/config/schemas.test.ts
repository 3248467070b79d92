import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  escalationRuleSchema,
  escalationRuleUpdateSchema,
  fieldsForUpdate,
  ivrOfferSchema,
  ivrOfferUpdateSchema,
  READ_ONLY_FIELDS,
  smsPreviewRequestSchema,
  smsTemplateSchema,
  smsTemplateUpdateSchema,
} from "./schemas";

/** Each problem as "path: message", the form the API's 422 `details` take. */
function problems(schema: z.ZodType, input: unknown): string[] {
  const result = schema.safeParse(input);
  if (result.success) return [];
  return result.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
}

const deflectionTemplate = {
  name: "Queue deflection",
  locale: "en-US",
  purpose: "deflection",
  body: "Hi {{first_name}}, skip the {{wait_minutes}} min wait and chat with {{company}}: {{chat_link}} Reply STOP to opt out",
};

describe("smsTemplateSchema", () => {
  it("accepts a complete deflection template and normalises name and locale", () => {
    const parsed = smsTemplateSchema.parse({ ...deflectionTemplate, name: "  Queue deflection ", locale: "en-us" });
    expect(parsed).toEqual({ ...deflectionTemplate, locale: "en-US" });
  });

  it("requires {{chat_link}} in a deflection template", () => {
    expect(problems(smsTemplateSchema, { ...deflectionTemplate, body: "Chat with us. Reply STOP to opt out" })).toEqual([
      "body: Deflection templates must include {{chat_link}} so the customer can reach the chat",
    ]);
  });

  it("accepts {{ chat_link }} written with spaces", () => {
    expect(problems(smsTemplateSchema, { ...deflectionTemplate, body: "Chat: {{ chat_link }} Reply STOP to opt out" })).toEqual([]);
  });

  it.each([
    "Reply STOP to opt out",
    "reply stop to opt-out",
    "Text STOP to unsubscribe.",
    "To opt out, reply Stop",
    "STOP? Optout anytime",
  ])("accepts the opt-out wording %j", (wording) => {
    expect(problems(smsTemplateSchema, { ...deflectionTemplate, body: `Chat: {{chat_link}} ${wording}` })).toEqual([]);
  });

  it.each([
    ["without STOP", "Reply to opt out"],
    ["without opt out", "Reply STOP to end"],
    ["with STOP only inside a word", "STOPPED? opt out here"],
    ["with opt out only inside a word", "Reply STOP to unsubscribed"],
  ])("refuses opt-out wording %s", (_, wording) => {
    expect(problems(smsTemplateSchema, { ...deflectionTemplate, body: `Chat: {{chat_link}} ${wording}` })).toEqual([
      'body: Deflection templates must tell the customer how to opt out, for example "Reply STOP to opt out"',
    ]);
  });

  it("needs neither a chat link nor opt-out wording for other templates", () => {
    expect(problems(smsTemplateSchema, { ...deflectionTemplate, purpose: "other", body: "Thanks for calling {{company}}" })).toEqual([]);
  });

  it("refuses every unknown variable, one problem each, naming the allowed ones", () => {
    expect(problems(smsTemplateSchema, { ...deflectionTemplate, purpose: "other", body: "Hi {{name}} {{ name }} {{Company}}" })).toEqual([
      "body: {{name}} is not a variable. Use only {{first_name}}, {{chat_link}}, {{wait_minutes}}, {{company}}.",
      "body: {{Company}} is not a variable. Use only {{first_name}}, {{chat_link}}, {{wait_minutes}}, {{company}}.",
    ]);
    expect(problems(smsTemplateSchema, { ...deflectionTemplate, purpose: "other", body: "Hi {{ }}" })[0]).toMatch(/empty \{\{ \}\}/);
  });

  it("judges the 10-segment limit on the longest values: a customer's name can make the message UCS-2", () => {
    // {{first_name}} becomes 32 UTF-16 units with a letter outside GSM-7: 638 + 32 = 670 = 10 × 67.
    const withName = (letters: number) => ({ ...deflectionTemplate, purpose: "other", body: `${"a".repeat(letters)}{{first_name}}` });
    expect(problems(smsTemplateSchema, withName(638))).toEqual([]);
    expect(problems(smsTemplateSchema, withName(639))).toEqual([
      "body: With long values filled in (a long customer name with letters outside the GSM alphabet, a long chat link) " +
        "this message needs 11 SMS segments; the limit is 10. Shorten the body.",
    ]);
  });

  it("keeps a body without variables in its own encoding: 1,530 GSM-7 characters fit, 1,531 do not", () => {
    const plain = (length: number) => ({ ...deflectionTemplate, purpose: "other", body: "a".repeat(length) });
    expect(problems(smsTemplateSchema, plain(1530))).toEqual([]);
    expect(problems(smsTemplateSchema, plain(1531))[0]).toMatch(/needs 11 SMS segments; the limit is 10/);
    expect(problems(smsTemplateSchema, { ...plain(0), body: "я".repeat(671) })[0]).toMatch(/needs 11 SMS segments/);
  });

  it("refuses an empty or blank body, a body over 1,600 characters and text Postgres cannot store", () => {
    expect(problems(smsTemplateSchema, { ...deflectionTemplate, purpose: "other", body: "   " })).toEqual(["body: Enter the message body"]);
    expect(problems(smsTemplateSchema, { ...deflectionTemplate, purpose: "other", body: "a".repeat(1601) })).toContain(
      "body: Keep the body to 1600 characters or fewer",
    );
    expect(problems(smsTemplateSchema, { ...deflectionTemplate, purpose: "other", body: "a\u0000b" })[0]).toMatch(/NUL/);
    expect(problems(smsTemplateSchema, { ...deflectionTemplate, purpose: "other", body: "broken \ud83d" })[0]).toMatch(/unpaired surrogates/);
  });

  it("explains missing and invalid name, locale and purpose", () => {
    expect(problems(smsTemplateSchema, { body: "x", purpose: "other" })).toEqual(["name: Enter a name", "locale: Enter the locale"]);
    expect(problems(smsTemplateSchema, { ...deflectionTemplate, name: "n".repeat(101) })).toEqual(["name: Keep a name to 100 characters or fewer"]);
    expect(problems(smsTemplateSchema, { ...deflectionTemplate, locale: "english please" })).toEqual([
      "locale: Enter the locale as a language tag, for example en-US or fr-CA",
    ]);
    expect(problems(smsTemplateSchema, { ...deflectionTemplate, purpose: "marketing" })).toEqual([
      'purpose: Choose the purpose: "deflection" or "other"',
    ]);
  });
});

describe("smsPreviewRequestSchema", () => {
  it("accepts a body with known variable values and drops unknown ones", () => {
    expect(smsPreviewRequestSchema.parse({ body: "", vars: { first_name: "Ana", shoe_size: "42" } })).toEqual({ body: "", vars: { first_name: "Ana" } });
  });

  it("refuses values that are not text or too long", () => {
    expect(problems(smsPreviewRequestSchema, { body: "x", vars: { company: 5 } })).toEqual(["vars.company: The value of company must be text"]);
    expect(problems(smsPreviewRequestSchema, { body: "x", vars: { company: "c".repeat(201) } })).toHaveLength(1);
  });
});

const offer = {
  name: "Press 2 for chat",
  point: "ivr_offer",
  enabled: true,
  prompt: "Press 2 and we will text you a link to our chat assistant.",
  dtmfKey: "2",
  smsTemplateId: "tpl_123",
  holdoutPercent: 10,
  priority: 1,
  conditions: {
    callTypes: ["card_arrival"],
    queues: ["cards"],
    minEstimatedWaitSeconds: 120,
    schedule: [{ days: ["mon", "tue"], start: "09:00", end: "17:00" }],
  },
};

const withConditions = (conditions: object) => ({ ...offer, conditions });

describe("ivrOfferSchema", () => {
  it("accepts a complete offer and defaults absent conditions to none", () => {
    expect(ivrOfferSchema.parse(offer)).toEqual(offer);
    const { conditions: _, ...withoutConditions } = offer;
    expect(ivrOfferSchema.parse(withoutConditions).conditions).toEqual({});
  });

  it("only allows points where a call is involved", () => {
    expect(problems(ivrOfferSchema, { ...offer, point: "web_nudge" })).toEqual(["point: Offers can be made at ivr_offer, in_queue or post_call"]);
    for (const point of ["ivr_offer", "in_queue", "post_call"]) expect(problems(ivrOfferSchema, { ...offer, point })).toEqual([]);
  });

  it("only allows a single phone key", () => {
    for (const dtmfKey of ["0", "9", "*", "#"]) expect(problems(ivrOfferSchema, { ...offer, dtmfKey })).toEqual([]);
    for (const dtmfKey of ["A", "10", 2, ""]) expect(problems(ivrOfferSchema, { ...offer, dtmfKey })).toEqual(["dtmfKey: Choose a key: 0 to 9, * or #"]);
  });

  it("keeps the holdout between 0 and 50 whole percent", () => {
    expect(problems(ivrOfferSchema, { ...offer, holdoutPercent: 0 })).toEqual([]);
    expect(problems(ivrOfferSchema, { ...offer, holdoutPercent: 50 })).toEqual([]);
    expect(problems(ivrOfferSchema, { ...offer, holdoutPercent: 51 })).toEqual(["holdoutPercent: The holdout percent must be at most 50"]);
    expect(problems(ivrOfferSchema, { ...offer, holdoutPercent: -1 })).toEqual(["holdoutPercent: The holdout percent must be at least 0"]);
    expect(problems(ivrOfferSchema, { ...offer, holdoutPercent: 12.5 })).toEqual(["holdoutPercent: The holdout percent must be a whole number"]);
    expect(problems(ivrOfferSchema, { ...offer, holdoutPercent: "10" })).toEqual(["holdoutPercent: The holdout percent must be a number"]);
  });

  it("refuses a schedule window that ends before it starts, with the fix in the message", () => {
    expect(problems(ivrOfferSchema, withConditions({ schedule: [{ days: ["fri"], start: "22:00", end: "02:00" }] }))).toEqual([
      "conditions.schedule.0.end: The end time must be after the start time. For hours past midnight, add a second window on the next day.",
    ]);
    expect(problems(ivrOfferSchema, withConditions({ schedule: [{ days: ["fri"], start: "09:00", end: "09:00" }] }))).toHaveLength(1);
  });

  it("accepts 24:00 as an end but not as a start", () => {
    expect(problems(ivrOfferSchema, withConditions({ schedule: [{ days: ["sat"], start: "18:00", end: "24:00" }] }))).toEqual([]);
    expect(problems(ivrOfferSchema, withConditions({ schedule: [{ days: ["sat"], start: "24:00", end: "24:00" }] }))).toEqual([
      "conditions.schedule.0.start: Enter the start time as HH:MM, for example 09:00",
    ]);
  });

  it("refuses malformed times and days", () => {
    const windowProblems = (window: object) => problems(ivrOfferSchema, withConditions({ schedule: [window] }));
    expect(windowProblems({ days: ["mon"], start: "9:00", end: "17:00" })).toEqual(["conditions.schedule.0.start: Enter the start time as HH:MM, for example 09:00"]);
    expect(windowProblems({ days: ["mon"], start: "09:00", end: "17:60" })).toHaveLength(1);
    expect(windowProblems({ days: ["monday"], start: "09:00", end: "17:00" })).toEqual([
      "conditions.schedule.0.days.0: Days are mon, tue, wed, thu, fri, sat, sun",
    ]);
    expect(windowProblems({ days: [], start: "09:00", end: "17:00" })).toEqual(["conditions.schedule.0.days: Choose at least one day"]);
    expect(windowProblems({ days: ["mon", "mon"], start: "09:00", end: "17:00" })).toEqual(["conditions.schedule.0.days: List each day only once"]);
  });

  it("refuses empty, repeated or malformed condition lists", () => {
    expect(problems(ivrOfferSchema, withConditions({ callTypes: [] }))).toEqual([
      "conditions.callTypes: List at least one call type, or leave the condition out to match all call types",
    ]);
    expect(problems(ivrOfferSchema, withConditions({ queues: ["a", "a"] }))).toEqual(["conditions.queues: List each of the queues only once"]);
    expect(problems(ivrOfferSchema, withConditions({ callTypes: ["Card Arrival"] }))[0]).toMatch(/^conditions\.callTypes\.0: Call types are slugs/);
    expect(problems(ivrOfferSchema, withConditions({ schedule: [] }))[0]).toMatch(/leave the schedule out/);
  });

  it("refuses a misspelt condition instead of ignoring it", () => {
    expect(problems(ivrOfferSchema, withConditions({ minWaitSeconds: 60 }))).toEqual(["conditions: Unknown condition: minWaitSeconds"]);
  });

  it("bounds the minimum estimated wait", () => {
    expect(problems(ivrOfferSchema, withConditions({ minEstimatedWaitSeconds: -1 }))).toHaveLength(1);
    expect(problems(ivrOfferSchema, withConditions({ minEstimatedWaitSeconds: 86_401 }))).toHaveLength(1);
    expect(problems(ivrOfferSchema, withConditions({ minEstimatedWaitSeconds: 0 }))).toEqual([]);
  });

  it("requires the prompt and the SMS template", () => {
    const { prompt: _, smsTemplateId: __, ...rest } = offer;
    expect(problems(ivrOfferSchema, rest)).toEqual(["prompt: Enter the prompt", "smsTemplateId: Enter the SMS template"]);
  });
});

const rule = {
  name: "Angry customers",
  priority: 10,
  enabled: true,
  conditions: { maxSentiment: -0.5, keywords: ["agent", "human"] },
  action: { type: "live_agent", queue: "priority" },
};
const withAction = (action: object) => ({ ...rule, action });

describe("escalationRuleSchema", () => {
  it("accepts each action type with its field", () => {
    expect(escalationRuleSchema.parse(rule)).toEqual(rule);
    expect(problems(escalationRuleSchema, withAction({ type: "callback", withinMinutes: 30 }))).toEqual([]);
    expect(problems(escalationRuleSchema, withAction({ type: "phone_number", phoneNumber: "+14155552671" }))).toEqual([]);
    expect(problems(escalationRuleSchema, withAction({ type: "ticket" }))).toEqual([]);
  });

  it("requires the field each action needs", () => {
    expect(problems(escalationRuleSchema, withAction({ type: "live_agent" }))).toEqual(["action.queue: Enter the queue the customer is sent to"]);
    expect(problems(escalationRuleSchema, withAction({ type: "callback" }))).toEqual(["action.withinMinutes: Enter the callback time (minutes)"]);
    expect(problems(escalationRuleSchema, withAction({ type: "callback", withinMinutes: 0 }))).toEqual([
      "action.withinMinutes: The callback time (minutes) must be at least 1",
    ]);
    expect(problems(escalationRuleSchema, withAction({ type: "phone_number" }))).toEqual(["action.phoneNumber: Enter the phone number to transfer to"]);
  });

  it("drops fields that belong to another action type", () => {
    const parsed = escalationRuleSchema.parse(withAction({ type: "ticket", queue: "left over from live_agent" }));
    expect(parsed.action).toEqual({ type: "ticket" });
  });

  it("refuses an unknown action type", () => {
    expect(problems(escalationRuleSchema, withAction({ type: "email" }))).toEqual([
      "action.type: Choose what happens: live_agent, callback, phone_number or ticket",
    ]);
  });

  it("requires a valid E.164 phone number", () => {
    const phone = (phoneNumber: string) => problems(escalationRuleSchema, withAction({ type: "phone_number", phoneNumber }));
    expect(phone("+442071838750")).toEqual([]);
    expect(phone("4155552671")).toEqual([
      "action.phoneNumber: Enter the phone number in international E.164 format, with no spaces: for example +14155552671",
    ]);
    expect(phone("+1 415 555 2671")).toHaveLength(1);
    expect(phone("+15555555555")).toEqual(["action.phoneNumber: This is not a valid phone number for its country code"]);
    expect(phone("+999123456789")).toHaveLength(1);
  });

  it("bounds sentiment and failed attempts", () => {
    const conditions = (value: object) => problems(escalationRuleSchema, { ...rule, conditions: value });
    expect(conditions({ maxSentiment: -1 })).toEqual([]);
    expect(conditions({ maxSentiment: 1.5 })).toEqual(["conditions.maxSentiment: The sentiment must be between -1 and 1"]);
    expect(conditions({ minFailedAttempts: 0 })).toEqual(["conditions.minFailedAttempts: The number of failed bot attempts must be at least 1"]);
    expect(conditions({ minFailedAttempts: 3 })).toEqual([]);
  });

  it("refuses keywords and tiers repeated in another case", () => {
    expect(problems(escalationRuleSchema, { ...rule, conditions: { keywords: ["Agent", "agent"] } })).toEqual([
      "conditions.keywords: List each of the keywords only once",
    ]);
    expect(problems(escalationRuleSchema, { ...rule, conditions: { customerTiers: ["Gold", "gold"] } })).toHaveLength(1);
  });

  it("refuses a non-boolean business-hours flag", () => {
    expect(problems(escalationRuleSchema, { ...rule, conditions: { outsideBusinessHours: "yes" } })).toEqual([
      "conditions.outsideBusinessHours: Outside business hours must be true or false",
    ]);
  });

  it("treats a rule without conditions as valid: it is the catch-all", () => {
    const { conditions: _, ...catchAll } = rule;
    expect(escalationRuleSchema.parse(catchAll).conditions).toEqual({});
  });
});

describe("fieldsForUpdate", () => {
  const fromGet = {
    id: "rule_1",
    version: 3,
    status: "published",
    publishedVersion: 2,
    updatedAt: "2026-05-01T10:00:00Z",
    updatedBy: "sup@example.com",
    ...rule,
  };

  it("accepts a GET answer sent back with its version and ignores the read-only fields", () => {
    const parsed = escalationRuleUpdateSchema.parse(fromGet);
    expect(parsed).toEqual({ ...rule, version: 3 });
    for (const field of READ_ONLY_FIELDS) expect(parsed).not.toHaveProperty(field);
  });

  it("requires the version being edited", () => {
    const { version: _, ...withoutVersion } = fromGet;
    expect(problems(escalationRuleUpdateSchema, withoutVersion)).toEqual(["version: Enter the version you edited"]);
    expect(problems(ivrOfferUpdateSchema, { ...offer, version: 0 })).toEqual(["version: The version you edited must be at least 1"]);
  });

  it("keeps every rule of the create schema", () => {
    expect(problems(smsTemplateUpdateSchema, { ...deflectionTemplate, version: 1, body: "No link. Reply STOP to opt out" })).toEqual([
      "body: Deflection templates must include {{chat_link}} so the customer can reach the chat",
    ]);
    expect(problems(fieldsForUpdate(ivrOfferSchema), { ...offer, version: 2, dtmfKey: "X" })).toEqual(["dtmfKey: Choose a key: 0 to 9, * or #"]);
  });
});

describe("one problem per field", () => {
  it("does not pile a format complaint on top of a missing value", () => {
    expect(problems(smsTemplateSchema, { ...deflectionTemplate, locale: "" })).toEqual(["locale: Enter the locale"]);
    expect(problems(smsTemplateSchema, { ...deflectionTemplate, locale: "   " })).toEqual(["locale: Enter the locale"]);
  });
});
