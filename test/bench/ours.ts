// This project's client and tree model, in a child process (node --expose-gc, so that the heap can be
// measured cleanly) against the fake the parent serves. See run.ts for what is measured and why.
import { Session } from '../../src/session/session';
import { TreeModel, type TreeModelHost } from '../../src/tree/model';
import { isGroupNode, type DirectoryNode, type GroupNode, type TreeNode } from '../../src/tree/nodes';
import {
  collectAll,
  scanBothEnds,
  WorkOSClient,
  type DirectoryGroup,
  type ListGroupsParams,
  type Page,
} from '../../src/workos';
import {
  args,
  serve,
  timed,
  type CachedHover,
  type ColdHover,
  type LinksRun,
  type MembersExpansion,
  type ScanRun,
} from './child';
import { idLog, links, type LogDocument } from './ids';

const PAGE_SIZE = 100;

/** Notes when each page of groups has arrived, so that the model's own time can be told from the wire's. */
class TimedClient extends WorkOSClient {
  pageArrived = 0;

  override async listGroups(params: ListGroupsParams, signal?: AbortSignal): Promise<Page<DirectoryGroup>> {
    const page = await super.listGroups(params, signal);
    this.pageArrived = performance.now();
    return page;
  }
}

/** The extension's tree model on one session, as the view has it, without VS Code. */
function model(client: WorkOSClient): TreeModel {
  const session = new Session(client, () => PAGE_SIZE, 'bench');
  const host: TreeModelHost = {
    session: async () => ({ session, keySource: 'secret-storage' }),
    activeSession: () => session,
    changed: () => {},
    stateChanged: () => {},
    pageFailed: () => {},
  };
  return new TreeModel(host);
}

async function directoryNodes(tree: TreeModel): Promise<DirectoryNode[]> {
  return (await tree.children()).filter((node): node is DirectoryNode => node.kind === 'directory');
}

/**
 * Time of one children() call: the mean over a batch of calls, from the fastest of 20 batches, as
 * the one least disturbed by other processes on the machine (and the first ones warm up the JIT).
 */
async function timeChildren(tree: TreeModel, node: TreeNode): Promise<number> {
  gc!(); // not the collection of the pages just loaded
  let fastest = Infinity;
  for (let batch = 0; batch < 20; batch++) {
    const started = performance.now();
    for (let i = 0; i < 1000; i++) await tree.children(node);
    fastest = Math.min(fastest, (performance.now() - started) / 1000);
  }
  return fastest;
}

function heapUsed(): number {
  gc!();
  gc!();
  return process.memoryUsage().heapUsed;
}

/** 100 pages into one directory: per-page append time, children() at 100 and 10,000 rows, heap growth. */
async function tree() {
  const client = new TimedClient({ apiKey: args.apiKey, baseUrl: args.url });
  const view = model(client);
  const node = (await directoryNodes(view)).find((candidate) => candidate.directory.id === args.directory)!;
  const heapBefore = heapUsed();
  const appendMs: number[] = [];
  const loadMs: number[] = [];
  let started = performance.now();
  await view.children(node);
  appendMs.push(performance.now() - client.pageArrived);
  loadMs.push(performance.now() - started);
  const childrenMsAt100 = await timeChildren(view, node);
  while (appendMs.length < 100) {
    started = performance.now();
    await view.loadMore(node);
    appendMs.push(performance.now() - client.pageArrived);
    loadMs.push(performance.now() - started);
  }
  const childrenMsAt10k = await timeChildren(view, node);
  const heapGrowth = heapUsed() - heapBefore;
  const rows = (await view.children(node)).filter((child) => child.kind === 'group').length;
  return { rows, appendMs, loadMs, childrenMsAt100, childrenMsAt10k, heapGrowth };
}

/**
 * No client at all: what one fetch() a page costs on this machine, to tell the client's share from the
 * platform's. It keeps every group, as a listing does (holding 10,000 objects costs the GC). `nested`:
 * through `/directories/{id}/groups`, else `/directory_groups?directory=`.
 */
async function bareFetch(nested: boolean): Promise<number> {
  const groups: unknown[] = [];
  let after: string | null = null;
  do {
    const query = new URLSearchParams({
      ...(nested ? {} : { directory: args.directory }),
      limit: String(PAGE_SIZE),
      ...(after ? { after } : {}),
    });
    const path = nested ? `/directories/${args.directory}/groups` : '/directory_groups';
    const response = await fetch(`${args.url}${path}?${query.toString()}`, {
      headers: { Authorization: `Bearer ${args.apiKey}` },
    });
    const page = (await response.json()) as { data: unknown[]; list_metadata: { after: string | null } };
    groups.push(...page.data);
    after = page.list_metadata.after;
  } while (after);
  return groups.length;
}

