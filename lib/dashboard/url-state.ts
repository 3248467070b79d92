/**
 * The dashboards' filters, kept in the URL (nuqs) so that every view is a link to share. The same
 * parsers read the URL on the server (page.tsx, to prefetch) and in the browser (the hooks), so
 * both see the same filters. Anything invalid in a link reads as absent, never as an error.
 */
import { createLoader, createParser, parseAsStringLiteral } from "nuqs/server";
import { CALL_TYPE_SLUG, CHANNELS, INTERVENTION_POINTS, STAGES } from "@/lib/domain";
import { JOURNEY_ARMS, PARITY_STATUSES, TIMESERIES_INTERVALS } from "@/lib/metrics/types";
import { isDay, isMonth } from "./period";

export const parseAsDay = createParser({ parse: (value: string) => (isDay(value) ? value : null), serialize: (value: string) => value });
export const parseAsMonth = createParser({ parse: (value: string) => (isMonth(value) ? value : null), serialize: (value: string) => value });
export const parseAsCallType = createParser({
  parse: (value: string) => (CALL_TYPE_SLUG.test(value) ? value : null),
  serialize: (value: string) => value,
});
/** An RFC 3339 instant, as the journeys API takes `asOf`. */
export const parseAsInstant = createParser({
  parse: (value: string) => (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(value) && !Number.isNaN(Date.parse(value)) ? value : null),
  serialize: (value: string) => value,
});

/** Overview, funnels, per-point funnel: the period and the journey filters. */
export const filterParsers = {
  from: parseAsDay,
  to: parseAsDay,
  point: parseAsStringLiteral(INTERVENTION_POINTS),
  callType: parseAsCallType,
  channel: parseAsStringLiteral(CHANNELS),
  interval: parseAsStringLiteral(TIMESERIES_INTERVALS),
};

export const parityParsers = {
  from: parseAsDay,
  to: parseAsDay,
  point: parseAsStringLiteral(INTERVENTION_POINTS),
  channel: parseAsStringLiteral(CHANNELS),
  status: parseAsStringLiteral(PARITY_STATUSES),
};

export const roiParsers = {
  from: parseAsMonth,
  to: parseAsMonth,
  point: parseAsStringLiteral(INTERVENTION_POINTS),
  callType: parseAsCallType,
  channel: parseAsStringLiteral(CHANNELS),
};

/** The journeys behind a number: the filters of the number, its stage and the `asOf` it was computed at. */
export const journeysParsers = {
  from: parseAsDay,
  to: parseAsDay,
  point: parseAsStringLiteral(INTERVENTION_POINTS),
  callType: parseAsCallType,
  channel: parseAsStringLiteral(CHANNELS),
  stage: parseAsStringLiteral(STAGES),
  arm: parseAsStringLiteral(JOURNEY_ARMS),
  asOf: parseAsInstant,
};

export const loadFilters = createLoader(filterParsers);
export const loadParityFilters = createLoader(parityParsers);
export const loadRoiFilters = createLoader(roiParsers);
export const loadJourneysFilters = createLoader(journeysParsers);
