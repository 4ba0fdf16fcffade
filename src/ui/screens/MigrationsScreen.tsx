import { Box, Text } from 'ink';
import React, { useCallback, useEffect, useRef, useState } from 'react';
import type { DatabaseApi, DriftReport, MigrationPlan, MigrationState } from '../../db/types.js';
import { Confirm, Spinner } from '../components/Dialogs.js';
import { useKeys } from '../keyRouter.js';
import { inert } from '../text.js';

interface Props {
  db: DatabaseApi;
  active: boolean;
  version: number;
  width: number;
  height: number;
  /** Why the app opened here (pending migrations at start). */
  notice?: string;
  onChanged: () => void;
  onStatus: (text: string) => void;
  onError: (err: unknown) => void;
}

interface Pending {
  title: string;
  labels: string[];
  run: () => Promise<string[]>;
  verb: string;
}

const label = (name: string) => name.replace(/^Migration\d{14}_/, '');
const pad = (n: number) => String(n).padStart(2, '0');
/** Local time, to the minute: when the user applied it. */
const when = (d?: Date) => (d ? `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}` : '');

/** Migrations in order, the SQL of the selected one before anything runs, and the actions. */
export function MigrationsScreen({ db, active, version, width, height, notice, onChanged, onStatus, onError }: Props) {
  const [list, setListState] = useState<MigrationState[]>([]);
  const [index, setIndexState] = useState(0);
  // Mirrors of list and index for key handlers: keys may come faster than renders.
  const latest = useRef({ list: [] as MigrationState[], index: 0 });
  const setList = (l: MigrationState[]) => {
    latest.current.list = l;
    setListState(l);
  };
  const setIndex = (f: (i: number) => number) => {
    latest.current.index = f(latest.current.index);
    setIndexState(latest.current.index);
  };
  const [plan, setPlan] = useState<MigrationPlan>();
  const [drift, setDrift] = useState<DriftReport>();
  const [confirm, setConfirm] = useState<Pending>();
  const [running, setRunning] = useState<string>();
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string }>();

  const load = useCallback(async () => {
    const [status, report] = await Promise.all([db.migrations.status(), db.migrations.check()]);
    setList(status);
    setDrift(report);
    setIndex((i) => Math.min(i, Math.max(0, status.length - 1)));
  }, [db]);

  useEffect(() => {
    load().catch(onError);
  }, [load, version]); // eslint-disable-line react-hooks/exhaustive-deps

  const selected = list[index];
  useEffect(() => {
    if (!selected) return setPlan(undefined);
    db.migrations.plan(selected.name).then(setPlan, onError);
  }, [db, selected?.name, selected?.applied]); // eslint-disable-line react-hooks/exhaustive-deps

  const applied = list.filter((m) => m.applied);
  const pending = list.filter((m) => !m.applied);

  const ask = (action: string | undefined) => {
    const { list, index } = latest.current;
    const selected = list[index];
    const applied = list.filter((m) => m.applied);
    const pending = list.filter((m) => !m.applied);
    if (!selected) return;
    if (action === 'applyAll' && pending.length) setConfirm({ title: 'Apply every pending migration?', labels: pending.map((m) => m.label), run: () => db.migrations.up(), verb: 'applied' });
    if (action === 'applyTo' && !selected.applied)
      setConfirm({ title: `Apply up to ${selected.label}?`, labels: pending.slice(0, pending.indexOf(selected) + 1).map((m) => m.label), run: () => db.migrations.up(selected.name), verb: 'applied' });
    if (action === 'rollbackLast' && applied.length)
      setConfirm({ title: `Roll back ${applied.at(-1)!.label}?`, labels: [applied.at(-1)!.label], run: () => db.migrations.down(), verb: 'rolled back' });
    if (action === 'rollbackTo' && selected.applied)
      setConfirm({ title: `Roll back ${selected.label} and every later migration?`, labels: applied.slice(applied.indexOf(selected)).reverse().map((m) => m.label), run: () => db.migrations.down(selected.name), verb: 'rolled back' });
  };

  const execute = (p: Pending) => {
    setConfirm(undefined);
    setRunning(`${p.verb === 'applied' ? 'Applying' : 'Rolling back'} ${p.labels.join(', ')}…`);
    setOutcome(undefined);
    p.run()
      .then(
        (names) => {
          const text = names.length ? `${p.verb} ${names.map(label).join(', ')}` : `nothing was ${p.verb}`;
          setOutcome({ ok: true, text });
          onStatus(text);
        },
        (err: unknown) => setOutcome({ ok: false, text: err instanceof Error ? err.message : String(err) }),
      )
      .finally(() => {
        setRunning(undefined);
        onChanged();
        load().catch(onError);
      });
  };

  useKeys(
    'migrations',
    (action) => {
      if (action === 'up') setIndex((i) => Math.max(0, i - 1));
      else if (action === 'down') setIndex((i) => Math.min(latest.current.list.length - 1, i + 1));
      else if (action === 'reload') load().catch(onError);
      else ask(action);
    },
    active && !confirm && !running,
  );

  const listWidth = Math.min(44, Math.floor(width / 2));
  const sqlLines = plan ? plan.statements : [];
  const driftLines = drift && !drift.upToDate ? drift.statements : [];
  return (
    <Box flexDirection="column" height={height}>
      <Text bold>
        Migrations <Text dimColor>{`${applied.length}/${list.length} applied`}</Text>
      </Text>
      {notice ? <Text color="yellow">{notice}</Text> : null}
      <Box flexGrow={1} flexShrink={0} minHeight={list.length}>
        <Box flexDirection="column" width={listWidth} flexShrink={0}>
          {list.map((m, i) => (
            <Box key={m.name}>
              <Text inverse={i === index} wrap="truncate-end">
                {`${i === index ? '›' : ' '} ${m.applied ? '✓' : '·'} ${m.label}`}
              </Text>
              <Text dimColor>{m.applied ? ` ${when(m.executedAt)}` : ' pending'}</Text>
            </Box>
          ))}
        </Box>
        <Box flexDirection="column" flexGrow={1} paddingLeft={1}>
          {plan ? (
            <Text bold>
              {plan.direction === 'up' ? 'SQL it will run (up):' : 'SQL that rolls it back (down):'}
            </Text>
          ) : null}
          {/* Wrapped, not cut: the SQL is what the user is asked to read before running it. */}
          {sqlLines.slice(0, Math.max(1, height - 10)).map((l, i) => (
            <Text key={i} color="cyan" wrap="wrap">
              {l}
            </Text>
          ))}
        </Box>
      </Box>
      {driftLines.length ? (
        <Box flexDirection="column">
          <Text color="yellow">⚠ The model differs from the database; this SQL would bring it in line:</Text>
          {driftLines.slice(0, 3).map((l, i) => (
            <Text key={i} color="yellow" wrap="truncate-end">
              {'  '}
              {inert(l)}
            </Text>
          ))}
        </Box>
      ) : drift ? (
        <Text dimColor>The model matches the database.</Text>
      ) : null}
      {confirm ? (
        <Confirm title={confirm.title} onYes={() => execute(confirm)} onNo={() => setConfirm(undefined)}>
          <Text>{confirm.labels.join(', ')}</Text>
        </Confirm>
      ) : running ? (
        <Spinner label={running} />
      ) : outcome ? (
        <Text color={outcome.ok ? 'green' : 'red'} wrap="wrap">
          {outcome.ok ? '✓ ' : '✗ '}
          {inert(outcome.text)}
        </Text>
      ) : null}
    </Box>
  );
}
