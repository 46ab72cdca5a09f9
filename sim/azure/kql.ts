// The subset of KQL the simulator's Log Analytics understands (grammar in sim/README.md). Anything
// else is rejected with a KqlError, which logAnalytics.ts turns into the service's 400 BadArgumentError,
// so an adapter that emits unsupported KQL fails its tests instead of silently reading everything.

export const TABLE = "ContainerAppConsoleLogs_CL";
export const COLUMNS: Record<string, "datetime" | "string"> = {
  TimeGenerated: "datetime",
  ContainerGroupName_s: "string",
  ContainerName_s: "string",
  ContainerJobName_s: "string",
  ContainerImage_s: "string",
  Stream_s: "string",
  Log_s: "string",
  Type: "string",
};

export class KqlError extends Error {
  constructor(readonly kind: "SyntaxError" | "SemanticError", message: string, readonly token?: string, readonly pos?: number) {
    super(message);
  }
}

export type Condition =
  | { op: "and" | "or"; left: Condition; right: Condition }
  | { op: "not"; operand: Condition }
  | { op: StringOp; column: string; value: string }
  | { op: "in"; column: string; values: string[] }
  | { op: TimeOp; column: "TimeGenerated"; value: number };

type StringOp = "==" | "!=" | "=~" | "startswith" | "startswith_cs" | "contains" | "contains_cs" | "has";
type TimeOp = ">" | ">=" | "<" | "<=" | "==";
const STRING_OPS: StringOp[] = ["==", "!=", "=~", "startswith", "startswith_cs", "contains", "contains_cs", "has"];
const TIME_OPS: TimeOp[] = [">", ">=", "<", "<=", "=="];

export type Stage =
  | { kind: "where"; condition: Condition }
  | { kind: "project"; columns: string[] }
  | { kind: "order"; column: string; direction: "asc" | "desc" }
  | { kind: "take"; count: number };

/** The table followed by its pipeline stages, run in order like KQL does. */
export interface KqlQuery {
  stages: Stage[];
}

interface Token {
  kind: "word" | "string" | "number" | "punct";
  text: string;
  pos: number;
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  // An unquoted datetime literal (datetime(2024-01-01T00:00:00Z)) is read whole, as KQL does.
  const re = /\s+|(\/\/[^\n]*)|("(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')|(datetime\(\s*[0-9][^)"'\s]*\s*\))|(\d+)|([A-Za-z_][A-Za-z0-9_]*)|(==|!=|=~|>=|<=|[|(),<>=.;:!+\-*/[\]{}])/gy;
  let match: RegExpExecArray | null;
  let pos = 0;
  while (pos < text.length) {
    re.lastIndex = pos;
    match = re.exec(text);
    if (!match) throw new KqlError("SyntaxError", `Query could not be parsed at '${text[pos]}' on line [1,${pos}]`, text[pos], pos);
    if (match[2]) tokens.push({ kind: "string", text: JSON.parse(match[2][0] === "'" ? `"${match[2].slice(1, -1).replace(/"/g, '\\"')}"` : match[2]) as string, pos });
    else if (match[3]) {
      // Split into the same tokens as datetime("…") so the parser has one path.
      const inner = match[3].slice("datetime(".length, -1).trim();
      tokens.push({ kind: "word", text: "datetime", pos }, { kind: "punct", text: "(", pos }, { kind: "string", text: inner, pos }, { kind: "punct", text: ")", pos });
    } else if (match[4]) tokens.push({ kind: "number", text: match[4], pos });
    else if (match[5]) tokens.push({ kind: "word", text: match[5], pos });
    else if (match[6]) tokens.push({ kind: "punct", text: match[6], pos });
    pos = re.lastIndex;
  }
  return tokens;
}

class Parser {
  private i = 0;
  constructor(private readonly tokens: Token[]) {}

  parse(): KqlQuery {
    const query: KqlQuery = { stages: [] };
    const table = this.next("a table name");
    if (table.text !== TABLE) {
      throw new KqlError("SemanticError", `'${table.text}': the simulator only has the table ${TABLE}`, table.text, table.pos);
    }
    while (this.peek()) {
      this.expect("|");
      const op = this.next("a tabular operator");
      if (op.text === "where") query.stages.push({ kind: "where", condition: this.orExpr() });
      else if (op.text === "project") query.stages.push({ kind: "project", columns: this.columnList() });
      else if (op.text === "order" || op.text === "sort") {
        this.expectWord("by");
        const column = this.column();
        const dir = this.peek()?.text;
        // KQL sorts descending unless told otherwise.
        const direction = dir === "asc" || dir === "desc" ? (this.i++, dir) : "desc";
        query.stages.push({ kind: "order", column, direction });
      } else if (op.text === "take" || op.text === "limit") {
        const n = this.next("a number");
        if (n.kind !== "number") throw this.unexpected(n);
        query.stages.push({ kind: "take", count: Number(n.text) });
      } else {
        throw new KqlError("SemanticError", `The operator '${op.text}' is not supported by the simulator (see sim/README.md for the KQL subset)`, op.text, op.pos);
      }
    }
    return query;
  }

  private orExpr(): Condition {
    let left = this.andExpr();
    while (this.peek()?.text === "or") {
      this.i++;
      left = { op: "or", left, right: this.andExpr() };
    }
    return left;
  }

  private andExpr(): Condition {
    let left = this.primary();
    while (this.peek()?.text === "and") {
      this.i++;
      left = { op: "and", left, right: this.primary() };
    }
    return left;
  }

