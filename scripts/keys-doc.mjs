// The README's key table, generated from the app's one key table (src/ui/keys.ts), so the
// README cannot drift from the help overlay and the footer.
//   node scripts/keys-doc.mjs           print the table (needs `npm run build` first)
//   node scripts/keys-doc.mjs --write   rewrite README.md between the markers (npm run docs:keys)
// tests/readmeKeys.test.ts renders the same table from the TypeScript source and compares.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const START = '<!-- keys:start -->';
export const END = '<!-- keys:end -->';

// `<file>` would be read as an HTML tag and `|` as a cell boundary.
const cell = (text) => text.replace(/[<>|]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '|': '\\|' })[c]);

/** The markdown table of every key table, in the help overlay's order: one row per table. */
export function keysMarkdown(tables, keyLabel) {
  const rows = ['| where | keys |', '|---|---|'];
  for (const table of tables) {
    const bindings = Object.values(table.actions).map(({ keys, help }) => `${keys.map((k) => `\`${keyLabel(k)}\``).join(' ')} ${cell(help)}`);
    rows.push(`| **${cell(table.title)}** | ${bindings.join(' · ')} |`);
  }
  return rows.join('\n');
}

/** The part of the README between the markers, without the markers; undefined if they are missing. */
export function keysSection(readme) {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) return undefined;
  return readme.slice(start + START.length, end).trim();
}

export function withKeys(readme, table) {
  if (keysSection(readme) === undefined) throw new Error(`README.md has no ${START} … ${END} markers`);
  return readme.slice(0, readme.indexOf(START) + START.length) + '\n' + table + '\n' + readme.slice(readme.indexOf(END));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const { KEY_TABLES, keyLabel } = await import(pathToFileURL(`${root}dist/src/ui/keys.js`).href);
  const table = keysMarkdown(KEY_TABLES, keyLabel);
  if (process.argv.includes('--write')) {
    const file = `${root}README.md`;
    writeFileSync(file, withKeys(readFileSync(file, 'utf8'), table));
    console.log('README.md: key table rewritten');
  } else {
    console.log(table);
  }
}
