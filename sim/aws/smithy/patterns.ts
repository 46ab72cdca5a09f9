// `smithy.api#pattern` values are ECMA 262 regular expressions
// (https://smithy.io/2.0/spec/constraint-traits.html#pattern-trait). Some vendor patterns need the `u` flag
// (`\p{L}` in ECS and Logs tag patterns) and some are valid only without it (`[\w-_]`, `\_`, `\-` outside a
// class in EventBridge ARN patterns, which Annex B allows), so each is compiled with `u` first and without it
// second. As of the models in ../shared/specs every pattern compiles one way or the other; one that compiles
// neither way is skipped (not enforced) and listed by `skippedPatterns()` so a test can show it.

const compiled = new Map<string, RegExp | null>();

/** The pattern as a JS RegExp, or null when it compiles neither with nor without the `u` flag. */
export function compiledPattern(pattern: string): RegExp | null {
  if (compiled.has(pattern)) return compiled.get(pattern)!;
  const regex = tryCompile(pattern, "u") ?? tryCompile(pattern, "");
  compiled.set(pattern, regex);
  return regex;
}

/** Patterns met so far that JavaScript cannot compile, and so were not enforced. */
export function skippedPatterns(): string[] {
  return [...compiled].filter(([, regex]) => regex === null).map(([pattern]) => pattern);
}

function tryCompile(pattern: string, flags: string): RegExp | null {
  try {
    return new RegExp(pattern, flags);
  } catch {
    return null;
  }
}
