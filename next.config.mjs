/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite loads its WebAssembly and data files from its own package folder at run time.
  serverExternalPackages: ["@electric-sql/pglite"],
  poweredByHeader: false,
  typedRoutes: false,
  // forbidden(): a page a role may not use answers 403 from the server, not only a hidden link.
  experimental: { authInterrupts: true },
};

export default nextConfig;
