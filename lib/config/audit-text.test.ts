import { describe, expect, it } from "vitest";
import { describeAuditEntry } from "./audit-text";

const entry = (action: string, entityType: string, before: unknown, after: unknown, entityId = "id-1") => ({ action, entityType, entityId, before, after });

describe("describeAuditEntry", () => {
  it("says what happened to a configuration item, with its name and version", () => {
    expect(describeAuditEntry(entry("create", "sms_template", null, { version: 1, publishedVersion: null, name: "Chat link" }))).toBe("created SMS template “Chat link” as a draft");
    expect(describeAuditEntry(entry("update", "ivr_offer", { version: 1, name: "A" }, { version: 2, name: "B" }))).toBe("edited IVR offer “B”: saved version 2 as a draft");
    expect(describeAuditEntry(entry("publish", "escalation_rule", null, { publishedVersion: 3, name: "VIP" }))).toBe("published escalation rule “VIP”, version 3");
    expect(describeAuditEntry(entry("rollback", "escalation_rule", { publishedVersion: 3 }, { publishedVersion: 1, name: "VIP" }))).toBe("rolled back escalation rule “VIP” to version 1");
    expect(describeAuditEntry(entry("disable", "ivr_offer", {}, { version: 4, publishedVersion: 4, name: "Press 2" }))).toBe("disabled IVR offer “Press 2”, live as version 4");
    expect(describeAuditEntry(entry("delete", "sms_template", { name: "Old" }, null))).toBe("deleted SMS template “Old”");
  });

  it("describes the other areas' entries too", () => {
    expect(describeAuditEntry(entry("update", "settings", {}, {}))).toBe("changed the workspace settings");
    expect(describeAuditEntry(entry("update", "membership", { role: "manager" }, { role: "supervisor" }, "u1"), { u1: "ana@example.com" })).toBe(
      "changed the role of ana@example.com from manager to supervisor",
    );
    expect(describeAuditEntry(entry("revoke", "api_key", { name: "IVR", prefix: "sb_x" }, null))).toBe("revoked API key “IVR”");
  });
});
