import type { LogEntry, LogSeverity } from "./model";

// The part of the Logging query language (https://cloud.google.com/logging/docs/view/logging-query-language)
// the adapter emits. Anything else is refused with INVALID_ARGUMENT, so an adapter that strays fails loudly.
//
//   filter     := clause ( ["AND"] clause )*          (juxtaposition is AND, as in Logging)
//   clause     := "(" filter ( "OR" filter )* ")" | comparison | text
//   comparison := field op value
//   field      := resource.type | resource.labels.job_name | resource.labels.service_name
//               | labels."run.googleapis.com/execution_name" | timestamp | severity | textPayload
//   op         := "=" | "!=" | ">=" | "<=" | ">" | "<" | ":"  (timestamp: order ops; severity: all but ":";
//                                                        textPayload: ":" and "="; the others: "=", "!=", ":")
//   value/text := "quoted string" | bare word

export class FilterError extends Error {}

type Predicate = (e: LogEntry) => boolean;
type Token = { kind: "(" | ")" | "op" | "str" | "word"; text: string; at: number };

const FIELDS: Record<string, (e: LogEntry) => string | undefined> = {
  "resource.type": (e) => e.resource.type,
  "resource.labels.job_name": (e) => e.resource.labels.job_name,
  "resource.labels.service_name": (e) => e.resource.labels.service_name,
  'labels."run.googleapis.com/execution_name"': (e) => e.labels?.["run.googleapis.com/execution_name"],
  textPayload: (e) => e.textPayload,
};
const SEVERITIES: LogSeverity[] = ["DEFAULT", "DEBUG", "INFO", "NOTICE", "WARNING", "ERROR", "CRITICAL"];

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i] as string;
    if (/\s/.test(c)) i++;
    else if (c === "(" || c === ")") tokens.push({ kind: c, text: c, at: i++ });
    else if (/[=!<>:]/.test(c)) {
      const op = /^(!=|>=|<=|=|<|>|:)/.exec(text.slice(i))?.[0];
      if (!op) throw new FilterError(`Unparseable filter: unexpected '${c}' at column ${i + 1}`);
      tokens.push({ kind: "op", text: op, at: i });
      i += op.length;
    } else if (c === '"') {
      const start = i++;
      let value = "";
      while (i < text.length && text[i] !== '"') {
        if (text[i] === "\\") i++;
        value += text[i] ?? "";
        i++;
      }
      if (text[i] !== '"') throw new FilterError(`Unparseable filter: unterminated string at column ${start + 1}`);
      i++;
      tokens.push({ kind: "str", text: value, at: start });
    } else {
      const start = i;
      let word = "";
      // A field path may hold a quoted segment: labels."run.googleapis.com/execution_name"
      while (i < text.length && !/[\s()=!<>:]/.test(text[i] as string)) {
        if (text[i] === '"' && word.endsWith(".")) {
          const end = text.indexOf('"', i + 1);
          if (end < 0) throw new FilterError(`Unparseable filter: unterminated string at column ${i + 1}`);
          word += text.slice(i, end + 1);
          i = end + 1;
        } else word += text[i++];
      }
      tokens.push({ kind: "word", text: word, at: start });
    }
  }
  return tokens;
}

export function parseFilter(text: string): Predicate {
  const tokens = tokenize(text);
  let pos = 0;
  const peek = () => tokens[pos];
  const fail = (why: string): never => {
    throw new FilterError(`Unparseable filter: ${why}`);
  };

  function conjunction(inParens: boolean): Predicate {
    const parts: Predicate[] = [];
    for (;;) {
      const t = peek();
      if (!t || t.kind === ")" || (t.kind === "word" && t.text === "OR")) break;
      if (t.kind === "word" && t.text === "AND") {
        if (parts.length === 0) fail(`AND at column ${t.at + 1} has nothing before it`);
        pos++;
        continue;
      }
      parts.push(clause());
    }
    if (parts.length === 0) fail("an empty expression");
    const next = peek();
    if (next?.kind === "word" && next.text === "OR" && !inParens) fail(`OR at column ${next.at + 1} outside parentheses is not supported by the simulator`);
    return (e) => parts.every((p) => p(e));
  }

  function clause(): Predicate {
    const t = tokens[pos++] as Token;
    if (t.kind === "(") {
      const alternatives = [conjunction(true)];
      while (peek()?.kind === "word" && peek()?.text === "OR") {
        pos++;
        alternatives.push(conjunction(true));
      }
      if (tokens[pos++]?.kind !== ")") fail(`missing ')' for '(' at column ${t.at + 1}`);
      return (e) => alternatives.some((p) => p(e));
    }
    if (t.kind === "word" && t.text === "NOT") return fail(`NOT at column ${t.at + 1} is not supported by the simulator`);
    if (peek()?.kind === "op" && t.kind === "word") return comparison(t.text, tokens[pos++] as Token);
    if (t.kind === "str" || t.kind === "word") {
      const needle = t.text.toLowerCase();
      return (e) => (e.textPayload ?? "").toLowerCase().includes(needle);
    }
    return fail(`unexpected '${t.text}' at column ${t.at + 1}`);
  }

  function comparison(field: string, op: Token): Predicate {
    const v = tokens[pos++];
    if (!v || (v.kind !== "str" && v.kind !== "word")) return fail(`a value must follow '${op.text}' at column ${op.at + 1}`);
    const value = v.text;
    if (field === "timestamp") {
      const ms = Date.parse(value);
      if (Number.isNaN(ms) || !/^(>=|<=|>|<|=)$/.test(op.text)) fail(`timestamp needs >=, <=, >, < or = and an RFC 3339 time, got ${op.text} "${value}"`);
      return (e) => compare(e.timestampMs, op.text, ms);
    }
    if (field === "severity") {
      const level = SEVERITIES.indexOf(value.toUpperCase() as LogSeverity);
      if (level < 0 || op.text === ":") fail(`severity ${op.text} ${value} is not a supported comparison`);
      return (e) => compare(SEVERITIES.indexOf(e.severity), op.text, level);
    }
    const read = FIELDS[field];
    if (!read) return fail(`the field '${field}' is not one the simulator supports (see sim/README.md)`);
    if (field === "textPayload" && op.text !== ":" && op.text !== "=") fail(`textPayload supports ':' and '=' only`);
    if (field !== "textPayload" && !["=", "!=", ":"].includes(op.text)) fail(`${field} supports =, != and : only`);
    const lower = value.toLowerCase();
    if (op.text === ":") return (e) => (read(e) ?? "").toLowerCase().includes(lower);
    if (op.text === "!=") return (e) => read(e) !== value;
    return (e) => read(e) === value;
  }

  const predicate = conjunction(false);
  if (pos < tokens.length) fail(`unexpected '${tokens[pos]?.text ?? ""}' at column ${(tokens[pos]?.at ?? 0) + 1}`);
  return predicate;
}

function compare(a: number, op: string, b: number): boolean {
  switch (op) {
    case ">=": return a >= b;
    case "<=": return a <= b;
    case ">": return a > b;
    case "<": return a < b;
    case "!=": return a !== b;
    default: return a === b;
  }
}