  private primary(): Condition {
    if (this.peek()?.text === "(") {
      this.i++;
      const inner = this.orExpr();
      this.expect(")");
      return inner;
    }
    if (this.peek()?.text === "not") {
      this.i++;
      this.expect("(");
      const operand = this.orExpr();
      this.expect(")");
      return { op: "not", operand };
    }
    const column = this.column();
    const opToken = this.next("a comparison operator");
    if (COLUMNS[column] === "datetime") {
      if (!TIME_OPS.includes(opToken.text as TimeOp)) throw this.unexpected(opToken);
      const fn = this.next("datetime(...)");
      if (fn.text !== "datetime") throw this.unexpected(fn);
      this.expect("(");
      const literal = this.next("a date-time");
      if (literal.kind !== "string") throw this.unexpected(literal);
      const ms = Date.parse(literal.text);
      if (Number.isNaN(ms)) throw new KqlError("SemanticError", `'${literal.text}' is not a valid datetime`, literal.text, literal.pos);
      this.expect(")");
      return { op: opToken.text as TimeOp, column: "TimeGenerated", value: ms };
    }
    if (opToken.text === "in") {
      this.expect("(");
      const values: string[] = [this.stringLiteral()];
      while (this.peek()?.text === ",") {
        this.i++;
        values.push(this.stringLiteral());
      }
      this.expect(")");
      return { op: "in", column, values };
    }
    if (!STRING_OPS.includes(opToken.text as StringOp)) throw this.unexpected(opToken);
    return { op: opToken.text as StringOp, column, value: this.stringLiteral() };
  }

  private stringLiteral(): string {
    const token = this.next("a string literal");
    if (token.kind !== "string") throw this.unexpected(token);
    return token.text;
  }

  private columnList(): string[] {
    const columns = [this.column()];
    while (this.peek()?.text === ",") {
      this.i++;
      columns.push(this.column());
    }
    return columns;
  }

  private column(): string {
    const token = this.next("a column name");
    if (token.kind !== "word") throw this.unexpected(token);
    if (!(token.text in COLUMNS)) {
      throw new KqlError("SemanticError", `Failed to resolve scalar expression named '${token.text}'`, token.text, token.pos);
    }
    return token.text;
  }

  private peek(): Token | undefined {
    return this.tokens[this.i];
  }

  private next(what: string): Token {
    const token = this.tokens[this.i++];
    if (!token) throw new KqlError("SyntaxError", `Query could not be parsed at end of query: expected ${what}`);
    return token;
  }

  private expect(text: string): void {
    const token = this.next(`'${text}'`);
    if (token.text !== text) throw this.unexpected(token);
  }

  private expectWord(text: string): void {
    this.expect(text);
  }

  private unexpected(token: Token): KqlError {
    return new KqlError("SyntaxError", `Query could not be parsed at '${token.text}' on line [1,${token.pos}]`, token.text, token.pos);
  }
}

export function parseKql(text: string): KqlQuery {
  return new Parser(tokenize(text)).parse();
}

export type Row = Record<string, string | number>;

export function matches(condition: Condition, row: Row): boolean {
  switch (condition.op) {
    case "and": return matches(condition.left, row) && matches(condition.right, row);
    case "or": return matches(condition.left, row) || matches(condition.right, row);
    case "not": return !matches(condition.operand, row);
    case "in": return condition.values.includes(String(row[condition.column]));
    default: break;
  }
  if (condition.column === "TimeGenerated" && typeof condition.value === "number") {
    const t = row.TimeGenerated as number;
    const v = condition.value;
    return { ">": t > v, ">=": t >= v, "<": t < v, "<=": t <= v, "==": t === v }[condition.op as TimeOp];
  }
  const cell = String(row[condition.column]);
  const value = String(condition.value);
  // KQL: startswith/contains/has/=~ ignore case; ==, != and the *_cs forms do not.
  switch (condition.op) {
    case "==": return cell === value;
    case "!=": return cell !== value;
    case "=~": return cell.toLowerCase() === value.toLowerCase();
    case "startswith": return cell.toLowerCase().startsWith(value.toLowerCase());
    case "startswith_cs": return cell.startsWith(value);
    case "contains": return cell.toLowerCase().includes(value.toLowerCase());
    case "contains_cs": return cell.includes(value);
    case "has": return new RegExp(`(^|[^A-Za-z0-9])${value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}($|[^A-Za-z0-9])`, "i").test(cell);
    default: return false;
  }
}

export function runKql(query: KqlQuery, rows: Row[]): { columns: string[]; rows: Row[] } {
  let columns = Object.keys(COLUMNS);
  let result = rows;
  const known = (column: string) => {
    if (!columns.includes(column)) throw new KqlError("SemanticError", `Failed to resolve scalar expression named '${column}'`, column);
  };
  for (const stage of query.stages) {
    if (stage.kind === "where") {
      for (const column of columnsOf(stage.condition)) known(column);
      result = result.filter((row) => matches(stage.condition, row));
    } else if (stage.kind === "project") {
      stage.columns.forEach(known);
      columns = stage.columns;
    } else if (stage.kind === "order") {
      known(stage.column);
      const sign = stage.direction === "asc" ? 1 : -1;
      const c = stage.column;
      result = [...result].sort((a, b) => (a[c]! < b[c]! ? -sign : a[c]! > b[c]! ? sign : 0));
    } else {
      result = result.slice(0, stage.count);
    }
  }
  return { columns, rows: result };
}

function columnsOf(condition: Condition): string[] {
  if ("left" in condition) return [...columnsOf(condition.left), ...columnsOf(condition.right)];
  if ("operand" in condition) return columnsOf(condition.operand);
  return [condition.column];
}
