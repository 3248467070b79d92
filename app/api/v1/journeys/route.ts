import { decodeCursor, listJourneys } from "@/db/queries/metrics";
import { ApiError } from "@/lib/api/errors";
import { parseQuery, settingsOf } from "@/lib/api/metrics";
import { apiRoute } from "@/lib/api/route";
import { toCsv } from "@/lib/csv";
import { EXPORT_ROW_LIMIT, MAX_PAGE_SIZE, journeysQuery } from "@/lib/metrics/params";
import type { StagedJourney } from "@/lib/metrics/types";

const CSV_COLUMNS: (keyof StagedJourney)[] = [
  "journey",
  "point",
  "customer",
  "callType",
  "channel",
  "arm",
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

const count = new Intl.NumberFormat("en-US");

/**
 * The journeys behind any count, paged as JSON, or every matching journey as CSV (`Accept:
 * text/csv`), at most EXPORT_ROW_LIMIT of them (docs/adr/021-export-limits.md).
 */
export const GET = apiRoute("metrics:read", async ({ request, db, principal }) => {
  const query = parseQuery(journeysQuery, request.nextUrl);
  const cursor = query.cursor ? decodeCursor(query.cursor) : null;
  if (query.cursor && !cursor) throw new ApiError(400, "malformed", "The cursor is not one this API gave out.");
  const settings = await settingsOf(db, principal.workspaceId);
  const asOf = query.asOf ?? new Date().toISOString();

  if (!(request.headers.get("accept") ?? "").includes("text/csv")) {
    return listJourneys(db, principal.workspaceId, settings, { ...query, asOf, cursor });
  }

  const pageOf = (after: [string, string] | null) => listJourneys(db, principal.workspaceId, settings, { ...query, asOf, cursor: after, limit: MAX_PAGE_SIZE });
  let page = await pageOf(cursor);
  if (page.total > EXPORT_ROW_LIMIT) {
    const message = `This export would hold ${count.format(page.total)} journeys; one CSV holds at most ${count.format(EXPORT_ROW_LIMIT)}. Choose a shorter period or narrow the filters.`;
    throw new ApiError(422, "too_many_rows", message, [{ path: "to", message }]);
  }

  // Pulled page by page as the client reads, yielding between pages so that other requests'
  // reads reach the database in between. Journeys that arrive while it streams could push it
  // past the limit: then the download fails (the client sees a broken transfer) rather than end
  // short looking complete.
  const encoder = new TextEncoder();
  let rowsSent = 0;
  let headerSent = false;
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        if (!headerSent) {
          headerSent = true;
          controller.enqueue(encoder.encode(`${toCsv([CSV_COLUMNS])}\r\n`));
          return;
        }
        rowsSent += page.items.length;
        if (rowsSent > EXPORT_ROW_LIMIT) throw new Error(`The journeys export passed ${EXPORT_ROW_LIMIT} rows while it streamed`);
        const rows = page.items.map((journey) => CSV_COLUMNS.map((column) => journey[column]));
        if (rows.length > 0) controller.enqueue(encoder.encode(`${toCsv(rows)}\r\n`));
        const next = page.nextCursor ? decodeCursor(page.nextCursor) : null;
        if (!next) return controller.close();
        await new Promise((resolve) => setImmediate(resolve));
        page = await pageOf(next);
      } catch (error) {
        controller.error(error);
      }
    },
  });
  const filename = `journeys-${query.from}-to-${query.to}${query.stage ? `-${query.stage}` : ""}${query.arm ? `-${query.arm}` : ""}.csv`;
  return new Response(stream, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${filename}"`,
      "x-switchboard-total": String(page.total),
    },
  });
});
