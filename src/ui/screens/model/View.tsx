import { Box, Text } from 'ink';
import React from 'react';
import { COLUMN_KINDS } from '../../../db/columns.js';
import type { ColumnComparison } from '../../../db/types.js';
import { fitWidth, inert } from '../../../text/inert.js';
import { Field } from '../../components/Field.js';
import { Confirm, Spinner } from '../../dialogs/Dialogs.js';
import { differenceText, hasSize, type AddForm, type ModelAction, type ModelScreenState } from './state.js';

interface Props {
  state: ModelScreenState;
  width: number;
  height: number;
  onEdit: (action: ModelAction) => void;
  onYes: () => void;
  onNo: () => void;
}

const MARK_COLOR = { '=': undefined, '+': 'green', '-': 'red', '~': 'yellow', '>': 'cyan' } as const;

/** The model's columns beside the live table's, the difference marked; the add form and the questions below. */
export function ModelView({ state, width, height, onEdit, onYes, onNo }: Props) {
  const { model, dialog, problem, busy } = state;
  if (!model) return <Text dimColor>loading…</Text>;
  const nameW = Math.max(6, ...model.columns.map((c) => c.name.length)) + 2;
  // The model's side takes what its longest needs, up to a third of the width; the database's the rest.
  const sideW = Math.min(Math.max(12, Math.floor(width / 3)), Math.max(12, ...model.columns.map((c) => c.model?.length ?? 0)) + 2);
  const room = Math.max(3, height - 6 - (dialog ? 9 : 0) - (model.error ? 2 : 0));
  const first = Math.max(0, Math.min(state.index - Math.floor(room / 2), model.columns.length - room));
  const shown = model.columns.slice(first, first + room);
  return (
    <Box flexDirection="column">
      {model.file ? (
        <Text wrap="truncate-middle">
          <Text bold>Model</Text> {inert(model.file)} <Text dimColor>(edit it here or in any editor: the app reads it again when it changes)</Text>
        </Text>
      ) : (
        <Text wrap="wrap">
          <Text bold>Model</Text> built in: it is fixed. To change it, make a project with <Text bold>movies-tui init DIR</Text> and run movies-tui inside it.
        </Text>
      )}
      {model.error ? (
        <Text color="red" wrap="wrap">
          ✗ {inert(model.error)} (the last good model stays in use)
        </Text>
      ) : null}
      {!model.table ? <Text color="yellow">There is no movie table yet: apply the migrations (u on Migrations).</Text> : null}
      <Text bold>{`  ${'Column'.padEnd(nameW)}${'Model'.padEnd(sideW)}Database`}</Text>
      {shown.map((c, i) => (
        <Row key={c.name} column={c} selected={first + i === state.index} nameW={nameW} sideW={sideW} width={width} />
      ))}
      {dialog?.kind === 'add' ? <AddFormView form={dialog.form} width={width} onEdit={onEdit} /> : null}
      {dialog?.kind === 'rename' && !dialog.confirming ? (
        <Box flexDirection="column" marginTop={1}>
          <Text bold>{`Rename ${dialog.from} to:`}</Text>
          <Box>
            <Text>› </Text>
            <Field value={dialog.to} focus={!busy} max={63} width={40} onChange={(value) => onEdit({ type: 'field', field: 'to', value })} />
          </Box>
        </Box>
      ) : null}
      {dialog?.kind === 'rename' && dialog.confirming && !busy ? (
        <Confirm title={`Rename ${dialog.from} to ${dialog.to} in the model?`} onYes={onYes} onNo={onNo}>
          <Text wrap="wrap">
            Only the property's name changes in the file. The migration g generates then sees {dialog.from} gone and {dialog.to} new with the same type, nullability and default, and MikroORM's schema comparator writes that as a rename, keeping the values:
          </Text>
          <Text color="cyan" wrap="wrap">{`alter table "movie" rename column "${dialog.from}" to "${dialog.to}";`}</Text>
          <Text wrap="wrap">Change nothing else about the column in the same migration, or it becomes a drop and an add (the values lost). Review the SQL before u applies it.</Text>
        </Confirm>
      ) : null}
      {dialog?.kind === 'drop' && !busy ? (
        <Confirm title={`Drop ${dialog.name} from the model?`} onYes={onYes} onNo={onNo}>
          <Text wrap="wrap">The property goes from the model file. The migration g generates then drops the column and its values (its preview counts them).</Text>
        </Confirm>
      ) : null}
      {busy ? <Spinner label="writing the model file…" /> : null}
      {problem ? <Text color="red" wrap="wrap">✗ {inert(problem)}</Text> : null}
    </Box>
  );
}