/**
 * One client for the listings of each kind, kept across runs: the parent turns the fake's nested routes
 * off for the flat listings, so that `client` has found them missing in the warm-up run and reads flat.
 */
const client = new WorkOSClient({ apiKey: args.apiKey, baseUrl: args.url });
const nestedClient = new WorkOSClient({ apiKey: args.apiKey, baseUrl: args.url });
const listingOf = (listing: WorkOSClient) =>
  timed(async () => (await collectAll(listing.allGroups({ directory: args.directory, limit: PAGE_SIZE }))).length);
/** A fresh model (and client: nothing cached) with its directory nodes loaded, for the next 'expand'. */
let expansion: { view: TreeModel; nodes: DirectoryNode[] } | undefined;
/** The same for 'members': a fresh model and client on the members fake, with the chosen group rows shown. */
let membersExpansion: { view: TreeModel; nodes: GroupNode[] } | undefined;

/** The group rows `args.members.groups` names, as children() of their directory row shows them. */
async function prepareMembers(): Promise<void> {
  const { url, directory, groups } = args.members;
  const view = model(new WorkOSClient({ apiKey: args.apiKey, baseUrl: url }));
  const directoryNode = (await directoryNodes(view)).find((node) => node.directory.id === directory);
  if (!directoryNode) throw new Error(`The tree shows no directory ${directory}.`);
  const rows = new Map(
    (await view.children(directoryNode)).filter(isGroupNode).map((node) => [node.group.id, node] as const),
  );
  const nodes = groups.map((id) => rows.get(id));
  if (nodes.some((node) => node === undefined)) throw new Error('The directory row does not show every chosen group.');
  membersExpansion = { view, nodes: nodes as GroupNode[] };
}

/** Every chosen group row's children() at once, as the view asks when they are expanded together. */
async function members(): Promise<MembersExpansion> {
  const { view, nodes } = membersExpansion!;
  const started = performance.now();
  const children = await Promise.all(nodes.map((node) => view.children(node)));
  const ms = performance.now() - started;
  const failures = children.flat().filter((row) => row.kind === 'message');
  const error = failures[0]?.error;
  return {
    ms,
    groups: nodes.length,
    rows: children.flat().filter((row) => row.kind === 'user').length,
    groupsDone: nodes.length - failures.length,
    completed: failures.length === 0,
    ...(error !== undefined && {
      error: error instanceof Error ? `${error.name}: ${error.message}` : JSON.stringify(error),
    }),
  };
}

/** The big directory's group IDs as one cursor lists them (newest first), for 'scan' to be checked against. */
let singleCursorIds: string[] | undefined;

async function prepareScan(): Promise<void> {
  const listing = new WorkOSClient({ apiKey: args.apiKey, baseUrl: args.url });
  singleCursorIds = (await collectAll(listing.allGroups({ directory: args.directory, limit: PAGE_SIZE }))).map(
    (group) => group.id,
  );
}

/** `scanBothEnds` over the big directory with a fresh client, as Find Groups in Directory runs it. */
async function scan(): Promise<ScanRun> {
  const reference = singleCursorIds!;
  const scanClient = new WorkOSClient({ apiKey: args.apiKey, baseUrl: args.url });
  const batchAt: number[] = [];
  const fallbacks: string[] = [];
  const started = performance.now();
  const groups = await scanBothEnds<DirectoryGroup>(
    (order, after, signal) =>
      scanClient.listGroups({ directory: args.directory, limit: PAGE_SIZE, order, after }, signal),
    { onItems: () => batchAt.push(performance.now()), onFallback: (reason) => fallbacks.push(reason) },
  );
  const ms = performance.now() - started;
  const ids = groups.map((group) => group.id);
  const distinct = new Set(ids);
  const expected = new Set(reference);
  return {
    ms,
    firstPageMs: batchAt.length > 0 ? batchAt[0] - started : NaN,
    firstTwoPagesMs: batchAt.length > 1 ? batchAt[1] - started : NaN,
    batches: batchAt.length,
    items: ids.length,
    distinct: distinct.size,
    referenceItems: reference.length,
    sameSet: ids.length === distinct.size && distinct.size === expected.size && ids.every((id) => expected.has(id)),
    sameOrder: ids.length === reference.length && ids.every((id, i) => id === reference[i]),
    fallbacks,
  };
}

