import { Box, Text } from 'ink';
import React, { useLayoutEffect, useRef, useState } from 'react';
import { edit, lineState, type LineState } from '../input/lineEdit.js';
import type { KeyEvent } from '../input/types.js';
import { useKeysShown, useTextSink } from '../keyRouter.js';
import { inert } from '../../text/inert.js';
import { TextField } from './TextField.js';

export interface FieldProps {
  value: string;
  onChange: (v: string) => void;
  focus: boolean;
  placeholder?: string;
  /** Most characters the field takes: an edit that would go past it is refused whole. */
  max?: number;
  /** Told the value an edit would have made when the field refused it (see Field); without it the field says why itself. */
  onRefused?: (refused: string) => void;
  /** Columns the field may use; longer text scrolls sideways instead of wrapping. */
  width?: number;
  /** Whether the field may hold a value (a number field takes no letters): an edit to one it may not is refused like one past `max`. */
  accept?: (value: string) => boolean;
}

/** Columns a field takes when its caller does not say. */
const DEFAULT_WIDTH = 40;

/**
 * A one-line text field: readline's editing keys (src/ui/input/lineEdit.ts) on the value, drawn
 * inert (a control character stored before the rules shows as ␛, never reaching the terminal),
 * so editing such a value edits what is shown. An edit is refused whole, and onRefused told,
 * when it would add a character a terminal acts on (a paste with a tab or a bell in it), or go
 * past `max` (a paste of a hundred thousand characters, never drawn).
 */
export function Field({ value, onChange, focus, placeholder, max, onRefused, accept, width = DEFAULT_WIDTH }: FieldProps) {
  // A field that is not on screen (under a dialog of the app's) takes no typing.
  const shownHere = useKeysShown();
  const [refusal, setRefusal] = useState<string>();
  const shown = inert(value);
  // The line and its cursor as drawn, and the value last given: a value changed from outside
  // (cleared, reset) puts the cursor at its end; our own edit coming back keeps it.
  const [drawn, setDrawn] = useState(() => ({ given: shown, line: lineState(shown) }));
  let { line } = drawn;
  if (shown !== drawn.given) {
    if (shown !== line.value) line = lineState(shown);
    setDrawn({ given: shown, line });
  }
  // The line as last edited, so keys that arrive before a render build on the last edit; once a
  // render is committed, what it drew.
  const edited = useRef(line);
  useLayoutEffect(() => {
    edited.current = line;
  }, [line]);

  useTextSink((key: KeyEvent) => {
    const result = edit(edited.current, key, { max });
    if (!result) return false;
    if ('refused' in result) {
      if (onRefused) onRefused(wouldBe(edited.current, inserted(key)));
      else setRefusal(result.refused);
      return true;
    }
    const changed = result.state.value !== edited.current.value;
    // (A value it would not take from the start, stored some other way, may still be edited.)
    if (changed && accept && !accept(result.state.value) && accept(edited.current.value)) {
      if (onRefused) onRefused(result.state.value);
      else setRefusal('cannot take that character here');
      return true;
    }
    edited.current = result.state;
    setDrawn((d) => ({ given: d.given, line: result.state }));
    setRefusal(undefined);
    if (changed) onChange(result.state.value);
    return true;
  }, focus && shownHere);

  return (
    <>
      <Box flexShrink={0}>
        <TextField value={line.value} cursor={line.cursor} focus={focus && shownHere} placeholder={placeholder} width={width} />
      </Box>
      {refusal ? (
        <Box flexShrink={1} marginLeft={2}>
          <Text color="red" wrap="truncate-end">{`✗ ${refusal}`}</Text>
        </Box>
      ) : null}
    </>
  );
}

const inserted = (key: KeyEvent) => (key.kind !== 'key' ? key.text : key.name === 'space' ? ' ' : key.name);
/** What a refused insertion would have made of the value (told to onRefused, which names the rule it breaks). */
const wouldBe = ({ value, cursor }: LineState, text: string) => value.slice(0, cursor) + text + value.slice(cursor);
