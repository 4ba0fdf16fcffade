#!/usr/bin/env node
// node_modules/.bin/movies-tui in a clone: the built app, in place (npm install builds it).
import '../../dist/bundle/cli.js';
