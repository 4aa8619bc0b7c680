// immer (dual package) imported as an ES module from TypeScript; only erasable TS syntax.
// Results go through console.log: frozen objects, Maps, Sets, class instances and patches
// exercise util.inspect.
import { produce, produceWithPatches, applyPatches, enablePatches, enableMapSet, freeze, isDraft, isDraftable, current, original, nothing, createDraft, finishDraft, immerable, castDraft, Immer } from 'immer';
import type { Draft, Patch } from 'immer';

enablePatches();
enableMapSet();

interface Todo {
  id: number;
  title: string;
  done: boolean;
  tags: string[];
}

interface State {
  todos: Todo[];
  filter: 'all' | 'open' | 'done';
  meta: { version: number; owners: Map<string, { admin: boolean }>; seen: Set<number> };
}

const base: State = {
  todos: [
    { id: 1, title: 'learn immer', done: true, tags: ['lib'] },
    { id: 2, title: 'write tests', done: false, tags: [] },
  ],
  filter: 'all',
  meta: { version: 1, owners: new Map([['ada', { admin: true }]]), seen: new Set([1]) },
};

const next: State = produce(base, (draft: Draft<State>) => {
  draft.todos.push({ id: 3, title: 'ship', done: false, tags: ['release'] });
  draft.todos[1].done = true;
  draft.meta.version++;
  draft.meta.owners.set('bob', { admin: false });
  draft.meta.owners.get('ada')!.admin = false;
  draft.meta.seen.add(2);
});
console.log('next', next);
console.log('structural sharing', next.todos[0] === base.todos[0], next.todos[1] === base.todos[1], next.meta !== base.meta);
console.log('base untouched', base.todos.length, base.todos[1].done, base.meta.version, base.meta.owners.get('ada'));
console.log('frozen', Object.isFrozen(next), Object.isFrozen(next.todos), Object.isFrozen(next.todos[2].tags), Object.isFrozen(base));
console.log('no-op returns base', produce(base, () => {}) === base);

const replaced = produce(base, () => ({ ...base, filter: 'done' as const }));
console.log('return replacement', replaced.filter, replaced.todos === base.todos);
console.log('return nothing', produce<State | undefined>(base, () => nothing));

const [patched, patches, inverse]: [State, Patch[], Patch[]] = produceWithPatches(base, (draft: Draft<State>) => {
  draft.filter = 'open';
  draft.todos.splice(0, 1);
  draft.todos[0].tags.push('x');
  draft.meta.seen.delete(1);
});
console.log('patches', patches);
console.log('inverse', inverse);
console.log('applyPatches', applyPatches(base, patches).todos, applyPatches(patched, inverse).todos.length);

const curried = produce((draft: Draft<Todo>, title: string) => {
  draft.title = title.toUpperCase();
});
console.log('curried', curried(base.todos[0], 'renamed'));

const inspected: string[] = [];
produce(base, (draft: Draft<State>) => {
  draft.todos[0].title = 'changed';
  inspected.push(String(isDraft(draft)), String(isDraft(draft.todos[0])), JSON.stringify(current(draft.todos[0])), JSON.stringify(original(draft.todos[0])));
});
console.log('draft helpers', inspected, isDraft(base), isDraftable(base), isDraftable(new Date(0)), isDraftable(Object.create(null)));

const draft = createDraft(base);
draft.filter = 'done';
const finished = finishDraft(draft) as State;
console.log('createDraft/finishDraft', finished.filter, finished !== base);

class Point {
  [immerable] = true;
  x: number = 0;
  y: number = 0;
  constructor(x: number, y: number) {
    this.x = x;
    this.y = y;
  }
  get length(): number {
    return Math.hypot(this.x, this.y);
  }
}
const p2 = produce(new Point(3, 4), (d: Draft<Point>) => {
  d.x = 6;
  d.y = 8;
});
console.log('immerable class', p2, p2 instanceof Point, p2.length);

const loose = new Immer({ autoFreeze: false });
const unfrozen = loose.produce({ a: [1] }, (d) => {
  d.a.push(2);
});
console.log('Immer autoFreeze false', unfrozen, Object.isFrozen(unfrozen));
console.log('freeze deep', Object.isFrozen(freeze({ a: { b: 1 } }, true).a));
console.log('castDraft identity', castDraft(base) === base);

try {
  produce(base, (d: Draft<State>) => {
    d.filter = 'open';
    return { ...base };
  });
} catch (e) {
  console.log('error', (e as Error).message);
}
try {
  (next.todos as Todo[]).push({ id: 9, title: 'x', done: false, tags: [] });
} catch (e) {
  console.log('frozen write', (e as Error).constructor.name);
}
