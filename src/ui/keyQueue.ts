import { unstable_LowPriority, unstable_scheduleCallback } from 'scheduler';

/**
 * One read from the terminal can hold several keys: typed faster than the app reads them (a
 * busy moment, ssh, key repeat), they arrive together, and Ink 6.8 passes a run of plain
 * characters on as one input ("jD"), which no binding matches, so both keys were lost.
 * This queue cuts such input into keys and hands them on in order, each once React has
 * finished what the previous one started, so it meets the screen the previous one left (the
 * form opened by "a", the field focused by Tab, subscribed to input).
 *
 * A paste is different: the terminal marks it (bracketed paste, switched on in terminal.ts),
 * and it goes whole to a text field, to be taken or refused there, never acted on as keys.
 */

const CONTROL = /[\x00-\x1f\x7f]/;
export const PASTE_START = '\x1b[200~';
export const PASTE_END = '\x1b[201~';

/**
 * The first key in `data`, one input as Ink parsed it. A control character (Enter, Tab,
 * Ctrl+S, Backspace) is always a key of its own. Where text is being typed, a run of
 * printable characters stays together; elsewhere each character is a key.
 */
export function nextKey(data: string, typing: boolean): string {
  // Ink's parser already cut escape sequences (arrows, Alt+x, Esc) out one by one.
  if (data.startsWith('\x1b')) return data;
  const first = String.fromCodePoint(data.codePointAt(0)!);
  if (!typing || CONTROL.test(first)) return first;
  const end = data.search(CONTROL);
  return end === -1 ? data : data.slice(0, end);
}

/**
 * Runs `fn` after the work React has been asked for so far. Ink's React renders from the
 * scheduler: a key's state update queues a microtask that queues the render as a task, and the
 * commit queues the effects (a field subscribing to input) as Normal-priority tasks. A
 * Low-priority task queued from a microtask queued after the key's runs after all of them.
 */
export function afterReact(fn: () => void): void {
  queueMicrotask(() => unstable_scheduleCallback(unstable_LowPriority, fn));
}

export interface KeyQueue {
  /** One input from Ink: its first key goes on at once unless keys are waiting; the rest queue behind. */
  push(data: string): void;
  /** Drops what is still queued (the app is closing). */
  dispose(): void;
}

interface Item {
  text: string;
  paste: boolean;
}

/** `typing()` says whether the layer receiving keys right now takes text. */
export function createKeyQueue(deliver: (key: string) => void, typing: () => boolean, later = afterReact): KeyQueue {
  const queue: Item[] = [];
  let pasted: string | undefined; // inside a bracketed paste: what it held so far
  let disposed = false;

  /** The next input to hand on, taken off the queue; undefined for a paste nothing can take. */
  const take = (): string | undefined => {
    const item = queue[0]!;
    if (item.paste) {
      queue.shift();
      // A line copied with its line break: the break is not part of what was meant.
      return typing() ? item.text.replace(/\r?\n$|\r$/, '') : undefined;
    }
    const key = nextKey(item.text, typing());
    if (key === item.text) queue.shift();
    else item.text = item.text.slice(key.length);
    return key;
  };
  // Until React has done the work of the last key handed on, the next one waits in the queue.
  let busy = false;
  const handOn = (input: string) => {
    busy = true;
    try {
      deliver(input);
    } finally {
      later(settled);
    }
  };
  const settled = () => {
    busy = false;
    if (disposed || !queue.length) return;
    const input = take();
    if (input) handOn(input);
    else settled(); // a paste nothing could take: on to the next
  };
  const add = (item: Item) => {
    queue.push(item);
    // With nothing pending, a key goes on at once: no delay in the common case.
    if (!busy) settled();
  };

  return {
    push(data) {
      if (!data || disposed) return;
      if (pasted !== undefined) {
        // Ink cut the paste at any escape in it; joined again, it is what was pasted.
        if (data !== PASTE_END) pasted += data;
        else {
          add({ text: pasted, paste: true });
          pasted = undefined;
        }
      } else if (data === PASTE_START) pasted = '';
      else if (data !== PASTE_END) add({ text: data, paste: false }); // an end without a start is dropped
    },
    dispose() {
      disposed = true;
      queue.length = 0;
    },
  };
}
