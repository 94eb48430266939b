import * as assert from 'node:assert/strict';
import { randomPassword, serveCommand } from '../vscode/code-server';

/** The value after `flag` in args; fails if the flag is missing or given twice (the last one would win). */
function flagValue(args: string[], flag: string): string | undefined {
  assert.equal(args.filter((arg) => arg === flag).length, 1, `${flag} once in ${args.join(' ')}`);
  return args[args.indexOf(flag) + 1];
}

describe('code-server command line', () => {
  it('with a password (the demo with --real), requires a login and passes the password only through $PASSWORD', () => {
    const password = randomPassword();
    const { args, env } = serveCommand({ port: 4102, password });
    assert.equal(flagValue(args, '--auth'), 'password');
    assert.equal(env.PASSWORD, password);
    assert.ok('HASHED_PASSWORD' in env && env.HASHED_PASSWORD === undefined, 'an inherited $HASHED_PASSWORD is unset');
    assert.ok(!args.some((arg) => arg.includes(password)), 'the password is not in the arguments, which `ps` shows');
    assert.equal(flagValue(args, '--bind-addr'), '127.0.0.1:4102');
  });

  it('an empty password still means a login (code-server then refuses to start), never no login', () => {
    const { args, env } = serveCommand({ password: '' });
    assert.equal(flagValue(args, '--auth'), 'password');
    assert.equal(env.PASSWORD, '');
  });

  it('without a password (tests, and the demo on sample data), no login and no $PASSWORD', () => {
    const { args, env } = serveCommand({ smokeTestDriver: true });
    assert.equal(flagValue(args, '--auth'), 'none');
    assert.deepEqual(env, {});
    assert.equal(flagValue(args, '--bind-addr'), '127.0.0.1:0');
    assert.equal(flagValue(args, '--vscode-option'), 'enable-smoke-test-driver');
  });

  it('makes a new 128-bit password each time', () => {
    const passwords = new Set(Array.from({ length: 20 }, randomPassword));
    assert.equal(passwords.size, 20);
    for (const password of passwords) assert.match(password, /^[0-9a-f]{32}$/);
  });
});
