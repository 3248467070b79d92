import { readFileSync } from "node:fs";
import path from "node:path";
import Papa from "papaparse";
import { DEMO_CALL_TYPES, slugFromBanking77Category } from "@/lib/demo/call-types";

/**
 * PolyAI's banking77 (CC BY 4.0, db/demo/banking77/LICENSE): 77 intent categories and ~13,000
 * real customer utterances. The demo uses the utterances as what customers typed when the bot
 * could not help (`chat.unresolved`).
 */

export function defaultBanking77Dir(): string {
  return path.join(process.cwd(), "db", "demo", "banking77");
}

export interface Banking77 {
  /** Call type slugs, in categories.json order. */
  slugs: string[];
  /** Utterances per call type slug, train.csv then test.csv, in file order. */
  utterancesBySlug: Map<string, string[]>;
}

/** Reads categories.json, train.csv and test.csv; throws when they do not match DEMO_CALL_TYPES. */
export function loadBanking77(dataDir: string = defaultBanking77Dir()): Banking77 {
  const categories: unknown = JSON.parse(readFileSync(path.join(/*turbopackIgnore: true*/ dataDir, "categories.json"), "utf8"));
  if (!Array.isArray(categories) || !categories.every((category) => typeof category === "string")) {
    throw new Error(`${dataDir}/categories.json must be a JSON array of strings`);
  }
  const slugs = categories.map(slugFromBanking77Category);
  const expected = DEMO_CALL_TYPES.map((callType) => callType.slug);
  if (slugs.length !== expected.length || slugs.some((slug, i) => slug !== expected[i])) {
    throw new Error(`${dataDir}/categories.json does not match the demo call types (lib/demo/call-types.ts)`);
  }

  const utterancesBySlug = new Map<string, string[]>(slugs.map((slug) => [slug, []]));
  for (const file of ["train.csv", "test.csv"]) {
    const parsed = Papa.parse<{ text?: string; category?: string }>(readFileSync(path.join(/*turbopackIgnore: true*/ dataDir, file), "utf8"), {
      header: true,
      skipEmptyLines: true,
    });
    for (const row of parsed.data) {
      const text = row.text?.trim();
      const utterances = row.category === undefined ? undefined : utterancesBySlug.get(slugFromBanking77Category(row.category));
      if (text && utterances) utterances.push(text);
    }
  }
  for (const [slug, utterances] of utterancesBySlug) {
    if (utterances.length === 0) throw new Error(`${dataDir}: no utterances for ${slug}`);
  }
  return { slugs, utterancesBySlug };
}
