import { z } from "zod";

/**
 * Environment variables, parsed once with a clear message for what is wrong. Read through
 * `env()` so that tests and the CLI can set variables before first use.
 */
const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// URL")
    .optional(),
  PGLITE_DIR: z.string().min(1).default(".data/pglite"),
  AUTH_SECRET: z.string().min(16, "must be at least 16 characters (try: openssl rand -base64 32)").optional(),
  SWITCHBOARD_DEMO: z.enum(["0", "1"]).optional(),
  OIDC_ISSUER: z.url().optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  OIDC_NAME: z.string().min(1).default("Single sign-on"),
  /** Base URL of Twilio's REST API; tests point it at a local stand-in (docs/adr/025). */
  TWILIO_API_BASE: z.url({ protocol: /^https?$/, error: "must be an http(s) URL such as https://api.twilio.com" }).optional(),
});

export type Env = z.infer<typeof schema> & { authSecret: string; demoMode: boolean; oidcEnabled: boolean };

const DEVELOPMENT_SECRET = "switchboard-development-secret-not-for-production";
/** HMAC-SHA256 keys shorter than its 32-byte output weaken it; a production secret must be at least that long. */
const MIN_PRODUCTION_SECRET_BYTES = 32;

export class EnvError extends Error {}

export function parseEnv(raw: Record<string, string | undefined>): Env {
  // An empty variable (`DATABASE_URL=`) means "not set".
  const source = Object.fromEntries(Object.entries(raw).filter(([, value]) => value !== ""));
  const parsed = schema.safeParse({ ...source, AUTH_SECRET: source.AUTH_SECRET ?? source.NEXTAUTH_SECRET });
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new EnvError(`Switchboard cannot start, the environment is not valid:\n${lines.join("\n")}`);
  }
  const value = parsed.data;
  if (!value.AUTH_SECRET && value.NODE_ENV === "production") {
    throw new EnvError(
      "Switchboard cannot start: AUTH_SECRET is not set. It signs the sign-in sessions; set it to a long random " +
        "string, for example: AUTH_SECRET=$(openssl rand -base64 32) npm start",
    );
  }
  if (value.AUTH_SECRET && value.NODE_ENV === "production" && Buffer.byteLength(value.AUTH_SECRET) < MIN_PRODUCTION_SECRET_BYTES) {
    throw new EnvError(
      `Switchboard cannot start: AUTH_SECRET has ${Buffer.byteLength(value.AUTH_SECRET)} bytes; a production server needs at least ` +
        `${MIN_PRODUCTION_SECRET_BYTES}, for example: AUTH_SECRET=$(openssl rand -base64 32) npm start`,
    );
  }
  const oidcParts = [value.OIDC_ISSUER, value.OIDC_CLIENT_ID, value.OIDC_CLIENT_SECRET].filter(Boolean).length;
  if (oidcParts !== 0 && oidcParts !== 3) {
    throw new EnvError("Switchboard cannot start: single sign-on needs all of OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET.");
  }
  return {
    ...value,
    authSecret: value.AUTH_SECRET ?? DEVELOPMENT_SECRET,
    // `npm run dev` on the embedded database is the demo; a production server only when asked.
    demoMode: value.SWITCHBOARD_DEMO ? value.SWITCHBOARD_DEMO === "1" : value.NODE_ENV !== "production" && !value.DATABASE_URL,
    oidcEnabled: oidcParts === 3,
  };
}

let cached: Env | undefined;
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
