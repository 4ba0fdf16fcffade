/** Deterministic movie files for the benchmark: the import format, and the same rows for psql \copy. */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

const WORDS = ['Dark', 'Night', 'Star', 'Love', 'War', 'Blue', 'Last', 'Red', 'City', 'Dream', 'Ghost', 'River', 'Iron', 'Silent', 'Golden', 'Amélie', 'Ça', 'Über', 'Noir', 'Kaze'];
const FIRST = ['Ann', 'Bo', 'Chen', 'Dana', 'Emil', 'Farah', 'Goro', 'Hana', 'Ivan', 'José', 'Kim', 'Lena'];
const LAST = ['Nolan', 'Varda', 'Kurosawa', 'Lee', 'Scott', 'Mann', 'Bigelow', 'Ozu', 'Herzog', 'Campion', 'Wong', 'Gerwig'];

export interface Row {
  title: string;
  year: number;
  directors: string[];
  theatre: boolean;
  mpa: string;
}

/** Row i of the benchmark table: titles are unique (they end in i). */
export function row(i: number): Row {
  let x = (i * 2654435761) >>> 0;
  const next = (n: number) => {
    x = (x * 1103515245 + 12345) >>> 0;
    return (x >>> 8) % n;
  };
  const title = `${WORDS[next(WORDS.length)]} ${WORDS[next(WORDS.length)]} ${WORDS[next(WORDS.length)]} ${i}`;
  const directors = Array.from({ length: 1 + next(2) }, () => `${FIRST[next(FIRST.length)]} ${LAST[next(LAST.length)]} ${next(500)}`);
  return { title, year: 1900 + next(125), directors, theatre: next(3) > 0, mpa: ['G', 'PG', 'PG-13', 'R', 'NC-17', ''][next(6)]! };
}

const q = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** Row i's values for a model with `runtime integer null` and `budget numeric(12,2) null` (a tenth of each empty). */
const extraColumns = (i: number) => `,${i % 10 === 3 ? '' : 60 + (i % 150)},${i % 10 === 7 ? '' : `${(i * 7919) % 1_000_000_000}.${String(i % 100).padStart(2, '0')}`}`;

/**
 * Writes rows offset..offset+n-1; `pg` writes directors as an array literal, which COPY (and
 * psql \copy) read: psql cannot split the import format's "a;b", so it gets the same rows so.
 * `extra` adds the runtime and budget columns of a model that has them.
 */
export async function writeCsv(path: string, n: number, { pg = false, offset = 0, extra = false } = {}): Promise<void> {
  const out = createWriteStream(path);
  const write = async (s: string) => {
    if (!out.write(s)) await once(out, 'drain');
  };
  await write(`title,year,directors,theatre,mpa${extra ? ',runtime,budget' : ''}\n`);
  let batch: string[] = [];
  for (let i = offset; i < offset + n; i++) {
    const r = row(i);
    const directors = pg ? `{${r.directors.map((d) => `"${d}"`).join(',')}}` : r.directors.join(';');
    batch.push(`${q(r.title)},${r.year},${q(directors)},${r.theatre},${r.mpa}${extra ? extraColumns(i) : ''}\n`);
    if (batch.length === 10_000) {
      await write(batch.join(''));
      batch = [];
    }
  }
  await write(batch.join(''));
  out.end();
  await once(out, 'finish');
}
