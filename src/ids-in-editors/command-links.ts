import type { CommandId } from '../ui/contributes';
/**
 * `command:<command>?<arguments>` for a link in an editor or a hover: the ID (already checked by the
 * scanner) and, in one of our documents, that document's environment, so that it opens from there.
 */
export function commandUri(command: CommandId, id?: string, environmentId?: string): string {
  const args = id === undefined ? [] : environmentId === undefined ? [id] : [id, environmentId];
  return args.length === 0 ? `command:${command}` : `command:${command}?${encodeURIComponent(JSON.stringify(args))}`;
}
