import { toCsv } from "@/lib/csv";
import type { RowError } from "./mapping";

/**
 * The per-row error report as CSV: one line per problem, rows numbered as in a spreadsheet
 * (the header is row 1). Written by the app's one CSV writer, which defuses cells a spreadsheet
 * would run as a formula (they come from an uploaded file).
 */
export function errorReportCsv(errors: RowError[], total = errors.length): string {
  const lines = errors.map((error) => [error.row, error.column, error.field, error.message, error.value ?? ""]);
  if (total > errors.length) lines.push(["", "", "", `… and ${total - errors.length} more problems not listed`, ""]);
  return toCsv([["row", "column", "field", "problem", "value"], ...lines], { newline: "\n" });
}

/** Groups problems by message (with the field), most frequent first: "which mistake, how often". */
export function summarizeErrors(errors: RowError[]): { field: string; column: string; message: string; count: number; firstRow: number }[] {
  const groups = new Map<string, { field: string; column: string; message: string; count: number; firstRow: number }>();
  for (const error of errors) {
    const message = error.message.replace(/"[^"]*"/g, "…");
    const key = `${error.column}\u0000${error.field}\u0000${message}`;
    const group = groups.get(key);
    if (group) group.count++;
    else groups.set(key, { field: error.field, column: error.column, message, count: 1, firstRow: error.row });
  }
  return [...groups.values()].sort((a, b) => b.count - a.count || a.firstRow - b.firstRow);
}

/** Templates a user can download and fill in: the columns the import recognises at once. */
export const TEMPLATES = {
  call_log: [
    "call_start,customer_hash,call_type,queue,wait_seconds,handle_seconds,outcome",
    "2026-03-02 09:14:05,c_8f3a1e,card_arrival,cards,42,310,answered",
    "2026-03-02 09:16:40,c_77b0d2,lost_or_stolen_card,cards,185,,abandoned",
  ].join("\n"),
  bot_export: [
    "conversation_id,customer_phone,started_at,ended_at,intent,resolved,escalated,last_user_message,channel",
    "conv-1001,+14155550100,2026-03-02T09:14:05Z,2026-03-02T09:18:40Z,card_arrival,true,false,thanks that's all,web",
    "conv-1002,+14155550101,2026-03-02T09:20:00Z,2026-03-02T09:26:10Z,lost_or_stolen_card,false,false,my card is still not here,web",
  ].join("\n"),
  event_file: [
    "id,type,occurredAt,customer,journey,point,channel,callType,attributes",
    'evt-1,offer.shown,2026-03-02T09:14:05-05:00,c_8f3a1e,j-100,ivr_offer,voice,card_arrival,"{""dtmfKey"":""2""}"',
    "evt-2,chat.started,2026-03-02T09:16:10-05:00,c_8f3a1e,j-100,,sms,card_arrival,",
    'evt-3,chat.resolved,2026-03-02T09:21:44-05:00,c_8f3a1e,j-100,,sms,card_arrival,"{""utterance"":""where is my card""}"',
  ].join("\n"),
} as const;
