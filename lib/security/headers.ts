/**
 * The Content-Security-Policy and Strict-Transport-Security of the app's pages, set per request by
 * proxy.ts. The headers that never change (nosniff, Referrer-Policy, X-Frame-Options, …) and the
 * policy of API answers are in next.config.mjs. docs/adr/022-security-headers.md says why.
 */

/** Two years, the subdomains of the app's own host too; preloading is left to the operator. */
export const STRICT_TRANSPORT_SECURITY = "max-age=63072000; includeSubDomains";

/** 128 random bits for one response, as base64. */
export function createNonce(): string {
  return btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));
}

export interface PagePolicyOptions {
  nonce: string;
  https: boolean;
  /** `next dev` rebuilds server error stacks in the browser with `eval`; production never does. */
  development: boolean;
}

/**
 * Scripts run only with this response's nonce, which Next.js puts on its own scripts, or when
 * loaded by such a script ('strict-dynamic'). Styles allow inline text: React writes `style`
 * attributes, Recharts sizes its charts with them, and Radix adds `<style>` elements with no nonce.
 */
export function pageContentSecurityPolicy({ nonce, https, development }: PagePolicyOptions): string {
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    // On plain http (a laptop, the e2e server) this would send every request to an https port
    // that is not there.
    ...(https ? ["upgrade-insecure-requests"] : []),
  ];
  return directives.join("; ");
}
