import { apiRoute, parseWith, readJson } from "@/lib/api/route";
import { smsPreviewRequestSchema } from "@/lib/config/schemas";
import { previewSms } from "@/lib/sms/template";

/**
 * `POST /api/v1/sms-templates/preview` with `{ body, vars? }` → `{ text, encoding, segments, units,
 * unknownVariables }`: the same function the editor runs while the supervisor types.
 */
export const POST = apiRoute("config:read", async ({ request }) => {
  const { body, vars } = parseWith(smsPreviewRequestSchema, await readJson(request, 64 * 1024));
  return previewSms(body, vars);
});
