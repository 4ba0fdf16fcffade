import { Box, Text } from 'ink';
import React, { useCallback, useEffect, useRef, useState } from 'react';
import type { DatabaseApi, DriftReport, MigrationPlan, MigrationState } from '../../db/types.js';
import { riskLines } from '../../db/risks.js';
import { Confirm, Spinner, TypedConfirm } from '../components/Dialogs.js';
import { useKeys } from '../keyRouter.js';
import { fitWidth, inert } from '../../text/inert.js';
import { MIGRATIONS_KEYS } from '../screens/migrations/keys.js';

interface Props {
  db: DatabaseApi;
  active: boolean;
  version: number;
  /** Bumped whenever the database reports that rows changed: the preview's counts are read again. */
  changes?: number;
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
  /** The steps that lose data on this database: then the database name must be typed. */
  losses: string[];
}

const label = (name: string) => name.replace(/^Migration\d{14}_/, '');
const pad = (n: number) => String(n).padStart(2, '0');
/** Local time, to the minute: when the user applied it. */
const when = (d?: Date) => (d ? `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}` : '');

/** Migrations in order, the SQL of the selected one before anything runs, and the actions. */
export function MigrationsScreen({ db, active, version, changes = 0, width, height, notice, onChanged, onStatus, onError }: Props) {
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
  /** Bumped by r: the preview is read again even if nothing else changed. */
  const [reread, setReread] = useState(0);
  // The preview's counts (rows a rollback drops, values it loses) are read on the live database
  // whenever the preview is shown: on selecting, on coming back to this screen, after any change
  // made here or elsewhere (an edit, an import, another session), and on r.
  useEffect(() => {
    if (!selected) return setPlan(undefined);
    if (!active) return;
    let current = true;
    db.migrations.plan(selected.name).then((p) => current && setPlan(p), onError);
    return () => {
      current = false;
    };
  }, [db, selected?.name, selected?.applied, active, version, changes, reread]); // eslint-disable-line react-hooks/exhaustive-deps

  const applied = list.filter((m) => m.applied);
  const pending = list.filter((m) => !m.applied);

  const ask = (action: string | undefined) => {
    const { list, index } = latest.current;
    const selected = list[index];
    const applied = list.filter((m) => m.applied);
    const pending = list.filter((m) => !m.applied);
    if (!selected) return;
    // The labels come from the plan read when the key is pressed, not from a list that may be a reload behind.
    type Asked = Pick<Pending, 'run' | 'verb'> & { title: (labels: string[]) => string; plans: () => Promise<MigrationPlan[]> };
    const up = (to?: string) => ({ run: () => db.migrations.up(to), plans: () => db.migrations.planUp(to), verb: 'applied' });
    const down = (to?: string) => ({ run: () => db.migrations.down(to), plans: () => db.migrations.planDown(to), verb: 'rolled back' });
    let asked: Asked | undefined;
    if (action === 'applyAll' && pending.length) asked = { title: () => 'Apply every pending migration?', ...up() };
    if (action === 'applyTo' && !selected.applied) asked = { title: () => `Apply up to ${selected.label}?`, ...up(selected.name) };
    if (action === 'rollbackLast' && applied.length) asked = { title: (labels) => `Roll back ${labels[0]}?`, ...down() };
    if (action === 'rollbackTo' && selected.applied) asked = { title: () => `Roll back ${selected.label} and every later migration?`, ...down(selected.name) };
    if (!asked) return;
    const { title, plans, ...rest } = asked;
    // What it would lose is counted now, on the live database.
    setRunning('Checking what it would change…');
    plans()
      .then((list) => {
        const labels = list.map((p) => p.label);
        if (labels.length) setConfirm({ ...rest, title: title(labels), labels, losses: riskLines(list, true) });
      }, onError)
      .finally(() => setRunning(undefined));
  };

  const execute = (p: Pending) => {
    setConfirm(undefined);
    setRunning(`${p.verb === 'applied' ? 'Applying' : 'Rolling back'} ${p.labels.join(', ')}…`);
    setOutcome(undefined);
    p.run()
      .then(
        (names) => {
          // The status line says it (once: the screen used to repeat it above).
          onStatus(names.length ? `${p.verb} ${names.map(label).join(', ')}` : `nothing was ${p.verb}`);
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
    MIGRATIONS_KEYS,
    (action) => {
      if (action === 'up') setIndex((i) => Math.max(0, i - 1));
      else if (action === 'down') setIndex((i) => Math.min(latest.current.list.length - 1, i + 1));
      else if (action === 'reload') {
        load().catch(onError);
        setReread((n) => n + 1);
      }
      else ask(action);
    },
    active && !confirm && !running,
  );

  // Half the width, or what the longest label and its time need if that leaves the SQL 30 columns.
  const needed = 4 + Math.max(0, ...list.map((m) => m.label.length)) + ' 2000-01-01 00:00'.length;
  const listWidth = Math.min(44, Math.max(Math.floor(width / 2), Math.min(needed, width - 30)));
  const sqlLines = plan ? plan.statements : [];
  const risky = new Set(plan?.risks.map((r) => r.statement));
  const driftLines = drift && !drift.upToDate ? drift.statements : [];
  return (
    <Box flexDirection="column" height={height}>
      <Text bold>
        Migrations <Text dimColor>{`${applied.length}/${list.length} applied`}</Text>
      </Text>
      {notice ? <Text color="yellow">{notice}</Text> : null}
      {/* An open question is drawn whole: the list and the SQL give way to it on a short terminal. */}
      <Box flexGrow={1} flexShrink={confirm ? 1 : 0} minHeight={confirm ? 0 : list.length} overflow="hidden">
        <Box flexDirection="column" width={listWidth} flexShrink={0}>
          {list.map((m, i) => {
            const state = m.applied ? ` ${when(m.executedAt)}` : ' pending';
            // The label gives way to the time, and a cut label ends with "…".
            const name = fitWidth(m.label, Math.max(4, listWidth - 4 - state.length)).trimEnd();
            return (
              <Box key={m.name}>
                <Text inverse={i === index} wrap="truncate-end">
                  {`${i === index ? '›' : ' '} ${m.applied ? '✓' : '·'} ${name}`}
                </Text>
                <Text dimColor wrap="truncate-end">{state}</Text>
              </Box>
            );
          })}
        </Box>
        <Box flexDirection="column" flexGrow={1} paddingLeft={1}>
          {plan ? (
            <Text bold>
              {plan.direction === 'up' ? 'SQL it will run (up):' : 'SQL that rolls it back (down):'}
            </Text>
          ) : null}
          {/* Wrapped, not cut: the SQL is what the user is asked to read before running it. */}
          {sqlLines.slice(0, Math.max(1, height - 10)).map((l, i) => (
            <Text key={i} color={risky.has(l) ? 'red' : 'cyan'} wrap="wrap">
              {l}
            </Text>
          ))}
          {plan?.risks.map((r, i) => (
            <Text key={`risk${i}`} color="red" wrap="wrap">
              {`⚠ ${r.message}`}
            </Text>
          ))}
        </Box>
      </Box>
      {confirm ? null : driftLines.length ? (
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
      {confirm?.losses.length ? (
        <TypedConfirm title={confirm.title} word={db.name} onYes={() => execute(confirm)} onNo={() => setConfirm(undefined)}>
          <Text>{confirm.labels.join(', ')}</Text>
          {confirm.losses.map((l, i) => (
            <Text key={i} color="red" wrap="wrap">{`⚠ ${l}`}</Text>
          ))}
        </TypedConfirm>
      ) : confirm ? (
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
