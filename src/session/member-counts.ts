/** How many members a group has, as far as this session has read: exact once its last page is in. */
export interface MemberCount {
  readonly count: number;
  /** False while more pages exist (or the reading stopped early): the group has at least `count`. */
  readonly complete: boolean;
}

/**
 * The member counts a session learnt from the member lists it read (the tree's pages, whole collections),
 * by group ID. WorkOS groups carry no count, so this is the only place one exists; it ends with the
 * session (Refresh), and a group whose members changed loses its count until they are read again.
 */
export class MemberCounts {
  readonly #counts = new Map<string, MemberCount>();
  readonly #listeners = new Set<(group: string) => void>();

  get(group: string): MemberCount | undefined {
    return this.#counts.get(group);
  }

  /**
   * What a read found. A partial count never replaces an exact one, nor a larger partial one: a second
   * reader still on its first page knows less than the first.
   */
  record(group: string, count: number, complete: boolean): void {
    const known = this.#counts.get(group);
    if (!complete && known && (known.complete || known.count >= count)) return;
    if (known?.count === count && known.complete === complete) return;
    this.#counts.set(group, { count, complete });
    this.notify(group);
  }

  /**
   * The group's members changed on the server: its count no longer holds. Heard even when no count
   * was known (its first page still loading or failed), since its rows must be asked for again.
   */
  forget(group: string): void {
    this.#counts.delete(group);
    this.notify(group);
  }

  /**
   * `listener` hears the ID of every group whose count changed or whose members were forgotten; the
   * returned function stops it.
   */
  onChange(listener: (group: string) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  private notify(group: string): void {
    for (const listener of this.#listeners) listener(group);
  }
}
