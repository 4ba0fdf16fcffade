import type { EventEmitter } from 'node:events';
import { useInput, useStdin } from 'ink';
import React, { createContext, useCallback, useContext, useEffect, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { createKeyQueue } from './keyQueue.js';
import { keyName, resolve, TEXT_SCOPES, type Scope } from './keys.js';

/** What a screen gets for a key: the action from the key table (if any) and the key's name. */
export type KeyHandler = (action: string | undefined, name: string) => void;

interface Layer {
  id: number;
  scope: Scope;
  handler: { current: KeyHandler };
}

interface Router {
  push(layer: Layer): () => void;
  top: Scope;
  /** True if the key being handled right now is a command (Ctrl+letter, Alt+letter, Esc), not typing. */
  isCommandKey(): boolean;
}

const RouterContext = createContext<Router | undefined>(undefined);

/**
 * The one root keypress handler. Screens, dialogs and overlays register layers with
 * useKeys; the newest active layer gets each key, resolved through the key table.
 * Global actions (quit, help, switching screens) go to `onGlobal`.
 */
export function KeyRouter({ children, onGlobal }: { children: ReactNode; onGlobal: (action: string) => void }) {
  const layers = useRef<Layer[]>([]);
  const [top, setTop] = useState<Scope>('global');
  const globalRef = useRef(onGlobal);
  globalRef.current = onGlobal;
  const lastRaw = useRef('');
  const { internal_eventEmitter: emitter } = useStdin() as ReturnType<typeof useStdin> & { internal_eventEmitter?: EventEmitter };

  // ink-text-input inserts the letter of Ctrl+S or Ctrl+N into the text. Seeing each raw
  // key before any useInput listener lets text fields ignore what is really a command.
  useEffect(() => {
    if (!emitter) return;
    const remember = (data: string) => {
      lastRaw.current = data;
    };
    emitter.prependListener('input', remember);
    return () => {
      emitter.removeListener('input', remember);
    };
  }, [emitter]);
  // Every input Ink reads goes through one queue that cuts keys typed together into single
  // keys (see keyQueue.ts). It wraps the emitter's emit, so all useInput listeners, ours and
  // the text fields', see the same single keys in the same order.
  useLayoutEffect(() => {
    if (!emitter) return;
    const emit = emitter.emit;
    const queue = createKeyQueue(
      (key) => emit.call(emitter, 'input', key),
      () => TEXT_SCOPES.has(layers.current.at(-1)?.scope ?? 'global'),
    );
    emitter.emit = function (event: string | symbol, ...args: unknown[]) {
      if (event !== 'input' || typeof args[0] !== 'string') return emit.call(this, event, ...args);
      queue.push(args[0]);
      return true;
    };
    return () => {
      queue.dispose();
      emitter.emit = emit;
    };
  }, [emitter]);
  const isCommandKey = useCallback(() => {
    const data = lastRaw.current;
    if (data.length === 1) return data.charCodeAt(0) < 0x20 && data !== '\r' && data !== '\t';
    return data.startsWith('\x1b') && data.length === 2;
  }, []);

  const push = useCallback((layer: Layer) => {
    layers.current = [...layers.current, layer];
    setTop(layer.scope);
    return () => {
      layers.current = layers.current.filter((l) => l.id !== layer.id);
      setTop(layers.current.at(-1)?.scope ?? 'global');
    };
  }, []);

  useInput((input, key) => {
    const name = keyName(input, key);
    const layer = layers.current.at(-1);
    const resolved = resolve(layer?.scope ?? 'global', name);
    if (resolved?.scope === 'global') globalRef.current(resolved.action);
    else layer?.handler.current(resolved?.action, name);
  });

  const router = useMemo(() => ({ push, top, isCommandKey }), [push, top, isCommandKey]);
  return <RouterContext.Provider value={router}>{children}</RouterContext.Provider>;
}

let nextId = 1;

/**
 * False inside a part of the app that is not on screen (a hidden screen, a screen under the
 * help). Whatever holds the keyboard must be visible: nothing inside takes keys, so a dialog that
 * opens there (after a slow check, say) waits until it is shown instead of taking keys unseen.
 */
export const KeysShown = createContext(true);

/** Whether this part of the app is on screen (see KeysShown); for inputs that read keys themselves. */
export const useKeysShown = () => useContext(KeysShown);

/** Registers a key layer while `active` and shown; the latest registered active layer receives keys. */
export function useKeys(scope: Scope, handler: KeyHandler, active = true): void {
  const router = useContext(RouterContext);
  const ref = useRef(handler);
  ref.current = handler;
  const shown = useContext(KeysShown);
  active = active && shown;
  // A layout effect: the layer is there as soon as the screen that owns it is committed, so a
  // key typed right after "/" reaches the search field, not the screen below it. (A passive
  // effect runs later, and a key read in between went to the old layer.)
  useLayoutEffect(() => {
    if (!router || !active) return;
    return router.push({ id: nextId++, scope, handler: ref });
  }, [router?.push, scope, active]); // eslint-disable-line react-hooks/exhaustive-deps
}

/** The scope receiving keys now (for the footer). */
export function useTopScope(): Scope {
  return useContext(RouterContext)?.top ?? 'global';
}

/** For text fields: call with a new value; insertions made by command keys are dropped. */
export function useTypingFilter(): (next: string, current: string) => boolean {
  const router = useContext(RouterContext);
  return (next, current) => !(next.length > current.length && router?.isCommandKey());
}
