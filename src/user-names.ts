import { displayText } from './safe-text';
import type { DirectoryUser } from './workos';

/**
 * What a person is called: first and last name when either is set, else `name`, else the email,
 * else the ID (SCIM allows a service account with none of them).
 */
export function userName(user: DirectoryUser): string {
  const parts = [displayText(user.first_name), displayText(user.last_name)].filter((part) => part !== '');
  return parts.join(' ') || displayText(user.name) || displayText(user.email) || displayText(user.id);
}

/** "Jane Doe <jane@example.com>", or whatever part of it the directory has. */
export function userTitle(user: DirectoryUser): string {
  const name = userName(user);
  const email = displayText(user.email);
  return email && name !== email ? `${name} <${email}>` : name;
}
