import * as assert from 'node:assert/strict';
import { userName, userTitle } from '../../src/text/user-names';
import type { DirectoryUser } from '../../src/workos';

const user = (fields: Partial<Record<keyof DirectoryUser, unknown>>) =>
  ({ id: 'directory_user_01E1JG7J09H96KYP8HM9B0G5SJ', ...fields }) as DirectoryUser;

describe('user names', () => {
  it('trims each part and joins first and last name with one space', () => {
    assert.equal(userName(user({ first_name: '  Tina  ', last_name: 'Trim' })), 'Tina Trim');
    assert.equal(userName(user({ first_name: 'Tina', last_name: '\tTrim ' })), 'Tina Trim');
  });

  it('a part that is only spaces counts as none, and the next name shows', () => {
    assert.equal(userName(user({ first_name: '   ', last_name: 'Trim' })), 'Trim');
    assert.equal(userName(user({ first_name: ' ', last_name: ' ', name: ' Tina T. ' })), 'Tina T.');
    assert.equal(userName(user({ first_name: ' ', name: '  ', email: ' tina@example.com ' })), 'tina@example.com');
    assert.equal(userName(user({ first_name: ' ' })), 'directory_user_01E1JG7J09H96KYP8HM9B0G5SJ');
  });

  it('the title adds the trimmed email unless the name is the email', () => {
    assert.equal(
      userTitle(user({ first_name: 'Tina ', last_name: ' Trim', email: ' tina@example.com' })),
      'Tina Trim <tina@example.com>',
    );
    assert.equal(userTitle(user({ email: ' tina@example.com ' })), 'tina@example.com');
  });
});
