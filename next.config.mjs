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
};

export default nextConfig;
