/**
 * The app's keyboard: reads the terminal itself (Ink never does, see run.tsx), parses what it
 * reads into typed keys and hands them on in order.
 *
 * One read can hold several keys: typed faster than the app reads them (a busy moment, ssh, key
 * repeat, typeahead), they arrive together. Each is handed on once React has finished what the
 * previous one started, so it meets the screen the previous one left (the form opened by "a",
 * the field focused by Tab, the picker opened by Space). Ink 6.8 renders with React's legacy
 * root: a state update made outside React renders and runs layout effects within microtasks,
 * and queues the passive effects on React's scheduler as a setImmediate; two setImmediate turns
 * later all of it is done. The first key of a quiet moment goes on at once.
 *
 * A run of printable characters stays whole for a text field and is cut into single keys
 * elsewhere. Outside a text field the work is bounded: more keys than a person types ahead
 * (an unmarked paste into the list) are not acted on one by one but dropped, and the user told.
 * In a text field, a read of more than that is an unmarked paste (a terminal without bracketed
 * paste, tmux send-keys): it is refused whole, with the reads that follow it until input
 * pauses, so neither its short last read nor its line breaks (Enter) act on the field.
 */
import { createParser, type ParsedEvent } from './parse.js';

/** What the source reads: process.stdin, or in tests any emitter of string chunks. */
export interface KeyInput {
  on(event: 'data', listener: (chunk: string | Buffer) => void): unknown;
  off(event: 'data', listener: (chunk: string | Buffer) => void): unknown;
  setEncoding?(encoding: BufferEncoding): unknown;
  resume?(): unknown;
  pause?(): unknown;
}

export interface KeySourceOptions {
  /** Receives each key, text run, paste or unknown sequence, in order. */
  deliver(event: ParsedEvent): void;
  /** Whether a text field takes keys right now (asked before each key is handed on). */
  typing(): boolean;
  /** A one-line message for the status line (input dropped). */
  notice(text: string): void;
  /** Runs `fn` once React has done the work the last key started (default: two setImmediate turns). */
  later?: (fn: () => void) => void;
  /** How long a lone ESC waits for the rest of a sequence before it is the Esc key. */
  escDelayMs?: number;
  /** How long a bracketed paste may pause before it is taken as ended. */
  pasteIdleMs?: number;
  /** Most keys queued outside a text field that are still acted on one by one; in a field, most read at once that are typed. */
  maxKeys?: number;
}

export interface KeySource {
  /** Parses a chunk as if read (what the 'data' listener does). */
  push(chunk: string): void;
  /** Stops reading; drops what is queued. */
  dispose(): void;
}

export const afterReact = (fn: () => void) => setImmediate(() => setImmediate(fn));

/** Characters (code points) in a text run, without building an array. */
function units(event: ParsedEvent): number {
  if (event.kind !== 'text') return 1;
  let n = 0;
  for (let i = 0; i < event.text.length; i++) {
    const c = event.text.charCodeAt(i);
    if (c < 0xdc00 || c > 0xdfff) n++;
  }
  return n;
}

