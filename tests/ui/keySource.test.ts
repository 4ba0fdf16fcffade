import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createKeySource, type KeySource } from '../../src/ui/input/keySource.js';
import type { ParsedEvent } from '../../src/ui/input/parse.js';
import { keyName } from '../../src/ui/keys.js';

/**
 * The key source with a fake clock: what it hands on and what it says, read by read. Keys go
 * on at once (`later` runs the next one straight away), so only the clock decides what a pause is.
 */
function source(typing: boolean) {
  const got: string[] = [];
  const notices: string[] = [];
  const keys = createKeySource(undefined, {
    deliver: (e: ParsedEvent) => got.push(e.kind === 'key' ? keyName(e) : e.kind === 'text' ? `text:${e.text}` : e.kind),
    typing: () => typing,
    notice: (t) => notices.push(t),
    later: (fn) => fn(),
  });
  return { keys, got, notices };
}

let opened: KeySource | undefined;
beforeEach(() => vi.useFakeTimers());
afterEach(() => {
  opened?.dispose();
  opened = undefined;
  vi.useRealTimers();
});

describe('an unmarked paste into a text field (no bracketed paste: text read faster than anyone types)', () => {
  it('is refused whole, its later reads too (the short last one included), with one notice; a key after the pause is typed', () => {
    const { keys, got, notices } = source(true);
    opened = keys;
    // As a pty hands over 200 KB: reads of 4,095 bytes a few ms apart, the last one short.
    for (let i = 0; i < 50; i++) {
      keys.push('x'.repeat(4095));
      vi.advanceTimersByTime(5);
    }
    keys.push('y'.repeat(150));
    vi.advanceTimersByTime(5);
    keys.push('?'); // typed in the burst: part of it
    expect(got).toEqual([]);
    expect(notices).toEqual(['ignored over 300 characters read at once (a paste the terminal did not mark)']);
    vi.advanceTimersByTime(600); // the pause: what comes next is typed
    keys.push('?');
    expect(got).toEqual(['text:?']);
    expect(notices).toHaveLength(1);
  });

  it('a key read alone a moment after the paste (150 ms) is typed, not lost with the paste', () => {
    const { keys, got, notices } = source(true);
    opened = keys;
    for (let i = 0; i < 50; i++) {
      keys.push('x'.repeat(4095));
      vi.advanceTimersByTime(5);
    }
    vi.advanceTimersByTime(150);
    keys.push('?');
    expect(got).toEqual(['text:?']);
    expect(notices).toHaveLength(1);
  });

  it('drops its line breaks with it (no Enter of the paste acts), and keeps the input after the pause', () => {
    const { keys, got } = source(true);
    opened = keys;
    keys.push(`${'line of text\r'.repeat(40)}`);
    vi.advanceTimersByTime(20);
    keys.push('more\rtext\r');
    expect(got).toEqual([]);
    vi.advanceTimersByTime(600);
    keys.push('Heat\r');
    expect(got).toEqual(['text:Heat', 'enter']);
  });

  it('still takes a person typing fast: 20 characters in one read, and read after read', () => {
    const { keys, got, notices } = source(true);
    opened = keys;
    keys.push('The Good, the Bad an');
    vi.advanceTimersByTime(30);
    keys.push('d the Ugly');
    expect(got).toEqual(['text:The Good, the Bad an', 'text:d the Ugly']);
    expect(notices).toEqual([]);
  });

  it('a bracketed paste of any size is still the field\'s to judge', () => {
    const { keys, got, notices } = source(true);
    opened = keys;
    keys.push(`\x1b[200~${'x'.repeat(5000)}\x1b[201~`);
    keys.push('a');
    expect(got).toEqual(['paste', 'text:a']);
    expect(notices).toEqual([]);
  });
});

describe('a key cut between two reads further apart than the Esc wait (a busy machine)', () => {
  it('is Esc (the wait ran out) and then the key, never typed text; after a pause, Esc then "[A" typed is text', () => {
    const { keys, got } = source(true);
    opened = keys;
    keys.push('\x1b');
    vi.advanceTimersByTime(80); // past the 30 ms wait
    keys.push('[1;5C');
    expect(got).toEqual(['esc', 'ctrl+right']);
    keys.push('\x1b');
    vi.advanceTimersByTime(40); // Esc, then a letter 40 ms later: Esc and the letter
    keys.push('x');
    expect(got).toEqual(['esc', 'ctrl+right', 'esc', 'text:x']);
    keys.push('\x1b');
    vi.advanceTimersByTime(2_000); // long after: what comes is typed
    keys.push('[A');
    expect(got).toEqual(['esc', 'ctrl+right', 'esc', 'text:x', 'esc', 'text:[A']);
  });
});
