// Lint in `npm test`: Next's own rules (React, hooks, Core Web Vitals) and typescript-eslint's.
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

const config = [
  ...nextVitals,
  ...nextTypescript,
  {
    rules: {
      // `_name` marks a value deliberately left unused (a destructured field dropped, a required parameter).
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_", ignoreRestSiblings: true }],
    },
  },
  {
    // Vitest set-up helpers are named `useTestDatabase` and the like; they are not React hooks.
    files: ["**/*.test.ts", "test/**/*.ts"],
    rules: { "react-hooks/rules-of-hooks": "off" },
  },
  { ignores: [".next/**", "node_modules/**", ".data/**", "lib/db/generated/**", "test-results/**", "next-env.d.ts"] },
];
export default config;
