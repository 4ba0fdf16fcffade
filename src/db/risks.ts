/**
 * Finds the steps of a migration that can lose data, from its SQL alone: dropped tables and
 * columns, narrowed types, new NOT NULL constraints, CASCADE, TRUNCATE and DELETE. Pure: the
 * caller passes the live column types and runs the counting queries this hands back.
 */

/** A destructive step, before its cost is counted on the live database. */
export interface RiskyStep {
  statement: string;
  /** What the step does, e.g. "drops movie.mpa". */
  what: string;
  /** Counts what would be lost (one row, one column `n`); undefined when it cannot be counted. */
  countSql?: string;
  /** What the count counts, e.g. "non-empty values". */
  unit: string;
}

/** A destructive step with its cost on the live database, as the preview shows it. */
export interface MigrationRisk {
  statement: string;
  /** "drops movie.mpa: 812 non-empty values" */
  message: string;
  /** Values or rows lost (or that make the step fail); undefined when they could not be counted. */
  lost?: number;
}

/** Column types as format_type() gives them, keyed "table.column" (unqualified table name). */
export type ColumnTypes = Map<string, string>;

const IDENT = String.raw`(?:"(?:[^"]|"")+"|[a-z_][\w$]*)`;
const QNAME = String.raw`${IDENT}(?:\.${IDENT})?`;
const re = (source: string) => new RegExp(source, 'is');

const DROP_TABLE = re(String.raw`^drop\s+table\s+(?:if\s+exists\s+)?(${QNAME}(?:\s*,\s*${QNAME})*)`);
const TRUNCATE = re(String.raw`^truncate\s+(?:table\s+)?(?:only\s+)?(${QNAME}(?:\s*,\s*${QNAME})*)`);
const DELETE = re(String.raw`^delete\s+from\s+(?:only\s+)?(${QNAME})(?:\s+(?:as\s+)?(?!where\b|using\b|returning\b)(${IDENT}))?(.*)$`);
const ALTER_TABLE = re(String.raw`^alter\s+table\s+(?:if\s+exists\s+)?(?:only\s+)?(${QNAME})\s+(.*)$`);
const DROP_COLUMN = re(String.raw`^drop\s+(?:column\s+)?(?!constraint\b)(?:if\s+exists\s+)?(${IDENT})`);
const ALTER_TYPE = re(String.raw`^alter\s+(?:column\s+)?(${IDENT})\s+(?:set\s+data\s+)?type\s+(.+?)(?:\s+collate\s+.*?)?(?:\s+using\s+.*)?$`);
const SET_NOT_NULL = re(String.raw`^alter\s+(?:column\s+)?(${IDENT})\s+set\s+not\s+null$`);
const CREATE_TABLE = re(String.raw`^create\s+table\s+(?:if\s+not\s+exists\s+)?(${QNAME})`);
const ADD_COLUMN = re(String.raw`^add\s+(?:column\s+)?(?!constraint\b|primary\b|unique\b|check\b|foreign\b)(?:if\s+not\s+exists\s+)?(${IDENT})\s+(.*)$`);

/** The destructive steps among a plan's statements, in order. `types` is updated as the statements would change it. */
export function findRisks(statements: string[], types: ColumnTypes = new Map()): RiskyStep[] {
  const steps: RiskyStep[] = [];
  for (const statement of statements) {
    const sql = flat(statement);
    const found = stepsOf(sql, statement, types);
    if (found.length === 0 && /\bcascade$/i.test(sql) && /^drop\b/i.test(sql)) {
      // drop index/function/schema … cascade: whatever depends on it goes too, unseen here.
      found.push({ statement, what: `${sql.replace(/\s+cascade$/i, '').toLowerCase()} with CASCADE`, unit: 'whatever depends on it is dropped too' });
    }
    steps.push(...found);
  }
  return steps;
}

