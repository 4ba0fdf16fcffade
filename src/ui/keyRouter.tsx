import React, { createContext, useCallback, useContext, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { createKeySource, type KeyInput } from './input/keySource.js';
import type { ParsedEvent } from './input/parse.js';
import type { KeyEvent, TextSink } from './input/types.js';
import { keyName, resolve, TEXT_SCOPES, type GlobalAction, type Scope } from './keys.js';
import type { ActionOf, KeyTable } from './keyTable.js';
import { useLatest } from './useLatest.js';
import { inert } from '../text/inert.js';

interface Layer {
  id: number;
  scope: Scope;
  handler: { current: (action: string | undefined, name: string) => void };
}

interface Sink {
  id: number;
  sink: { current: TextSink };
}

interface Router {
  push(layer: Layer): () => void;
  pushSink(sink: Sink): () => void;
  top: Scope;
}

const RouterContext = createContext<Router | undefined>(undefined);

export interface KeyRouterProps {
  children: ReactNode;
  /** Global actions (quit, help, switching screens, suspend). */
  onGlobal: (action: GlobalAction) => void;
  /** Told, in a line for the status bar, about input that was dropped (a paste nothing takes, an unknown key). */
  onNotice?: (text: string) => void;
  /** Where keys come from: the terminal (default), or a test's stream. Read by the app itself, never by Ink. */
  input?: KeyInput;
}

/**
 * The one root keypress handler. It reads the keyboard (src/ui/input) and hands each key to
 * the newest active layer (screens, dialogs and overlays register layers with useKeys),
 * resolved through the key table; global actions go to `onGlobal`. What the table leaves, and
 * all typed text and pastes, go to the focused text field (useTextSink); text typed where no
 * field has the focus arrives here as single keys, and a paste there is dropped.
 */
export function KeyRouter({ children, onGlobal, onNotice, input = process.stdin }: KeyRouterProps) {
  const layers = useRef<Layer[]>([]);
  const sinks = useRef<Sink[]>([]);
  const [top, setTop] = useState<Scope>('global');
  const globalRef = useLatest(onGlobal);
  const noticeRef = useLatest(onNotice);

  /**
   * The focused field's sink, if keys go to a text field now. Only where the top layer takes
   * text: a field left focused under the help or a question gets nothing.
   */
  const activeSink = useCallback((): TextSink | undefined => {
    const scope = layers.current.at(-1)?.scope ?? 'global';
    return TEXT_SCOPES.has(scope) ? sinks.current.at(-1)?.sink.current : undefined;
  }, []);

  const handle = useCallback((event: ParsedEvent) => {
    const sink = activeSink();
    if (event.kind === 'unknown') return noticeRef.current?.(`ignored an unknown key (${inert(event.sequence)})`);
    if (event.kind !== 'key') {
      sink?.(event);
      return;
    }
    const name = keyName(event);
    const layer = layers.current.at(-1);
    const resolved = resolve(layer?.scope ?? 'global', name);
    if (resolved?.scope === 'global') globalRef.current(resolved.action as GlobalAction);
    else if (resolved) layer?.handler.current(resolved.action, name);
    else if (sink) sink(event);
    else layer?.handler.current(undefined, name);
  }, [activeSink, globalRef, noticeRef]);

  // A layout effect: reading starts as soon as the router is committed, before any key can be lost.
  useLayoutEffect(() => {
    const source = createKeySource(input, {
      deliver: handle,
      typing: () => activeSink() !== undefined,
      notice: (text) => noticeRef.current?.(text),
    });
    return () => source.dispose();
  }, [input, handle, activeSink, noticeRef]);

  const push = useCallback((layer: Layer) => {
    layers.current = [...layers.current, layer];
    setTop(layer.scope);
    return () => {
      layers.current = layers.current.filter((l) => l.id !== layer.id);
      setTop(layers.current.at(-1)?.scope ?? 'global');
    };
  }, []);
  const pushSink = useCallback((sink: Sink) => {
    sinks.current = [...sinks.current, sink];
    return () => {
      sinks.current = sinks.current.filter((s) => s.id !== sink.id);
    };
  }, []);

  const router = useMemo(() => ({ push, pushSink, top }), [push, pushSink, top]);
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

/**
 * Registers a key layer for a screen's key table while `active` and shown; the latest
 * registered active layer receives keys. The handler gets the table's own actions (typed), or
 * undefined and the key's name for a key the table does not bind.
 */
export function useKeys<T extends KeyTable>(table: T, handler: (action: ActionOf<T> | undefined, name: string) => void, active = true): void {
  const scope = table.scope as Scope;
  // Only push: the router's `top` changes whenever a layer comes or goes, and re-registering
  // then would reorder the layers.
  const push = useContext(RouterContext)?.push;
  // The router knows actions only as strings; the table's type was checked at the call.
  const ref = useLatest(handler as (action: string | undefined, name: string) => void);
  const shown = useContext(KeysShown);
  active = active && shown;
  // A layout effect: the layer is there as soon as the screen that owns it is committed, so a
  // key typed right after "/" reaches the search field, not the screen below it.
  useLayoutEffect(() => {
    if (!push || !active) return;
    return push({ id: nextId++, scope, handler: ref });
  }, [push, scope, active, ref]);
}

/**
 * Registers the focused text field's sink while `active`: it gets typed text, pastes, and the
 * keys the key table does not take (readline's keys, ←/→, Backspace, Delete).
 */
export function useTextSink(sink: TextSink, active: boolean): void {
  const pushSink = useContext(RouterContext)?.pushSink;
  const ref = useLatest(sink);
  useLayoutEffect(() => {
    if (!pushSink || !active) return;
    return pushSink({ id: nextId++, sink: ref });
  }, [pushSink, active, ref]);
}

/** The scope receiving keys now (for the footer). */
export function useTopScope(): Scope {
  return useContext(RouterContext)?.top ?? 'global';
}

export type { KeyEvent };
