/**
 * Test seam, loaded with `node --import` by tests/e2e.test.ts only: an uncaught error while the
 * app runs, to prove the terminal is restored. Plain JavaScript so Node loads it as it is. It
 * throws only once the app has its handler for uncaught errors (the app sets it as it starts),
 * so a slow start cannot make Node's default handler take the error instead.
 */
const after = Number(process.env.MOVIES_TUI_TEST_CRASH_AFTER_MS) || 1500;

function crash() {
  if (process.listenerCount('uncaughtException') === 0) {
    setTimeout(crash, 100).unref();
    return;
  }
  throw new Error('test crash (MOVIES_TUI_TEST_CRASH_AFTER_MS)');
}
setTimeout(crash, after).unref();
