import { describe, expect, it } from 'vitest';
import { createKeyQueue, nextKey, PASTE_END, PASTE_START } from '../../src/ui/keyQueue.js';

const tick = () => new Promise((r) => setImmediate(r));

describe('keys typed together', () => {
  it('outside a text field every character is a key of its own', () => {
    expect(nextKey('jD', false)).toBe('j');
    expect(nextKey('🎬x', false)).toBe('🎬');
  });

  it('in a text field printable runs stay one paste, control characters are keys of their own', () => {
    expect(nextKey('Heat\t1995', true)).toBe('Heat');
    expect(nextKey('\t1995', true)).toBe('\t');
    expect(nextKey('\x13', true)).toBe('\x13');
    expect(nextKey('ab\x7f', true)).toBe('ab');
  });

  it('leaves escape sequences whole: Ink already cut them out one by one', () => {
    expect(nextKey('\x1b[A', false)).toBe('\x1b[A');
    expect(nextKey('\x1bj', true)).toBe('\x1bj');
  });

  it('hands keys on in order, one per turn of the event loop, and asks for the scope before each', async () => {
    const got: string[] = [];
    let typing = false;
    const q = createKeyQueue((k) => {
      got.push(k);
      if (k === '/') typing = true; // the key opened a text field
    }, () => typing);
    q.push('j');
    expect(got).toEqual(['j']); // a key with nothing pending goes on at once
    q.push('k/Heat\r');
    expect(got).toEqual(['j']); // the next waits until React has done the work of the last
    q.push('\x1b[B'); // read later: waits behind what is queued
    for (let i = 0; i < 20 && got.length < 6; i++) await tick();
    expect(got).toEqual(['j', 'k', '/', 'Heat', '\r', '\x1b[B']);
    for (let i = 0; i < 5; i++) await tick();
    q.push('G');
    expect(got.at(-1)).toBe('G'); // idle again: at once
  });

  it('drops what is queued when disposed', async () => {
    const got: string[] = [];
    const q = createKeyQueue((k) => got.push(k), () => false);
    q.push('abc');
    q.dispose();
    for (let i = 0; i < 5; i++) await tick();
    expect(got).toEqual(['a']);
  });

  it('hands a bracketed paste to a text field whole, control characters and all, without its final line break', async () => {
    const got: string[] = [];
    const q = createKeyQueue((k) => got.push(k), () => true);
    // Ink cuts input at escapes; the queue joins the paste's pieces again.
    for (const part of [PASTE_START, 'cd\x07ef\tgh', '\x1b[31m', 'red\n', PASTE_END]) q.push(part);
    q.push('\x13');
    for (let i = 0; i < 20 && got.length < 2; i++) await tick();
    expect(got).toEqual(['cd\x07ef\tgh\x1b[31mred', '\x13']);
  });

  it('drops a paste where nothing takes text: pasted letters never act as commands', async () => {
    const got: string[] = [];
    const q = createKeyQueue((k) => got.push(k), () => false);
    for (const part of [PASTE_START, 'ddq', PASTE_END, 'j']) q.push(part);
    for (let i = 0; i < 20 && got.length < 1; i++) await tick();
    await tick();
    expect(got).toEqual(['j']);
  });
});
