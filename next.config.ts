import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // `pg` loads optional native bindings at run time; keep it out of the server bundle.
  serverExternalPackages: ["pg", "@prisma/adapter-pg", "pg-boss"],
  // Type checking is its own step in `npm test` (tsc --noEmit over the whole repo); the build
  // doesn't repeat it, which keeps `npm start`'s rebuilds short.
  typescript: { ignoreBuildErrors: true },
  // Headers that never vary, on every answer including static files; the per-request ones (CSP with its
  // nonce, HSTS) are set in proxy.ts.
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          // URLs here carry job and account names and invitation tokens: nothing of them leaves the site.
          { key: "Referrer-Policy", value: "same-origin" },
          // For browsers without CSP frame-ancestors.
          { key: "X-Frame-Options", value: "DENY" },
        ],
      },
    ];
  },
};

export default nextConfig;
