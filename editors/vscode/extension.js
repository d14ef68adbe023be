// The evrule extension: starts `evrule lsp` (the binary named by the
// `evrule.path` setting) for .evr files, and restarts it when the setting
// changes or on the "evrule: Restart the language server" command.
'use strict';

const vscode = require('vscode');
const { LanguageClient, TransportKind } = require('vscode-languageclient/node');

let client;

function createClient() {
  const command = vscode.workspace.getConfiguration('evrule').get('path') || 'evrule';
  const serverOptions = { command, args: ['lsp'], transport: TransportKind.stdio };
  const clientOptions = {
    documentSelector: [{ scheme: 'file', language: 'evrule' }],
    // Lexicons are part of a pack: a change on disk is a change of the pack.
    synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher('**/*.{evr,tsv}') },
  };
  return new LanguageClient('evrule', 'evrule', serverOptions, clientOptions);
}

async function start() {
  client = createClient();
  try {
    await client.start();
  } catch (error) {
    vscode.window.showErrorMessage(
      `evrule: cannot start \`${client.serverOptions?.command ?? 'evrule'} lsp\` (${error}). ` +
        'Set "evrule.path" to the evrule binary.'
    );
  }
}

async function restart() {
  if (client) {
    await client.stop().catch(() => {});
  }
  await start();
}

function activate(context) {
  context.subscriptions.push(
    vscode.commands.registerCommand('evrule.restartServer', restart),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('evrule.path')) {
        restart();
      }
    })
  );
  return start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
