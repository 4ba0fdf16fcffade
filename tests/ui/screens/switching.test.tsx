import { expect, it } from 'vitest';
import { embeddedDatabase, KEY } from '../support.js';
import { SCREEN, appPerTest } from './setup.js';

// Switching screens changes nothing in the database: one database serves every test.
const handle = embeddedDatabase({ seed: true });
const { start } = appPerTest();
const ready = () => start(handle.db, '7 movies');

it('1 to 5 go to each screen', async () => {
  const app = await ready();
  for (const [key, shows] of [SCREEN.migrations, SCREEN.data, SCREEN.database, SCREEN.model, ['1', '7 movies'] as const]) {
    await app.press(key);
    await app.waitFor(shows);
  }
});

it('Tab goes to the next screen', async () => {
  const app = await ready();
  await app.press(KEY.tab);
  await app.waitFor('Migrations 5/5');
  await app.press(KEY.tab);
  await app.waitFor(SCREEN.data[1]);
});

it('Shift+Tab goes to the previous screen', async () => {
  const app = await ready();
  await app.press(SCREEN.data[0]);
  await app.waitFor(SCREEN.data[1]);
  await app.press(KEY.shiftTab);
  await app.waitFor('Migrations 5/5');
  await app.press(KEY.shiftTab);
  await app.waitFor('7 movies');
});

it('the movie list keeps its search and selection while another screen is shown', async () => {
  const app = await ready();
  await app.press('/');
  await app.type('nolan');
  await app.press(KEY.enter, 'j');
  await app.waitFor('3 movies matching "nolan"');
  await app.press(KEY.tab, KEY.tab);
  await app.waitFor(SCREEN.data[1]);
  await app.press(KEY.shiftTab, KEY.shiftTab);
  await app.waitFor('3 movies matching "nolan"');
  expect(app.frame()).toMatch(/› Interstellar/);
});