function stepsOf(sql: string, statement: string, types: ColumnTypes): RiskyStep[] {
  let m: RegExpMatchArray | null;
  if ((m = sql.match(DROP_TABLE))) {
    return splitTop(m[1]!).map((name) => {
      const table = tableOf(name);
      forgetTable(types, table);
      return { statement, what: `drops table ${table}`, countSql: `select count(*) as n from ${quoteName(name)}`, unit: 'rows' };
    });
  }
  if ((m = sql.match(TRUNCATE))) {
    return splitTop(m[1]!).map((name) => ({ statement, what: `empties table ${tableOf(name)}`, countSql: `select count(*) as n from ${quoteName(name)}`, unit: 'rows' }));
  }
  if ((m = sql.match(DELETE))) {
    const [, name, alias, rest = ''] = m;
    const tail = rest.replace(/\s+returning\s+.*$/i, '');
    // DELETE … USING joins other tables: its WHERE cannot be run as a plain count.
    const countSql = /^\s*using\b/i.test(tail) ? undefined : `select count(*) as n from ${quoteName(name!)}${alias ? ` ${alias}` : ''}${tail}`;
    return [{ statement, what: `deletes from ${tableOf(name!)}`, countSql, unit: 'rows' }];
  }
  if ((m = sql.match(ALTER_TABLE))) {
    const [, name, actions] = m;
    return splitTop(actions!).flatMap((action) => alterStep(action, name!, statement, types));
  }
  return [];
}

function alterStep(action: string, name: string, statement: string, types: ColumnTypes): RiskyStep[] {
  const table = tableOf(name);
  const col = (ident: string) => `${table}.${unquote(ident)}`;
  const from = quoteName(name);
  let m: RegExpMatchArray | null;
  if ((m = action.match(DROP_COLUMN))) {
    const column = unquote(m[1]!);
    const type = types.get(col(m[1]!));
    types.delete(col(m[1]!));
    const q = quoteIdent(column);
    // For text-like columns an empty string carries nothing either.
    const empty = type && isTextual(type) ? ` and ${q}::text <> ''` : '';
    return [{ statement, what: `drops ${table}.${column}`, countSql: `select count(*) as n from ${from} where ${q} is not null${empty}`, unit: 'non-empty values' }];
  }
  if ((m = action.match(ALTER_TYPE))) {
    const key = col(m[1]!);
    const before = types.get(key);
    const after = m[2]!.trim();
    types.set(key, after);
    const step = typeChange(before, after, quoteIdent(unquote(m[1]!)), from);
    return step ? [{ statement, what: `${step.verb} ${key} from ${before ?? 'its current type'} to ${after}`, countSql: step.countSql, unit: step.unit }] : [];
  }
  if ((m = action.match(SET_NOT_NULL))) {
    const q = quoteIdent(unquote(m[1]!));
    return [{ statement, what: `makes ${col(m[1]!)} NOT NULL`, countSql: `select count(*) as n from ${from} where ${q} is null`, unit: 'rows with no value (the step fails on them)' }];
  }
  if ((m = action.match(ADD_COLUMN))) {
    const [, ident, definition] = m;
    types.set(col(ident!), definition!.split(/\s+(?=not\b|null\b|default\b|constraint\b|primary\b|unique\b|check\b|references\b|generated\b|collate\b)/i)[0]!);
    if (/\bnot\s+null\b/i.test(definition!) && !/\b(default|generated)\b/i.test(definition!)) {
      return [{ statement, what: `adds ${col(ident!)} NOT NULL without a default`, countSql: `select count(*) as n from ${from}`, unit: 'existing rows (the step fails on them)' }];
    }
  }
  return [];
}

interface TypeStep {
  verb: string;
  countSql: string;
  unit: string;
}

