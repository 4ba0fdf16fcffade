import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { resolve } from 'node:path';

/** The Data screen's file-system questions, kept out of its view. */

/** What the user typed, as a path: ~ is the home directory, relative paths start at the working directory. */
export const expandPath = (typed: string) => resolve(typed.trim().replace(/^~(?=$|\/)/, homedir()));

/** Where `w` writes the rejected rows of `path`. */
export const errorsFileFor = (path: string) => path.replace(/(\.(csv|json))?$/i, '.errors.csv');

export const fileExists = (path: string) => existsSync(path);

/** Where the import and export questions start. */
export const workingDirectory = () => process.cwd();
