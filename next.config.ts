import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // `pg` loads optional native bindings at run time; keep it out of the server bundle.
  serverExternalPackages: ["pg", "@prisma/adapter-pg", "pg-boss"],
  // Type checking is its own step in `npm test` (tsc --noEmit over the whole repo); the build
  // doesn't repeat it, which keeps `npm start`'s rebuilds short.
  typescript: { ignoreBuildErrors: true },
};

export default nextConfig;
