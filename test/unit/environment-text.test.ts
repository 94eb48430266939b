import * as assert from 'node:assert/strict';
import type { Environment } from '../../src/environments/environment-store';
import {
  environmentFacts,
  environmentLabel,
  environmentName,
  statusBarText,
} from '../../src/environments/environment-text';
import { protectKey } from '../../src/text/safe-text';

const staging: Environment = { id: 'env-1', name: 'Staging', production: false };
const production: Environment = { id: 'env-2', name: 'Production EU', production: true };

describe('environment text', () => {
  it('the status bar names the environment; production shows the warning icon; no key says so', () => {
    assert.equal(statusBarText(staging, true), '$(server-environment) Staging');
    assert.equal(statusBarText(production, true), '$(warning) Production EU');
    assert.equal(statusBarText(staging, false), '$(server-environment) Staging (no key)');
  });

  it('a name holding $(icon) syntax shows as text in the status bar, not as an icon', () => {
    const odd: Environment = { ...staging, name: '$(pass) Sandbox' };
    assert.equal(statusBarText(odd, true), '$(server-environment) \\$(pass) Sandbox');
  });

  it('a known key that ended up in a name (the check refuses only key-shaped text) is masked wherever the name shows', () => {
    const key = 'sk_test_pasted_into_the_name_0007';
    protectKey(key);
    const leaked: Environment = { ...staging, name: `prod ${key}` };
    for (const shown of [environmentName(leaked), environmentLabel(leaked), statusBarText(leaked, true)]) {
      assert.ok(!shown.includes(key), shown);
      assert.ok(shown.includes('[redacted]'), shown);
    }
  });

  it('the switcher says which is active, production, read-only, keyless, and its own address', () => {
    assert.equal(environmentFacts(staging, { active: true, hasKey: true }), 'active in this window');
    assert.equal(
      environmentFacts({ ...production, apiBaseUrl: 'https://eu.example.com' }, { active: false, hasKey: false }),
      'production · no API key · https://eu.example.com',
    );
    assert.equal(
      environmentFacts(
        { id: 'environment-variable', name: 'Environment variable', production: false, readOnly: true },
        {
          active: false,
          hasKey: true,
        },
      ),
      'from WORKOS_API_KEY, read-only',
    );
    assert.equal(
      environmentFacts({ ...staging, apiBaseUrl: 'https://$(pass).example.com' }, { active: false, hasKey: true }),
      'https://\\$(pass).example.com',
      'an address shows as text too',
    );
  });
});
