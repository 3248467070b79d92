import Papa from "papaparse";
import { decodeCursor, listJourneys } from "@/db/queries/metrics";
import { ApiError } from "@/lib/api/errors";
import { parseQuery, settingsOf } from "@/lib/api/metrics";
import { apiRoute } from "@/lib/api/route";
import { MAX_PAGE_SIZE, journeysQuery } from "@/lib/metrics/params";
import type { StagedJourney } from "@/lib/metrics/types";

const CSV_COLUMNS: (keyof StagedJourney)[] = [
  "journey",
  "point",
  "customer",
  "callType",
  "channel",
  "offeredAt",
  "engagedAt",
  "resolvedAt",
  "endAt",
  "offered",
  "accepted",
  "engaged",
  "resolved",
  "escalated",
  "bounced",
  "deflected",
  "pending",
];

/** The journeys behind any count, paged as JSON, or every matching journey as CSV (`Accept: text/csv`). */
export const GET = apiRoute("metrics:read", async ({ request, db, principal }) => {
  const query = parseQuery(journeysQuery, request.nextUrl);
  const cursor = query.cursor ? decodeCursor(query.cursor) : null;
  if (query.cursor && !cursor) throw new ApiError(400, "malformed", "The cursor is not one this API gave out.");
  const settings = await settingsOf(db, principal.workspaceId);
  const asOf = query.asOf ?? new Date().toISOString();

  if (!(request.headers.get("accept") ?? "").includes("text/csv")) {
    return listJourneys(db, principal.workspaceId, settings, { ...query, asOf, cursor });
  }

  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      try {
        controller.enqueue(encoder.encode(`${Papa.unparse([CSV_COLUMNS])}\r\n`));
        let page = await listJourneys(db, principal.workspaceId, settings, { ...query, asOf, cursor, limit: MAX_PAGE_SIZE });
        for (;;) {
          if (page.items.length > 0) {
            const rows = page.items.map((journey) => CSV_COLUMNS.map((column) => journey[column] ?? ""));
            controller.enqueue(encoder.encode(`${Papa.unparse(rows, { escapeFormulae: true })}\r\n`));
          }
          if (!page.nextCursor) break;
          page = await listJourneys(db, principal.workspaceId, settings, { ...query, asOf, cursor: decodeCursor(page.nextCursor), limit: MAX_PAGE_SIZE });
        }
        controller.close();
      } catch (error) {
        controller.error(error);
      }
    },
  });
  const filename = `journeys-${query.from}-to-${query.to}${query.stage ? `-${query.stage}` : ""}.csv`;
  return new Response(stream, {
    headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${filename}"` },
  });
});