/** A type change that can lose values, with what counts them; undefined when it cannot (a widening). */
function typeChange(before: string | undefined, after: string, q: string, from: string): TypeStep | undefined {
  const a = before ? parseType(before) : undefined;
  const b = parseType(after);
  const where = (cond: string) => `select count(*) as n from ${from} where ${cond}`;
  const unknown = { verb: 'changes the type of', countSql: where(`${q} is not null`), unit: 'non-null values that may change or be lost' };
  if (!a || a.array !== b.array) return unknown;
  if (a.array) return sameType(a, b) ? undefined : unknown;
  if (sameType(a, b)) return undefined;
  if (TEXT.has(b.base)) {
    const length = b.args[0];
    if (length === undefined) return undefined; // to text or unbounded varchar: nothing is cut
    const old = TEXT.has(a.base) ? (a.args[0] ?? Infinity) : Infinity;
    if (length >= old) return undefined;
    return { verb: 'narrows', countSql: where(`length(${q}::text) > ${length}`), unit: `values longer than ${length} characters` };
  }
  if (b.base in INT_RANGE) {
    const [low, high] = INT_RANGE[b.base]!;
    const rank = (t: ParsedType) => (t.base in INT_RANGE ? INT_RANGE[t.base]![1] : undefined);
    const old = rank(a);
    if (old !== undefined && old <= high) return undefined;
    if (old === undefined && a.base !== 'numeric') return unknown;
    const fraction = a.base === 'numeric' ? ` or ${q} <> trunc(${q})` : '';
    return { verb: 'narrows', countSql: where(`${q} not between ${low} and ${high}${fraction}`), unit: 'values out of range or with a fraction' };
  }
  if (b.base === 'numeric' && (a.base === 'numeric' || a.base in INT_RANGE)) {
    const [precision, scale = 0] = b.args;
    if (precision === undefined) return undefined; // unbounded numeric holds every integer and numeric
    const [p0, s0 = 0] = a.base === 'numeric' ? a.args : [INT_DIGITS[a.base]!, 0];
    if (p0 !== undefined && p0 - s0 <= precision - scale && s0 <= scale) return undefined;
    const limit = `1e${precision - scale}`;
    return { verb: 'narrows', countSql: where(`abs(${q}) >= ${limit} or ${q} <> round(${q}, ${scale})`), unit: `values that do not fit numeric(${precision},${scale})` };
  }
  if (b.base === 'float8' && (a.base === 'float4' || a.base === 'int2' || a.base === 'int4')) return undefined;
  return unknown;
}

interface ParsedType {
  base: string;
  args: number[];
  array: boolean;
}

const ALIASES: Record<string, string> = {
  'character varying': 'varchar',
  character: 'bpchar',
  char: 'bpchar',
  int: 'int4',
  integer: 'int4',
  serial: 'int4',
  smallint: 'int2',
  smallserial: 'int2',
  bigint: 'int8',
  bigserial: 'int8',
  decimal: 'numeric',
  real: 'float4',
  'double precision': 'float8',
  float: 'float8',
  boolean: 'bool',
  'timestamp without time zone': 'timestamp',
  'timestamp with time zone': 'timestamptz',
};
const TEXT = new Set(['text', 'varchar', 'bpchar']);
const INT_RANGE: Record<string, [string, string]> = {
  int2: ['-32768', '32767'],
  int4: ['-2147483648', '2147483647'],
  int8: ['-9223372036854775808', '9223372036854775807'],
};
// Decimal digits an integer type can need, to compare with numeric(p, s).
const INT_DIGITS: Record<string, number> = { int2: 5, int4: 10, int8: 19 };

/** "character varying(80)" → varchar [80]; "text[]" → text, array. */
export function parseType(type: string): ParsedType {
  let t = type.trim().toLowerCase().replace(/"/g, '').replace(/\s+/g, ' ');
  const array = /\[\s*\d*\s*\]$/.test(t);
  t = t.replace(/(\s*\[\s*\d*\s*\])+$/, '');
  const m = t.match(/^([a-z0-9_ ]+?)\s*(?:\(([^)]*)\))?((?: with(?:out)? time zone)?)$/);
  const name = m ? `${m[1]}${m[3] ?? ''}`.trim() : t;
  const args = m?.[2] ? m[2].split(',').map((x) => Number(x.trim())) : [];
  const base = ALIASES[name] ?? name;
  // bpchar without a length is char(1).
  return { base, args: base === 'bpchar' && args.length === 0 ? [1] : args, array };
}

function sameType(a: ParsedType, b: ParsedType): boolean {
  return a.base === b.base && a.args.join(',') === b.args.join(',');
}

function isTextual(type: string): boolean {
  return TEXT.has(parseType(type).base);
}

