/**
 * Server entry (bundled to dist/server.js). Only wiring: the transport is whatever the client
 * chose on the command line (--node-ipc, --stdio, --socket=, --pipe=), and startServer() does
 * the rest. The server reads no workspace files, runs nothing and sends nothing over the network.
 */
import * as path from 'node:path';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';

const connection = createConnection(ProposedFeatures.all);

// Contain failures (style.md §4.7): a stray exception or rejection is logged, never fatal.
process.on('uncaughtException', (e) => connection.console.error(`Uncaught exception: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`));
process.on('unhandledRejection', (e) => connection.console.error(`Unhandled rejection: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`));

// dist/server.js → the extension root, where docs/rules/<id>.md ship.
startServer(connection, { docsRoot: path.resolve(__dirname, '..') });
connection.listen();
