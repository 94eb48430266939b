import * as assert from 'node:assert/strict';
import { pageSizeFromSettings } from '../../src/host/user-settings';

describe('user-level settings', () => {
  it('workos.pageSize comes from the user, never from a workspace', () => {
    assert.equal(pageSizeFromSettings({ workspaceValue: 1 }), 100, 'a repository cannot multiply the requests');
    assert.equal(pageSizeFromSettings({ workspaceFolderValue: 1 }), 100);
    assert.equal(pageSizeFromSettings({ globalValue: 25, workspaceValue: 1 }), 25);
    assert.equal(pageSizeFromSettings(undefined), 100);
  });

  it('keeps the page size within what the API allows', () => {
    assert.equal(pageSizeFromSettings({ globalValue: 0 }), 1);
    assert.equal(pageSizeFromSettings({ globalValue: 500 }), 100);
    assert.equal(pageSizeFromSettings({ globalValue: 2.5 }), 100);
    assert.equal(pageSizeFromSettings({ globalValue: '10' }), 100);
  });
});
