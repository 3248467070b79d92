/**
 * Headers of every answer. Pages also get a Content-Security-Policy with a nonce and, on https,
 * HSTS from proxy.ts (docs/adr/022-security-headers.md).
 */
const everyAnswer = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=()" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
];

/** An API answer is data: it loads nothing and is shown in no frame. */
const apiAnswer = [{ key: "Content-Security-Policy", value: "default-src 'none'; frame-ancestors 'none'" }];

/** As lib/security/headers.ts STRICT_TRANSPORT_SECURITY; here only the TLS proxy's header can tell. */
const overHttps = {
  has: [{ type: "header", key: "x-forwarded-proto", value: "https(,.*)?" }],
  headers: [{ key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" }],
};

/** @type {import('next').NextConfig} */
const nextConfig = {
  // A separate build folder lets e2e runs on different ports build side by side with `next dev`.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // PGlite loads its WebAssembly and data files from its own package folder at run time.
  serverExternalPackages: ["@electric-sql/pglite"],
  poweredByHeader: false,
  // Screenshots and tests reach the dev server as 127.0.0.1 as well as localhost.
  allowedDevOrigins: ["127.0.0.1"],
  typedRoutes: false,
  // forbidden(): a page a role may not use answers 403 from the server, not only a hidden link.
  experimental: { authInterrupts: true },
  async headers() {
    return [
      { source: "/:path((?!l/).*)", headers: everyAnswer },
      // A chat link (app/l/[token]/route.ts) sets its own Referrer-Policy, no-referrer: a header
      // set here would replace a route's own, and its token must not travel on.
      { source: "/l/:path+", headers: everyAnswer.filter((header) => header.key !== "Referrer-Policy") },
      { source: "/api/:path*", headers: apiAnswer },
      { source: "/api/:path*", ...overHttps },
    ];
  },
};

export default nextConfig;
