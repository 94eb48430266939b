import * as assert from 'node:assert';
import * as vscode from 'vscode';

const EXTENSION_ID = 'directory-tools.workos-directory-explorer';

describe('smoke', () => {
  it('runs in a real VS Code extension host', () => {
    console.log(
      `    VS Code ${vscode.version}, uiKind ${vscode.UIKind[vscode.env.uiKind]}, ` +
        `remote ${vscode.env.remoteName ?? 'none'}, extension host Node ${process.version}`,
    );
  });

  it('has the extension installed', () => {
    assert.ok(vscode.extensions.getExtension(EXTENSION_ID), `${EXTENSION_ID} is not in the extension host`);
  });

  it('activates the extension without throwing', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension);
    await extension.activate();
    assert.strictEqual(extension.isActive, true);
  });
});
