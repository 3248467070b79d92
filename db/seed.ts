import type { Db } from "./index";
import { SYSTEM_ACTOR } from "./queries/audit";
import { seedDemoConfiguration } from "./queries/config";
import { ingestEvents } from "./queries/events";
import { refreshRollups } from "./queries/rollups";
import { publishedConfiguration, runtimeState } from "./queries/runtime";
import { getSettings } from "./queries/settings";
import { setMembership, createWorkspace, upsertCallTypes } from "./queries/workspaces";
import { createUser, findUserByEmail } from "./queries/users";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, DEMO_WORKSPACE_NAME } from "./demo-accounts";
import { DEMO_CALL_TYPES } from "@/lib/demo/call-types";
import { DEMO_DEFAULTS, generateDemoEvents } from "@/lib/demo/generate";
import { eventBatchSchema, toStoredEvent } from "@/lib/events/schema";

export { DEMO_ACCOUNTS, DEMO_PASSWORD, DEMO_WORKSPACE_NAME };

export interface DemoOptions {
  seed: number;
  endDate: string;
  days: number;
  scale: number;
  timeZone: string;
  /** Events later than this instant (ms) are left out, so that the demo never holds the future. */
  until?: number;
}

function today(timeZone: string): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date());
}

export function demoOptionsFromEnv(source: Record<string, string | undefined> = process.env): DemoOptions {
  const timeZone = source.DEMO_TIME_ZONE || DEMO_DEFAULTS.timeZone;
  return {
    seed: Number(source.DEMO_SEED || DEMO_DEFAULTS.seed),
    endDate: source.DEMO_END_DATE || today(timeZone),
    days: Number(source.DEMO_DAYS || DEMO_DEFAULTS.days),
    scale: Number(source.DEMO_SCALE || DEMO_DEFAULTS.scale),
    timeZone,
  };
}

/**
 * Creates the demo workspace, its four accounts, its configuration and its events. The events go
 * through the same validation and ingestion as the API's, in API-sized batches. The simulation
 * decides its IVR, in-queue and post-call offers with the workspace's own published offers, as
 * the runtime would (docs/adr/017): it needs the workspace and offer ids, which assignment hashes.
 */
export async function seedDemo(db: Db, options: DemoOptions): Promise<{ workspaceId: string; events: number }> {
  const workspace = await createWorkspace(db, {
    name: DEMO_WORKSPACE_NAME,
    timeZone: options.timeZone,
    currency: "USD",
    phoneCost: 6.4,
    digitalCost: 0.9,
    windowHours: 72,
    resolutionTarget: 0.7,
  });
  for (const account of DEMO_ACCOUNTS) {
    // An account that exists already keeps its credentials.
    const user = (await findUserByEmail(db, account.email)) ?? (await createUser(db, { email: account.email, name: account.name, password: DEMO_PASSWORD }));
    await setMembership(db, workspace.id, user.id, account.role);
  }
  await upsertCallTypes(
    db,
    workspace.id,
    DEMO_CALL_TYPES.map(({ slug, name, phoneCost }) => ({ slug, name, phoneCost })),
  );
  await seedDemoConfiguration(db, workspace.id, SYSTEM_ACTOR);
  const state = await runtimeState(db, workspace.id);
  if (!state) throw new Error(`The demo workspace ${workspace.id} vanished while it was seeded`);
  const { offers } = await publishedConfiguration(db, workspace.id, state.revision);

  const endOfLastDay = Date.parse(`${options.endDate}T23:59:59Z`) + 14 * 3600 * 1000;
  const batchSchema = eventBatchSchema(() => endOfLastDay);
  let events = 0;
  const { until: _until, ...generatorOptions } = options;
  for (const batch of generateDemoEvents({ ...generatorOptions, runtime: { workspaceId: workspace.id, offers } })) {
    const until = options.until ?? Date.now();
    const present = batch.filter((event) => Date.parse(event.occurredAt) <= until);
    if (present.length === 0) continue;
    const parsed = batchSchema.parse({ events: present });
    const result = await ingestEvents(db, workspace.id, parsed.events.map(toStoredEvent));
    events += result.accepted;
  }
  // Derive journeys and daily rollups now, so that the first page opens at full speed.
  const settings = await getSettings(db, workspace.id);
  if (settings) await refreshRollups(db, workspace.id, settings);
  return { workspaceId: workspace.id, events };
}
