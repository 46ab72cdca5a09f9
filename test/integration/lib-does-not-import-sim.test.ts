import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

// lib/ is production code: it must run against real clouds with no simulator in the bundle. Tests that
// need both live under test/. This scans every module under lib/ for an import of sim/.

const repoRoot = resolve(fileURLToPath(new URL("../..", import.meta.url)));
const libDir = join(repoRoot, "lib");
const simDir = join(repoRoot, "sim");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === "node_modules" || name === "generated") return [];
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx|mts|cts|js|mjs)$/.test(name) ? [path] : [];
  });
}

/** Module specifiers of static imports, re-exports, dynamic imports and require calls. */
export function specifiers(source: string): string[] {
  const found: string[] = [];
  const patterns = [
    /\b(?:import|export)\s[^'"`;]*?\sfrom\s*['"]([^'"]+)['"]/g,
    /\bimport\s*['"]([^'"]+)['"]/g,
    /\bimport\s*\(\s*['"`]([^'"`]+)['"`]\s*\)/g,
    /\brequire\s*\(\s*['"`]([^'"`]+)['"`]\s*\)/g,
  ];
  for (const pattern of patterns) for (const m of source.matchAll(pattern)) found.push(m[1]!);
  return found;
}

function pointsIntoSim(fromFile: string, specifier: string): boolean {
  if (specifier === "@/sim" || specifier.startsWith("@/sim/")) return true;
  if (!specifier.startsWith(".")) return false;
  const target = resolve(fromFile, "..", specifier);
  return target === simDir || target.startsWith(simDir + "/");
}

describe("lib/ never imports sim/", () => {
  it("recognises the ways an import can be written", () => {
    const src = `import { a } from "../../sim/server";\nexport * from '@/sim/x';\nconst m = await import("../sim/y");\nimport "./ok";`;
    expect(specifiers(src)).toEqual(["../../sim/server", "@/sim/x", "./ok", "../sim/y"]);
    expect(pointsIntoSim(join(libDir, "providers/azure/x.ts"), "../../../sim/server")).toBe(true);
    expect(pointsIntoSim(join(libDir, "providers/azure/x.ts"), "../../simulate")).toBe(false);
  });

  it("has no import of sim/ anywhere under lib/", () => {
    const offenders = sourceFiles(libDir).flatMap((file) =>
      specifiers(readFileSync(file, "utf8"))
        .filter((s) => pointsIntoSim(file, s))
        .map((s) => `${relative(repoRoot, file)} imports ${s}`),
    );
    expect(offenders).toEqual([]);
  });
});
