/** `db reset`'s DDL: what to drop so that applying every migration starts from nothing. */
import type { EntityManager } from '@mikro-orm/postgresql';
import { MIGRATIONS_TABLE } from './config.js';

type SqlConnection = ReturnType<EntityManager['getConnection']>;

/** Drops movie, the migrations log and the given functions, in one transaction. */
export async function dropAppSchema(conn: SqlConnection, functions: string[]): Promise<void> {
  await conn.transactional(async (trx) => {
    await conn.execute(`drop table if exists "movie" cascade`, [], 'run', trx);
    await conn.execute(`drop table if exists "${MIGRATIONS_TABLE}" cascade`, [], 'run', trx);
    // The table's functions (triggers went with the table).
    for (const fn of functions) await conn.execute(`drop function if exists ${fn}`, [], 'run', trx);
  });
}

const CREATE_FUNCTION = /\bcreate\s+(?:or\s+replace\s+)?function\s+([\w."]+)\s*\(/gi;

/**
 * The functions that SQL creates, as `drop function` names them: "movie_directors_text(text[])".
 * Read from the migrations, so a new migration's functions are dropped by reset without a list to update.
 */
export function createdFunctions(statements: string[]): string[] {
  const found = new Set<string>();
  for (const sql of statements) {
    for (const match of sql.matchAll(CREATE_FUNCTION)) {
      const open = match.index + match[0].length;
      found.add(`${match[1]}(${sql.slice(open, closingParen(sql, open)).trim()})`);
    }
  }
  return [...found];
}

/** The index of the ")" that closes the "(" just before `from` (argument types may hold parentheses: numeric(10,2)). */
function closingParen(sql: string, from: number): number {
  let depth = 1;
  for (let i = from; i < sql.length; i++) {
    if (sql[i] === '(') depth++;
    else if (sql[i] === ')' && --depth === 0) return i;
  }
  return sql.length;
}
