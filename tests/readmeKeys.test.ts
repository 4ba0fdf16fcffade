// The README's key table is generated from the app's key table (scripts/keys-doc.mjs); this
// fails when they differ, so a key added, removed or reworded in a screen's keys.ts reaches
// the README too.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { KEY_TABLES, keyLabel } from '../src/ui/keys.js';
import { keysMarkdown, keysSection } from '../scripts/keys-doc.mjs';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

describe("the README's key table", () => {
  it('is marked, so npm run docs:keys can rewrite it', () => {
    expect(keysSection(readme), 'README.md needs <!-- keys:start --> and <!-- keys:end --> around the key table').toBeDefined();
  });

  it('is exactly the table the app uses', () => {
    expect(keysSection(readme), 'the README key table differs from src/ui/keys.ts: run `npm run docs:keys`').toBe(keysMarkdown(KEY_TABLES, keyLabel));
  });

  it('gives every table a row, with every binding: its keys, then its help', () => {
    const rows = (keysMarkdown(KEY_TABLES, keyLabel) as string).split('\n');
    for (const t of KEY_TABLES) {
      const row = rows.find((r) => r.startsWith(`| **${t.title}** | `));
      expect(row, t.title).toBeDefined();
      for (const d of Object.values(t.actions) as { keys: readonly string[]; help: string }[]) {
        expect(row).toContain(`${d.keys.map((k) => `\`${keyLabel(k)}\``).join(' ')} ${d.help.replace(/</g, '&lt;').replace(/>/g, '&gt;')}`);
      }
    }
  });
});