/** Splits on commas outside quotes and parentheses. */
function splitTop(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quoted: string | undefined;
  let current = '';
  for (const ch of text) {
    if (quoted) {
      if (ch === quoted) quoted = undefined;
    } else if (ch === '"' || ch === "'") quoted = ch;
    else if (ch === '(') depth++;
    else if (ch === ')') depth--;
    else if (ch === ',' && depth === 0) {
      parts.push(current.trim());
      current = '';
      continue;
    }
    current += ch;
  }
  if (current.trim()) parts.push(current.trim());
  return parts;
}

/** The identifiers of a possibly qualified, possibly quoted name. */
function partsOf(name: string): string[] {
  return (name.match(new RegExp(IDENT, 'gi')) ?? []).map(unquote);
}

const unquote = (ident: string) => (ident.startsWith('"') ? ident.slice(1, -1).replace(/""/g, '"') : ident.toLowerCase());
const quoteIdent = (ident: string) => `"${ident.replace(/"/g, '""')}"`;
const quoteName = (name: string) => partsOf(name).map(quoteIdent).join('.');
const tableOf = (name: string) => partsOf(name).at(-1)!;

function forgetTable(types: ColumnTypes, table: string): void {
  for (const key of [...types.keys()]) if (key.startsWith(`${table}.`)) types.delete(key);
}

/** The line a user reads: "drops movie.mpa: 812 non-empty values". */
export function riskMessage(step: RiskyStep, lost: number | undefined): string {
  if (step.countSql === undefined) return `${step.what}: ${step.unit}`;
  return lost === undefined ? `${step.what}: could not count the ${step.unit} (assume data is lost)` : `${step.what}: ${lost} ${step.unit}`;
}

/**
 * The destructive steps of plans as "add_mpa_column drops movie.mpa: 812 non-empty values".
 * With `losingOnly`, only the steps that lose data on this database (a count of 0 loses
 * nothing; an unknown count may): those need the database name typed before they run.
 */
export function riskLines(plans: { label: string; risks: MigrationRisk[] }[], losingOnly = false): string[] {
  return plans.flatMap((p) => p.risks.filter((r) => !losingOnly || r.lost !== 0).map((r) => `${p.label} ${r.message}`));
}

/**
 * What rolling a migration back brings back empty: the columns (and tables) its `up` dropped and
 * its `down` adds again. The values went when it was applied; PostgreSQL cannot bring them back,
 * so the rollback makes an empty column. Said before the rollback runs.
 */
export function comesBackEmpty(up: string[], down: string[]): string[] {
  const dropped = new Set<string>();
  for (const statement of up) {
    const sql = flat(statement);
    let m: RegExpMatchArray | null;
    if ((m = sql.match(DROP_TABLE))) splitTop(m[1]!).forEach((name) => dropped.add(`table ${tableOf(name)}`));
    else if ((m = sql.match(ALTER_TABLE))) {
      const table = tableOf(m[1]!);
      for (const action of splitTop(m[2]!)) {
        const d = action.match(DROP_COLUMN);
        if (d) dropped.add(`${table}.${unquote(d[1]!)}`);
      }
    }
  }
  const back: string[] = [];
  for (const statement of down) {
    const sql = flat(statement);
    let m: RegExpMatchArray | null;
    if ((m = sql.match(CREATE_TABLE)) && dropped.has(`table ${tableOf(m[1]!)}`)) back.push(`table ${tableOf(m[1]!)} comes back empty: its rows were dropped when the migration was applied, and PostgreSQL cannot bring them back`);
    else if ((m = sql.match(ALTER_TABLE))) {
      const table = tableOf(m[1]!);
      for (const action of splitTop(m[2]!)) {
        const a = action.match(ADD_COLUMN);
        if (a && dropped.has(`${table}.${unquote(a[1]!)}`)) back.push(`${table}.${unquote(a[1]!)} comes back empty: its values were dropped when the migration was applied, and PostgreSQL cannot bring them back`);
      }
    }
  }
  return back;
}

const flat = (statement: string) => statement.trim().replace(/;\s*$/, '').replace(/\s+/g, ' ');

/** comesBackEmpty's lines of plans as "drop_runtime: movie.runtime comes back empty: …". */
export function emptyLines(plans: { label: string; comesBackEmpty?: string[] }[]): string[] {
  return plans.flatMap((p) => (p.comesBackEmpty ?? []).map((line) => `${p.label}: ${line}`));
}
