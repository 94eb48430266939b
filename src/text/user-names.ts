import { displayText } from './safe-text';
import type { DirectoryUser } from '../workos';

/**
 * What a person is called: first and last name when either is set, else `name`, else the email,
 * else the ID (SCIM allows a service account with none of them). Each part is trimmed (IdPs keep
 * what an admin typed, spaces included), so `"  Tina  "` and `"Trim"` are "Tina Trim".
 */
export function userName(user: DirectoryUser): string {
  const parts = [part(user.first_name), part(user.last_name)].filter((text) => text !== '');
  return parts.join(' ') || part(user.name) || part(user.email) || displayText(user.id);
}

function part(value: unknown): string {
  return displayText(typeof value === 'string' ? value.trim() : value);
}

/** "Jane Doe <jane@example.com>", or whatever part of it the directory has. */
export function userTitle(user: DirectoryUser): string {
  const name = userName(user);
  const email = part(user.email);
  return email && name !== email ? `${name} <${email}>` : name;
}
