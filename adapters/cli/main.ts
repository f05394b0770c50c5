#!/usr/bin/env node
/**
 * The `cityhall` executable: `npm start` runs it with tsx, and the built
 * package runs it as `dist/cli.js` (see docs/cli.md, "Installing the
 * command"). Everything else lives in {@link Cli}.
 *
 * @module
 */
import { main } from "./Cli.js"

void main(process.argv.slice(2))