const LINK_RUNS = 10;
let log: LogDocument | undefined;

/** The link provider's work on the 5 MB log: a warm-up run, then `LINK_RUNS` from an equal heap each. */
async function idLinks(): Promise<LinksRun> {
  log ??= idLog();
  const runs: Array<ReturnType<typeof links>> = [];
  for (let run = 0; run <= LINK_RUNS; run++) {
    gc!();
    const result = links(log);
    if (run > 0) runs.push(result);
  }
  const { found, ranges } = runs[0];
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1];
  return {
    bytes: log.bytes,
    lines: log.lines.length,
    written: log.ids.length,
    kinds: log.kinds,
    found: found.length,
    sameIds: found.length === log.ids.length && found.every((id, i) => id.id === log!.ids[i]),
    rangesCoverIds: ranges.every(
      ([start, end], i) =>
        start.line === end.line && log!.lines[start.line].slice(start.character, end.character) === found[i].id,
    ),
    ms: median(runs.map((run) => run.ms)),
    fastestMs: Math.min(...runs.map((run) => run.ms)),
    runsMs: runs.map((run) => run.ms),
    scanMs: median(runs.map((run) => run.scanMs)),
  };
}

/** A session with the big directory's first page of groups loaded (so its groups are cached), for 'cachedHover'. */
let hover: { session: Session; groups: DirectoryGroup[] } | undefined;
let coldHovers = 0;

async function prepareHover(): Promise<void> {
  const session = new Session(new WorkOSClient({ apiKey: args.apiKey, baseUrl: args.url }), () => PAGE_SIZE, 'bench');
  const list = session.list({ of: 'groups', directory: args.directory });
  await list.loadNext();
  if (list.items.length === 0) throw new Error(`No groups loaded: ${String(list.error)}`);
  hover = { session, groups: list.items };
}

/** `session.get` of the first listed group, as a hover asks: fastest of 20 batches of 1,000 calls. */
async function cachedHover(): Promise<CachedHover> {
  const { session, groups } = hover!;
  const id = groups[0].id;
  const batches: number[] = [];
  let sameObject = true;
  for (let batch = 0; batch < 20; batch++) {
    const started = performance.now();
    for (let i = 0; i < 1000; i++) sameObject &&= (await session.get('directory_group', id)) === groups[0];
    batches.push((performance.now() - started) / 1000);
  }
  return {
    perCallMs: Math.min(...batches),
    medianBatchPerCallMs: [...batches].sort((a, b) => a - b)[batches.length >> 1],
    calls: 20 * 1000,
    sameObject,
  };
}

/** A fresh session (and client) asked for a group it has not seen, with a signal as the hover passes one. */
async function coldHover(): Promise<ColdHover> {
  const { groups } = hover!;
  const id = groups[groups.length - 1 - (coldHovers++ % groups.length)].id;
  const session = new Session(new WorkOSClient({ apiKey: args.apiKey, baseUrl: args.url }), () => PAGE_SIZE, 'bench');
  const started = performance.now();
  const object = await session.get('directory_group', id, new AbortController().signal);
  const ms = performance.now() - started;
  return { ms, id, answered: object.id === id && session.cached('directory_group', id) === object };
}

serve({
  listing: () => listingOf(client),
  listingNested: () => listingOf(nestedClient),
  bareFetch: () => timed(() => bareFetch(false)),
  bareFetchNested: () => timed(() => bareFetch(true)),
  prepareScan,
  scan,
  tree,
  prepareExpand: async () => {
    const view = model(new WorkOSClient({ apiKey: args.apiKey, baseUrl: args.url }));
    expansion = { view, nodes: await directoryNodes(view) };
  },
  /** Every directory node's children() at once. */
  expand: async () => {
    const { view, nodes } = expansion!;
    const started = performance.now();
    const children = await Promise.all(nodes.map((node) => view.children(node)));
    const ms = performance.now() - started;
    return { ms, directories: nodes.length, rows: children.flat().filter((child) => child.kind === 'group').length };
  },
  prepareMembers,
  members,
  links: idLinks,
  prepareHover,
  cachedHover,
  coldHover,
});