function Row({ column: c, selected, nameW, sideW, width }: { column: ColumnComparison; selected: boolean; nameW: number; sideW: number; width: number }) {
  const note = differenceText(c);
  const side = fitWidth(c.model ?? '—', sideW - 2).padEnd(sideW);
  const live = c.from ? `${c.from} ${c.live}` : (c.live ?? '—');
  const text = `${selected ? '›' : ' '}${c.mark === '=' ? ' ' : c.mark}${c.name.padEnd(nameW)}${side}${live}${note ? `  (${note})` : ''}`;
  return (
    <Text color={MARK_COLOR[c.mark]} inverse={selected} wrap="truncate-end">
      {fitWidth(inert(text), width)}
    </Text>
  );
}

function AddFormView({ form, width, onEdit }: { form: AddForm; width: number; onEdit: (action: ModelAction) => void }) {
  const fieldW = Math.max(10, width - 20);
  const label = (text: string, focused: boolean) => <Text bold={focused}>{`${focused ? '›' : ' '} ${text.padEnd(11)}`}</Text>;
  // Every kind when they fit; else the chosen one between arrows, with where it is in the list.
  const all = COLUMN_KINDS.map((k) => (k === form.kind ? `[${k}]` : ` ${k} `)).join('');
  const index = COLUMN_KINDS.indexOf(form.kind);
  return (
    <Box flexDirection="column" marginTop={1}>
      <Text bold>Add a column to the model</Text>
      <Box>
        {label('Name', form.focus === 'name')}
        <Field value={form.name} focus={form.focus === 'name'} max={63} width={fieldW} placeholder="e.g. runtime" onChange={(value) => onEdit({ type: 'field', field: 'name', value })} />
      </Box>
      <Box>
        {label('Type', form.focus === 'kind')}
        {all.length <= width - 15 ? (
          <Text wrap="truncate-end">
            {COLUMN_KINDS.map((k) => (
              <Text key={k} inverse={k === form.kind} bold={k === form.kind}>
                {k === form.kind ? `[${k}]` : ` ${k} `}
              </Text>
            ))}
          </Text>
        ) : (
          <Text wrap="truncate-end">
            ‹ <Text inverse bold>{`[${form.kind}]`}</Text> › <Text dimColor>{`${index + 1} of ${COLUMN_KINDS.length} (←→)`}</Text>
          </Text>
        )}
      </Box>
      {hasSize(form.kind) ? (
        <Box>
          {label(form.kind === 'varchar' ? 'Length' : 'Size (p,s)', form.focus === 'size')}
          <Field value={form.size} focus={form.focus === 'size'} max={12} width={12} onChange={(value) => onEdit({ type: 'field', field: 'size', value })} />
        </Box>
      ) : null}
      <Box>
        {label('Nullable', form.focus === 'nullable')}
        <Text>{form.nullable ? '[x] null allowed' : '[ ] not null (give a default, or the table must be empty)'}</Text>
      </Box>
      <Box>
        {label('Default', form.focus === 'default')}
        <Field value={form.default} focus={form.focus === 'default'} max={200} width={fieldW} placeholder="(none)" onChange={(value) => onEdit({ type: 'field', field: 'default', value })} />
      </Box>
    </Box>
  );
}
