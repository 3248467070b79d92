import { publishedEscalationRules } from "@/db/queries/runtime";
import { notFound } from "@/lib/api/errors";
import { apiRoute, parseWith, readJson } from "@/lib/api/route";
import { escalationAnswer } from "@/lib/runtime/escalate";
import { escalationRequestSchema } from "@/lib/runtime/schema";

const MAX_BODY_BYTES = 16 * 1024;
const requestSchema = escalationRequestSchema();

/**
 * `POST /api/v1/escalate` (DESIGN.md "Runtime"): the bot describes the conversation and is told
 * what the published escalation rules do with it — `{ ruleId, ruleName, ruleVersion, action }`,
 * by the same function as the "which rule fires" tester, and never without a way to a person.
 */
export const POST = apiRoute("runtime", async ({ request, db, principal }) => {
  const situation = parseWith(requestSchema, await readJson(request, MAX_BODY_BYTES));
  const published = await publishedEscalationRules(db, principal.workspaceId);
  if (!published) throw notFound("workspace");
  return escalationAnswer(published.rules, situation, published.timeZone);
});
