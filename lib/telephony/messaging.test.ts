import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openNumber, sealNumber } from "./held-number";
import { inboundIntent } from "./keywords";
import { CHAT_LINK_PLACEHOLDER, chatLinkUrl, composeMessage, messageCost, withChatLink } from "./message";
import { twilioProvider } from "./sms-provider";

describe("inboundIntent", () => {
  it.each(["STOP", "stop", " Stop\n", "STOPALL", "UNSUBSCRIBE", "END", "QUIT", "CANCEL", "REVOKE", "OPTOUT", "optOut"])("%j opts out", (body) => {
    expect(inboundIntent(body)).toBe("opt_out");
  });
  it.each(["START", "unstop", "YES", " yes "])("%j opts in", (body) => {
    expect(inboundIntent(body)).toBe("opt_in");
  });
  it.each(["", "STOP!", "please stop", "opt out", "STOPP", "ſtart", "ＳＴＯＰ", "YES PLEASE", "HELP"])("%j is neither", (body) => {
    expect(inboundIntent(body)).toBeNull();
  });
});

describe("held numbers", () => {
  const secret = "workspace-secret-0123456789abcdef";

  it("open for the same secret and message only, and say nothing of the number", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\+[1-9]\d{6,14}$/), (number) => {
        const sealed = sealNumber(secret, number, "ws:m1");
        expect(sealed).not.toContain(number.slice(1));
        expect(openNumber(secret, sealed, "ws:m1")).toBe(number);
        expect(openNumber(secret, sealed, "ws:m2")).toBeNull();
        expect(openNumber(`${secret}x`, sealed, "ws:m1")).toBeNull();
      }),
      { numRuns: 50 },
    );
  });

  it("refuses anything altered or malformed", () => {
    const sealed = sealNumber(secret, "+14155550100", "ws:m1");
    const parts = sealed.split(".");
    const flipped = [...parts];
    flipped[2] = Buffer.from(Buffer.from(parts[2], "base64url").map((byte, i) => (i === 0 ? byte ^ 1 : byte))).toString("base64url");
    expect(openNumber(secret, flipped.join("."), "ws:m1")).toBeNull();
    for (const junk of ["", "v1", "v2.a.b.c", "v1.a.b.c", `v1.${parts[1]}.${parts[2]}.`]) expect(openNumber(secret, junk, "ws:m1")).toBeNull();
  });
});

describe("composeMessage", () => {
  const template = "Hi {{first_name}}, it's {{company}}. Chat now: {{chat_link}} (wait {{wait_minutes}} min) Reply STOP to opt out.";

  it("renders the template, keeps the link a placeholder, and counts the segments with the real link's length", () => {
    const composed = composeMessage(template, "https://sb.example.com/", { company: "Acme", waitSeconds: 61 });
    expect(composed.body).toBe(`Hi there, it's Acme. Chat now: ${CHAT_LINK_PLACEHOLDER} (wait 2 min) Reply STOP to opt out.`);
    const sent = withChatLink(composed.body, chatLinkUrl("https://sb.example.com/", "A".repeat(22)));
    expect(sent).toBe("Hi there, it's Acme. Chat now: https://sb.example.com/l/AAAAAAAAAAAAAAAAAAAAAA (wait 2 min) Reply STOP to opt out.");
    expect(composed).toMatchObject({ encoding: "GSM-7", segments: 1 });
  });

  it("turns a company name outside GSM-7 into UCS-2, and a long one into more segments", () => {
    expect(composeMessage(template, "https://sb.example.com", { company: "Łódź Bank" })).toMatchObject({ encoding: "UCS-2", segments: 2 });
    expect(composeMessage(template, "https://sb.example.com", { company: "A".repeat(100) })).toMatchObject({ encoding: "GSM-7", segments: 2 });
  });

  it("lets no value make a second link placeholder", () => {
    const composed = composeMessage(template, "https://sb.example.com", { company: "{{chat_link}}", firstName: "{{chat_link}}" });
    expect(composed.body.split(CHAT_LINK_PLACEHOLDER)).toHaveLength(2);
  });

  it("costs segments × the price of one, to 4 decimals", () => {
    expect(messageCost(3, 0.0079)).toBe(0.0237);
    expect(messageCost(0, 0.0079)).toBe(0);
  });
});

describe("twilioProvider", () => {
  let server: ReturnType<typeof createServer>;
  let base = "";
  let reply: (response: import("node:http").ServerResponse) => void = () => {};

  beforeAll(async () => {
    server = createServer((request, response) => {
      request.resume();
      request.on("end", () => reply(response));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const provider = () => twilioProvider({ accountSid: `AC${"0".repeat(32)}`, authToken: "token".repeat(4), baseUrl: base, timeoutMs: 300 });
  const message = { to: "+14155550100", from: "+15005550006", body: "Hi" };

  it("answers the message's sid", async () => {
    reply = (response) => response.writeHead(201, { "content-type": "application/json" }).end(JSON.stringify({ sid: "SM123", status: "queued" }));
    expect(await provider().send(message)).toEqual({ ok: true, providerSid: "SM123" });
  });

  it("turns Twilio's errors into their codes, 21610 with the opt-out", async () => {
    for (const [code, optedOut] of [[21610, true], [21211, false]] as const) {
      reply = (response) => response.writeHead(400, { "content-type": "application/json" }).end(JSON.stringify({ code, message: "no", status: 400 }));
      expect(await provider().send(message)).toEqual({ ok: false, code: String(code), optedOut });
    }
    reply = (response) => response.writeHead(503).end("<html>down</html>");
    expect(await provider().send(message)).toEqual({ ok: false, code: "http_503", optedOut: false });
  });

  it("gives up after its timeout with the code timeout, and names an unreachable server network", async () => {
    reply = () => {};
    expect(await provider().send(message)).toEqual({ ok: false, code: "timeout", optedOut: false });
    const closed = twilioProvider({ accountSid: "AC1", authToken: "t", baseUrl: "http://127.0.0.1:9", timeoutMs: 1000 });
    expect(await closed.send(message)).toEqual({ ok: false, code: "network", optedOut: false });
  });
});
