import { render } from 'ink-testing-library';
import { Text } from 'ink';
import React, { useImperativeHandle, useState, type RefObject } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { createKeySource } from '../../src/ui/input/keySource.js';
import type { ParsedEvent } from '../../src/ui/input/parse.js';
import type { KeyEvent } from '../../src/ui/input/types.js';
import { KeyRouter, useKeys, useTextSink } from '../../src/ui/keyRouter.js';
import { keyName } from '../../src/ui/keys.js';
import { CONFIRM_KEYS } from '../../src/ui/dialogs/keys.js';
import { MOVIES_KEYS, SEARCH_KEYS } from '../../src/ui/screens/movies/keys.js';
import { TestInput } from './support.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const describeEvent = (e: KeyEvent) => (e.kind === 'key' ? keyName(e) : `${e.kind}:${e.text}`);

/**
 * A list that opens a search field on "/" (closed by Enter), and asks a question over it on
 * Ctrl+C (as the app asks before quitting): enough of the app's shape to see where each key
 * goes. Everything received is logged.
 */
function Harness({ log, ask }: { log: string[]; ask: RefObject<(() => void) | null> }) {
  const [mode, setMode] = useState<'list' | 'search'>('list');
  const [help, setHelp] = useState(false);
  useImperativeHandle(ask, () => () => setHelp(true));
  useKeys(MOVIES_KEYS, (action, name) => {
    log.push(`movies:${action ?? '-'}:${name}`);
    if (action === 'search') setMode('search');
  }, mode === 'list' && !help);
  useKeys(SEARCH_KEYS, (action) => {
    log.push(`search:${action}`);
    if (action === 'done') setMode('list');
  }, mode === 'search' && !help);
  useKeys(CONFIRM_KEYS, (action, name) => {
    log.push(`confirm:${action ?? '-'}:${name}`);
    if (action === 'no') setHelp(false);
  }, help);
  // The search field keeps its sink while the question is up (as a hidden screen's field would).
  useTextSink((key) => {
    log.push(`field:${describeEvent(key)}`);
    return true;
  }, mode === 'search');
  return <Text>{help ? 'help' : mode}</Text>;
}

let unmount: (() => void) | undefined;
afterEach(() => unmount?.());

function setUp() {
  const log: string[] = [];
  const notices: string[] = [];
  const input = new TestInput();
  const ask = { current: () => {} };
  const onGlobal = (action: string) => {
    log.push(`global:${action}`);
    if (action === 'quit') ask.current();
  };
  const app = render(
    <KeyRouter onGlobal={onGlobal} onNotice={(t) => notices.push(t)} input={input}>
      <Harness log={log} ask={ask} />
    </KeyRouter>,
  );
  unmount = app.unmount;
  const settle = async (n = 1) => {
    for (let i = 0; i < 10 * n; i++) await new Promise((r) => setImmediate(r));
    await sleep(50);
  };
  return { log, notices, input, settle };
}

describe('the key router', () => {
  it('cuts text typed outside a field into keys, and hands the rest of a read to the field the first key opened', async () => {
    const { log, input, settle } = setUp();
    input.write('j/Heat\x01\rk');
    await settle(3);
    expect(log).toEqual(['movies:down:j', 'movies:search:/', 'field:text:Heat', 'field:ctrl+a', 'search:done', 'movies:up:k']);
  });

  it('sends keys the table takes to the screen, never to the field; the rest to the field', async () => {
    const { log, input, settle } = setUp();
    input.write('/');
    await settle();
    input.write('\x1b[D\x1b[3~\x7f\x15\x1bb\x1b[B');
    await settle(3);
    expect(log).toEqual(['movies:search:/', 'field:left', 'field:delete', 'field:backspace', 'field:ctrl+u', 'field:alt+b', 'search:done']);
  });

  it('ignores unknown keys (Ctrl+F1, colour codes, status reports) and says so, in any screen', async () => {
    const { log, notices, input, settle } = setUp();
    input.write('\x1b[1;5P\x1b[0m\x1b[31m\x1b[5nj');
    await settle(3);
    // Ctrl+F1 is a key with no binding: the screen sees its name and does nothing.
    expect(log).toEqual(['movies:-:ctrl+f1', 'movies:down:j']);
    expect(notices).toEqual(['ignored an unknown key (␛[0m)', 'ignored an unknown key (␛[31m)', 'ignored an unknown key (␛[5n)']);
  });

  it('gives a paste to the field; where no field takes text, drops it and says so', async () => {
    const { log, notices, input, settle } = setUp();
    input.write('\x1b[200~dq\x1b[201~');
    await settle();
    expect(log).toEqual([]);
    expect(notices).toEqual(['ignored a paste: nothing here takes text']);
    input.write('/\x1b[200~a\tb\x1b[201~');
    await settle(2);
    expect(log).toEqual(['movies:search:/', 'field:paste:a\tb']);
  });

  it('does not act on hundreds of keys read at once outside a field (an unmarked paste): drops them and says so', async () => {
    const { log, notices, input, settle } = setUp();
    input.write('j'.repeat(5000));
    // The terminal hands the rest of it over in more reads, right after: dropped with it.
    input.write('jd'.repeat(100));
    input.write('q');
    await settle(3);
    expect(log).toEqual([]);
    expect(notices.at(-1)).toBe('ignored 5,201 keys read at once (a paste?): nothing here takes text');
    await sleep(150); // a pause: what comes next is typed again
    input.write('k');
    await settle();
    expect(log).toEqual(['movies:up:k']); // and the next key works
  });

  it('gives a field under a question nothing: text there is keys for the question', async () => {
    const { log, input, settle } = setUp();
    input.write('/');
    await settle();
    input.write('\x1b[1;5A'); // no binding anywhere: to the field
    await settle();
    input.write('\x1a'); // Ctrl+Z: global, also from a field
    await settle();
    input.write('\x03'); // Ctrl+C: the question
    await settle();
    input.write('xn');
    await settle(2);
    input.write('ab');
    await settle(2);
    expect(log).toEqual(['movies:search:/', 'field:ctrl+up', 'global:suspend', 'global:quit', 'confirm:-:x', 'confirm:no:n', 'field:text:ab']);
  });
});

describe('the key source', () => {
  it('hands keys on in order: the first at once, each next one only after React had its turns', async () => {
    const got: string[] = [];
    let typing = false;
    const later: (() => void)[] = [];
    const source = createKeySource(undefined, {
      deliver: (e: ParsedEvent) => {
        got.push(e.kind === 'key' ? keyName(e) : e.kind === 'text' ? `text:${e.text}` : e.kind);
        if (e.kind === 'key' && e.name === '/') typing = true;
      },
      typing: () => typing,
      notice: () => {},
      later: (fn) => later.push(fn),
    });
    source.push('j/ab\r');
    expect(got).toEqual(['j']);
    source.push('\x1b[B'); // read later: behind what waits
    while (later.length) later.shift()!();
    expect(got).toEqual(['j', '/', 'text:ab', 'enter', 'down']);
    source.dispose();
  });

  it('makes a lone ESC the Esc key once nothing follows it, and waits for the rest of a sequence otherwise', async () => {
    const got: string[] = [];
    const source = createKeySource(undefined, { deliver: (e) => got.push(e.kind === 'key' ? keyName(e) : e.kind), typing: () => false, notice: () => {}, escDelayMs: 20 });
    source.push('\x1b');
    expect(got).toEqual([]);
    await sleep(60);
    expect(got).toEqual(['esc']);
    source.push('\x1b');
    source.push('[A');
    await sleep(60);
    expect(got).toEqual(['esc', 'up']);
    source.dispose();
  });
});
