import { describe, expect, it } from 'vitest';
import { GroupCommit, GroupCommitFullError } from './group-commit.ts';

/** A store that records each statement and holds it open until released, like a commit in flight. */
function heldStore(fail?: (items: readonly string[]) => string | undefined) {
  const statements: string[][] = [];
  const release: (() => void)[] = [];
  const write = async (items: readonly string[]) => {
    statements.push([...items]);
    await new Promise<void>((resolve) => release.push(resolve));
    const bad = fail?.(items);
    if (bad) throw new Error(`unique violation on ${bad}`);
    return items.map((item) => `stored ${item}`);
  };
  /** Commits everything in flight, and what follows it, until nothing more is sent for a few turns. */
  const releaseAll = async () => {
    for (let quiet = 0; quiet < 3; ) {
      if (release.length === 0) quiet++;
      else quiet = 0;
      for (const r of release.splice(0)) r();
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  return { statements, write, releaseAll };
}

const keyOf = (item: string) => item.split(':')[0] as string;
/** One turn of the event loop: what the writer waits before it sends. */
const tick = () => new Promise((resolve) => setImmediate(resolve));
const options = { maxBatch: 10, maxQueue: 100, concurrency: 1 };

describe('GroupCommit', () => {
  it('sends a write after one turn of the loop and the ones that arrive meanwhile together, answering each after its commit', async () => {
    const store = heldStore();
    const writer = new GroupCommit(store.write, keyOf, options);
    const answered: string[] = [];
    const first = writer.submit('a:1').then((r) => answered.push(r));
    expect(store.statements).toEqual([]);
    await tick();
    const rest = ['b:1', 'c:1', 'd:1'].map((item) => writer.submit(item).then((r) => answered.push(r)));
    expect(store.statements).toEqual([['a:1']]);
    expect(answered).toEqual([]); // nobody is answered before the statement commits
    await store.releaseAll();
    await Promise.all([first, ...rest]);
    expect(store.statements).toEqual([['a:1'], ['b:1', 'c:1', 'd:1']]);
    expect(answered.sort()).toEqual(['stored a:1', 'stored b:1', 'stored c:1', 'stored d:1']);
  });

  it('never puts two writes with one key in a statement, and keeps their order', async () => {
    const store = heldStore();
    const writer = new GroupCommit(store.write, keyOf, options);
    const all = ['a:1', 'a:2', 'b:1', 'a:3', 'c:1'].map((item) => writer.submit(item));
    await tick();
    await store.releaseAll();
    await Promise.all(all);
    expect(store.statements).toEqual([['a:1', 'b:1', 'c:1'], ['a:2'], ['a:3']]);
  });

  it('caps a statement at maxBatch and keeps up to `concurrency` statements in flight', async () => {
    const store = heldStore();
    const writer = new GroupCommit(store.write, keyOf, { ...options, maxBatch: 2, concurrency: 2 });
    const all = ['a', 'b', 'c', 'd', 'e', 'f'].map((item) => writer.submit(item));
    await tick();
    expect(store.statements).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
    await store.releaseAll();
    await Promise.all(all);
    expect(store.statements).toEqual([
      ['a', 'b'],
      ['c', 'd'],
      ['e', 'f'],
    ]);
  });

  it('retries each write of a failed statement alone, so only the bad one fails', async () => {
    const store = heldStore((items) => items.find((item) => item === 'bad'));
    const writer = new GroupCommit(store.write, keyOf, options);
    const first = writer.submit('x');
    await tick();
    const results = ['ok1', 'bad', 'ok2'].map((item) =>
      writer.submit(item).then(
        (r) => r,
        (e: Error) => e.message,
      ),
    );
    await store.releaseAll();
    await first;
    expect(await Promise.all(results)).toEqual(['stored ok1', 'unique violation on bad', 'stored ok2']);
    expect(store.statements.slice(1, 2)).toEqual([['ok1', 'bad', 'ok2']]);
  });

  it('refuses a write when the queue is full instead of queueing without bound', async () => {
    const store = heldStore();
    const writer = new GroupCommit(store.write, keyOf, { ...options, maxQueue: 2 });
    const held = [writer.submit('a')];
    await tick(); // a in flight
    held.push(writer.submit('b'), writer.submit('c'));
    await expect(writer.submit('d')).rejects.toBeInstanceOf(GroupCommitFullError);
    await store.releaseAll();
    expect(await Promise.all(held)).toEqual(['stored a', 'stored b', 'stored c']);
  });
});
