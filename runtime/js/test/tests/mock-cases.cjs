'use strict';
// Mock-function scenarios whose observable results (returned values, mock.calls/results/
// instances/contexts, names) must match jest-mock 30; each returns a JSON-able summary.
// tools/jest-messages.cjs records jest-mock's answers in fixtures/jest-mocks.json.

function state(f) {
  return { calls: f.mock.calls, results: f.mock.results.map((r) => [r.type, r.value instanceof Error ? 'Error:' + r.value.message : r.value]),
    lastCall: f.mock.lastCall === undefined ? 'undefined' : f.mock.lastCall, name: f.getMockName(),
    instances: f.mock.instances.length, contexts: f.mock.contexts.length };
}

module.exports = {
  'return values and once queue': ({ fn }) => {
    const f = fn(() => 'impl').mockReturnValueOnce('once1').mockReturnValueOnce('once2');
    return [f(1), f(2), f(3), state(f)];
  },
  'mockReturnValue then implementationOnce': ({ fn }) => {
    const f = fn().mockReturnValue(7).mockImplementationOnce((x) => x * 10);
    return [f(2), f(2), f(), state(f)];
  },
  'throwing implementation': ({ fn }) => {
    const f = fn(() => { throw new Error('bad'); });
    let caught = null;
    try { f(1); } catch (e) { caught = e.message; }
    return [caught, state(f)];
  },
  'mockClear keeps implementation, mockReset drops it': ({ fn }) => {
    const f = fn(() => 1).mockName('n');
    f();
    f.mockClear();
    const afterClear = [f(), state(f)];
    f.mockReset();
    return [afterClear, f(), state(f)];
  },
  'mockReturnThis and contexts': ({ fn }) => {
    const obj = { m: fn().mockReturnThis() };
    return [obj.m() === obj, obj.m.mock.contexts[0] === obj];
  },
  'new records instances': ({ fn }) => {
    const F = fn(function (a) { this.a = a; });
    const x = new F(1);
    return [x.a, F.mock.instances[0] === x, F.mock.results[0].type, F.mock.results[0].value === undefined];
  },
  'resolved and rejected values': async ({ fn }) => {
    const f = fn().mockResolvedValueOnce('r1').mockRejectedValueOnce(new Error('no')).mockResolvedValue('r');
    const out = [await f()];
    try { await f(); } catch (e) { out.push('rejected ' + e.message); }
    out.push(await f());
    return out;
  },
  'spyOn calls through and restores': ({ spyOn }) => {
    const obj = { add(a, b) { return a + b; } };
    const original = obj.add;
    const spy = spyOn(obj, 'add');
    const through = obj.add(1, 2);
    spy.mockImplementation(() => 0);
    const replaced = obj.add(1, 2);
    spy.mockRestore();
    return [through, replaced, obj.add === original, obj.add(2, 2), state(spy)];
  },
  'spyOn mockReset keeps calling the original': ({ spyOn }) => {
    const obj = { v() { return 'orig'; } };
    const spy = spyOn(obj, 'v').mockReturnValue('mocked');
    const before = obj.v();
    spy.mockReset();
    return [before, obj.v()];
  },
  'spyOn getter': ({ spyOn }) => {
    const obj = { get g() { return 1; } };
    const spy = spyOn(obj, 'g', 'get').mockReturnValue(5);
    return [obj.g, spy.mock.calls.length];
  },
  'spyOn errors': ({ spyOn }) => {
    const out = [];
    for (const [target, key] of [[{ a: 1 }, 'a'], [{}, 'missing'], [null, 'x']]) {
      try { spyOn(target, key); out.push('no error'); } catch (e) { out.push(e.message); }
    }
    return out;
  },
  'default names': ({ fn }) => [fn().getMockName(), fn(function named() {}).getMockName()],
  'isMockFunction': ({ fn, isMockFunction }) => [isMockFunction(fn()), isMockFunction(() => {}), isMockFunction(null)],
  'restoreAllMocks restores spies': ({ spyOn, restoreAllMocks }) => {
    const obj = { m: () => 'orig' };
    spyOn(obj, 'm').mockReturnValue('x');
    restoreAllMocks();
    return [obj.m()];
  },
  'clearAllMocks clears every mock': ({ fn, clearAllMocks }) => {
    const a = fn();
    const b = fn();
    a(); b(); b();
    clearAllMocks();
    return [a.mock.calls.length, b.mock.calls.length];
  },
  'withImplementation is temporary': ({ fn }) => {
    const f = fn(() => 'base');
    const inside = [];
    f.withImplementation(() => 'temp', () => { inside.push(f()); });
    return [inside, f()];
  },
};