export function createKeySource(input: KeyInput | undefined, options: KeySourceOptions): KeySource {
  const { deliver, typing, notice, later = afterReact, escDelayMs = 30, pasteIdleMs = 500, maxKeys = 300 } = options;
  const parser = createParser();
  let queue: ParsedEvent[] = [];
  let head = 0;
  let queued = 0; // units waiting, for the bound
  let busy = false;
  let disposed = false;
  let timer: NodeJS.Timeout | undefined;
  // After input too big to act on, the rest of it (the terminal hands a paste over in several
  // reads) is dropped too, until the reads pause. Outside a field a short pause ends it, or a
  // field taking keys. In a field it ends as a bracketed paste without its end marker does
  // (pasteIdleMs): a paste's reads may pause longer on a busy machine, and one read of its tail
  // taken would be typed into the field.
  // A key or two read alone after a short pause (TYPED_MAX, DROP_PAUSE_MS) is a person's again,
  // not the paste's: a `?` typed right after a refused paste was lost without a sign.
  let dropping: { until: number; count: number; inField: boolean; last: number } | undefined;
  const DROP_PAUSE_MS = 100;
  const TYPED_MAX = 4;

  const drop = () => {
    queue = [];
    head = 0;
    queued = 0;
  };
  /** The next event to hand on, taken off the queue; undefined when nothing (more) is to be handed on now. */
  const take = (): ParsedEvent | undefined => {
    while (head < queue.length) {
      const typingNow = typing();
      if (!typingNow && queued > maxKeys) {
        dropping = { until: Date.now() + DROP_PAUSE_MS, count: queued, inField: false, last: Date.now() };
        tellDropped();
        drop();
        return undefined;
      }
      const event = queue[head]!;
      if (event.kind === 'paste' && !typingNow) {
        head++;
        queued--;
        notice('ignored a paste: nothing here takes text');
        continue;
      }
      if (event.kind === 'text' && !typingNow) {
        // One key at a time: the next may find a text field the first one opened.
        const ch = String.fromCodePoint(event.text.codePointAt(0)!);
        queued--;
        if (ch.length === event.text.length) head++;
        else queue[head] = { kind: 'text', text: event.text.slice(ch.length) };
        return { kind: 'key', name: ch === ' ' ? 'space' : ch, ctrl: false, alt: false, shift: false, sequence: ch };
      }
      head++;
      queued -= units(event);
      return event;
    }
    drop();
    return undefined;
  };
  const settled = () => {
    busy = false;
    if (disposed) return;
    const event = take();
    if (!event) return;
    busy = true;
    try {
      deliver(event);
    } finally {
      later(settled);
    }
  };
  const tellDropped = () => notice(`ignored ${dropping!.count.toLocaleString('en-US')} keys read at once (a paste?): nothing here takes text`);
  const add = (events: ParsedEvent[]) => {
    const now = Date.now();
    const typed = now - (dropping?.last ?? now) >= DROP_PAUSE_MS && events.reduce((n, e) => n + units(e), 0) <= TYPED_MAX;
    if (dropping?.inField && now < dropping.until && !typed) {
      dropping.until = now + pasteIdleMs;
      dropping.last = now;
      return;
    }
    if (dropping && now < dropping.until && !typing()) {
      dropping.until = now + DROP_PAUSE_MS;
      dropping.count += events.reduce((n, e) => n + units(e), 0);
      tellDropped();
      return;
    }
    dropping = undefined;
    if (typing() && events.reduce((n, e) => n + units(e), 0) > maxKeys) {
      dropping = { until: now + pasteIdleMs, count: 0, inField: true, last: now };
      notice(`ignored over ${maxKeys.toLocaleString('en-US')} characters read at once (a paste the terminal did not mark)`);
      return;
    }
    for (const e of events) {
      queue.push(e);
      queued += units(e);
    }
    if (!busy) settled();
  };
  // When the wait for the rest of a sequence ran out: the rest may still come, late, on a busy
  // machine (the parser then reads it as its key, not as text), but not after a pause this long.
  let flushedAt: number | undefined;
  const LATE_REST_MS = 500;
  const push = (chunk: string) => {
    if (disposed) return;
    clearTimeout(timer);
    if (flushedAt !== undefined && Date.now() - flushedAt > LATE_REST_MS) parser.settle();
    flushedAt = undefined;
    add(parser.push(chunk));
    const waiting = parser.pending();
    if (waiting) {
      timer = setTimeout(() => {
        flushedAt = Date.now();
        add(parser.flush());
      }, waiting === 'esc' ? escDelayMs : pasteIdleMs);
    }
  };
  const onData = (chunk: string | Buffer) => push(typeof chunk === 'string' ? chunk : chunk.toString('utf8'));

  input?.setEncoding?.('utf8');
  input?.on('data', onData);
  input?.resume?.();
  return {
    push,
    dispose() {
      disposed = true;
      clearTimeout(timer);
      drop();
      input?.off('data', onData);
      // Stop reading, so the process can exit once the app is done.
      input?.pause?.();
    },
  };
}
