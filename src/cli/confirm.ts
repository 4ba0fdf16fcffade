import { createInterface } from 'node:readline';

/**
 * Asks on the terminal for a word typed exactly (the database's name before a reset): one
 * key can never destroy data. Resolves false on any other answer, on Ctrl+C or end of input.
 */
export function confirmTyped(question: string, word: string): Promise<boolean> {
  // The question goes to stderr: stdout stays for results.
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
  return new Promise<boolean>((resolve) => {
    let answered = false;
    const done = (ok: boolean) => {
      answered = true;
      rl.close();
      resolve(ok);
    };
    rl.on('SIGINT', () => {
      process.stderr.write('\n');
      done(false);
    });
    rl.on('close', () => {
      if (!answered) resolve(false);
    });
    rl.question(question, (answer) => done(answer.trim() === word));
  });
}
