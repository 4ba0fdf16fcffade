import { render } from 'ink-testing-library';
import React, { useImperativeHandle, useState, type RefObject } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { Field } from '../../src/ui/components/Field.js';
import { TextField } from '../../src/ui/components/TextField.js';
import { TYPED_KEYS } from '../../src/ui/dialogs/keys.js';
import { KeyRouter, useKeys } from '../../src/ui/keyRouter.js';
import { TestInput } from './support.js';

const LEFT = '\x1b[D';

/** A field whose value its parent keeps, as a form does; `set` changes it from outside. */
function Harness({ set }: { set: RefObject<((value: string) => void) | null> }) {
  const [value, setValue] = useState('');
  // A layer that lets text through to the field (as the typed confirmation's).
  useKeys(TYPED_KEYS, () => {});
  useImperativeHandle(set, () => setValue);
  return <Field value={value} onChange={setValue} focus width={20} />;
}

let unmount: (() => void) | undefined;
afterEach(() => unmount?.());

function setUp() {
  const input = new TestInput();
  const set: RefObject<((value: string) => void) | null> = { current: null };
  const app = render(
    <KeyRouter onGlobal={() => {}} input={input}>
      <Harness set={set} />
    </KeyRouter>,
  );
  unmount = app.unmount;
  const type = async (data: string) => {
    input.write(data);
    for (let i = 0; i < 30; i++) await new Promise((r) => setImmediate(r));
  };
  return { type, set, frame: () => app.lastFrame() ?? '' };
}

describe('the one-line field', () => {
  it('keeps the cursor where it was when its own edit comes back as the value', async () => {
    const { type, frame } = setUp();
    await type('heat');
    await type(LEFT + LEFT);
    await type('x');
    expect(frame()).toContain('hexat');
  });

  it('puts the cursor at the end of a value changed from outside', async () => {
    const { type, set, frame } = setUp();
    await type('heat');
    await type(LEFT + LEFT);
    set.current!('abc');
    await type('');
    await type('d');
    expect(frame()).toContain('abcd');
  });

  it('applies every key of one read, each on the edit before it', async () => {
    const { type, frame } = setUp();
    await type('heat\x01x' + '\x05y');
    expect(frame()).toContain('xheaty');
  });
});

describe('the text field view across frames', () => {
  it('keeps its scroll when the cursor moves back inside the view', () => {
    const value = 'abcdefghijklmnopqrstuvwxyz';
    const r = render(<TextField value={value} cursor={value.length} width={10} focus={false} />);
    unmount = r.unmount;
    expect(r.lastFrame()).toBe('…stuvwxyz');
    r.rerender(<TextField value={value} cursor={value.length - 3} width={10} focus={false} />);
    expect(r.lastFrame()).toBe('…stuvwxyz');
    r.rerender(<TextField value={value} cursor={value.length - 9} width={10} focus={false} />);
    expect(r.lastFrame()).toBe('…rstuvwxy…');
  });
});
