import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import type { Db } from "@/db";
import { SYSTEM_ACTOR } from "@/db/queries/audit";
import { createConfigItem } from "@/db/queries/config";
import { workspaces } from "@/db/schema";
import { ivrOfferSchema, type IvrOfferFields, smsTemplateSchema } from "@/lib/config/schemas";
import type { FormParams } from "@/lib/telephony/twilio-signature";
import { twilioSignature } from "@/lib/telephony/twilio-signature";
import { call } from "./http";
import { makeWorkspace } from "./factories";

/*
 * Shared by the telephony tests (test/telephony-*.test.ts): a workspace set up for Twilio, signed
 * webhook requests, and a local stand-in for Twilio's Messages API.
 */

export const PUBLIC_URL = "https://switchboard.example.com";
export const AUTH_TOKEN = "0123456789abcdef0123456789abcdef";
export const ACCOUNT_SID = `AC${"a1".repeat(16)}`;
export const CHAT_URL = "https://chat.example.com/start?lang=en";
export const FALLBACK_URL = "https://ivr.example.com/queue";
export const TEMPLATE_BODY = "{{company}}: chat with our assistant {{chat_link}} Reply STOP to opt out";

export async function telephonyWorkspace(db: Db, options: { name?: string; timeZone?: string; offer?: Partial<IvrOfferFields> | null } = {}) {
  const workspace = await makeWorkspace(db, { name: options.name ?? "Acme", timeZone: options.timeZone ?? "UTC" });
  await db
    .update(workspaces)
    .set({ publicUrl: PUBLIC_URL, chatUrl: CHAT_URL, fallbackUrl: FALLBACK_URL, twilioAuthToken: AUTH_TOKEN, twilioAccountSid: ACCOUNT_SID, smsFrom: "+15005550006" })
    .where(eq(workspaces.id, workspace.id));
  const template = await createConfigItem(
    db,
    workspace.id,
    "sms_template",
    smsTemplateSchema.parse({ name: "Chat link", locale: "en-US", purpose: "deflection", body: TEMPLATE_BODY }),
    SYSTEM_ACTOR,
    { publish: true },
  );
  const offer =
    options.offer === null
      ? null
      : await createConfigItem(
          db,
          workspace.id,
          "ivr_offer",
          ivrOfferSchema.parse({
            name: "Press 2 for chat",
            point: "ivr_offer",
            enabled: true,
            prompt: "Press 2 & we'll text you a link to our <chat> assistant.",
            dtmfKey: "2",
            smsTemplateId: template.id,
            holdoutPercent: 0,
            priority: 10,
            conditions: {},
            ...options.offer,
          }),
          SYSTEM_ACTOR,
          { publish: true },
        );
  return { id: workspace.id, name: workspace.name, templateId: template.id, offerId: offer?.id ?? null };
}

export const settings = (db: Db, workspaceId: string, values: Partial<typeof workspaces.$inferInsert>) => db.update(workspaces).set(values).where(eq(workspaces.id, workspaceId));

type Handler = Parameters<typeof call>[0];

/** POSTs Twilio's form to a webhook, signed as Twilio signs it unless `signature` says otherwise. */
export async function twilioPost(
  handler: Handler,
  workspaceId: string,
  endpoint: "voice" | "gather" | "sms-status" | "sms-inbound",
  params: FormParams,
  options: { query?: string; signature?: string | null; token?: string; signedUrl?: string; contentType?: string } = {},
) {
  const path = `/api/runtime/twilio/${workspaceId}/${endpoint}${options.query ? `?${options.query}` : ""}`;
  const signature = options.signature !== undefined ? options.signature : twilioSignature(options.token ?? AUTH_TOKEN, options.signedUrl ?? `${PUBLIC_URL}${path}`, params);
  return call(handler, "POST", path, {
    rawBody: new URLSearchParams(params as [string, string][]).toString(),
    contentType: options.contentType ?? "application/x-www-form-urlencoded",
    headers: signature === null ? {} : { "x-twilio-signature": signature },
    params: { workspaceId },
  });
}

let calls = 0;
export const newCallSid = () => `CA${process.pid.toString(16)}${(++calls).toString(16).padStart(24, "0")}`;

export interface FakeTwilio {
  base: string;
  requests: { path: string; authorization: string | undefined; form: URLSearchParams }[];
  /** What the next Messages request is answered with; by default 201 and a new sid. */
  answer: (form: URLSearchParams) => { status: number; body: unknown; delayMs?: number };
  close(): Promise<void>;
}

/** Twilio's Messages API on 127.0.0.1, recording every request. */
export async function fakeTwilio(): Promise<FakeTwilio> {
  let sids = 0;
  const fake: FakeTwilio = {
    base: "",
    requests: [],
    answer: () => ({ status: 201, body: { sid: `SM${String(++sids).padStart(32, "0")}`, status: "queued" } }),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  const server: Server = createServer(async (request: IncomingMessage, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const form = new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
    fake.requests.push({ path: request.url ?? "", authorization: request.headers.authorization, form });
    const { status, body, delayMs } = fake.answer(form);
    if (delayMs) await new Promise((resolve) => setTimeout(resolve, delayMs));
    if (response.destroyed) return;
    response.writeHead(status, { "content-type": "application/json" });
    response.end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  fake.base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return fake;
}
