/**
 * Range algebra: table cases for normal form (unsorted, overlapping, nested, touching, empty) and set operations,
 * plus properties against a brute-force membership check on small integer ranges.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  containsRange,
  intersectRanges,
  normalizeRanges,
  rangesFrom,
  rangesToList,
  subtractRanges,
  unionRanges,
  type RangeSet,
} from '../../src/engine/ranges.js';

type Pair = [number, number];
const set = (...pairs: Pair[]): RangeSet => rangesFrom(pairs.map(([start, end]) => ({ start, end })));
const pairs = (s: RangeSet): Pair[] => rangesToList(s).map((r) => [r.start, r.end]);

describe('normalizeRanges', () => {
  const cases: [string, Pair[], Pair[]][] = [
    ['empty input', [], []],
    ['drops empty and inverted ranges', [[5, 5], [7, 3]], []],
    ['sorted, disjoint: unchanged', [[0, 1], [2, 3]], [[0, 1], [2, 3]]],
    ['touching ranges join', [[0, 1], [1, 2]], [[0, 2]]],
    ['overlapping ranges join', [[0, 5], [3, 8]], [[0, 8]]],
    ['nested ranges collapse', [[0, 10], [2, 3], [4, 6]], [[0, 10]]],
    ['unsorted input', [[20, 30], [0, 5], [4, 10], [10, 12], [40, 41]], [[0, 12], [20, 30], [40, 41]]],
    ['unsorted with nesting and touching', [[9, 10], [0, 10], [10, 11], [3, 4]], [[0, 11]]],
    ['an empty range between touching ones does not split them', [[0, 2], [2, 2], [2, 4]], [[0, 4]]],
  ];
  for (const [name, input, expected] of cases) {
    test(name, () => {
      assert.deepEqual(pairs(normalizeRanges(input.map((p) => p[0]), input.map((p) => p[1]))), expected);
    });
  }
  test('does not mutate its input', () => {
    const starts = [5, 0, 3];
    const ends = [6, 2, 4];
    normalizeRanges(starts, ends);
    assert.deepEqual([starts, ends], [[5, 0, 3], [6, 2, 4]]);
  });
});

describe('set operations', () => {
  const a = set([0, 10], [20, 30]);
  const b = set([5, 25], [30, 35]);
  test('union joins across touching ends', () => assert.deepEqual(pairs(unionRanges(a, b)), [[0, 35]]));
  test('intersection', () => assert.deepEqual(pairs(intersectRanges(a, b)), [[5, 10], [20, 25]]));
  test('a minus b', () => assert.deepEqual(pairs(subtractRanges(a, b)), [[0, 5], [25, 30]]));
  test('b minus a', () => assert.deepEqual(pairs(subtractRanges(b, a)), [[10, 20], [30, 35]]));
  test('subtracting touching ranges leaves the range', () => assert.deepEqual(pairs(subtractRanges(set([10, 20]), set([0, 10], [20, 30]))), [[10, 20]]));
  test('subtracting several holes', () => assert.deepEqual(pairs(subtractRanges(set([0, 100]), set([10, 20], [30, 40], [90, 120]))), [[0, 10], [20, 30], [40, 90]]));
  test('containsRange', () => {
    assert.equal(containsRange(a, 0, 10), true);
    assert.equal(containsRange(a, 5, 11), false);
    assert.equal(containsRange(a, 10, 20), false);
    assert.equal(containsRange(a, 25, 30), true);
    assert.equal(containsRange(a, 30, 31), false);
  });
});

describe('properties against brute-force membership', () => {
  const U = 60;
  const rangesArb = fc.array(fc.tuple(fc.integer({ min: 0, max: U }), fc.integer({ min: 0, max: 12 })), { maxLength: 8 }).map((list) => list.map(([s, len]) => [s, s + len] as Pair));
  const members = (list: Pair[]): boolean[] => Array.from({ length: U + 20 }, (_, x) => list.some(([s, e]) => s <= x && x < e));
  const membersOf = (s: RangeSet): boolean[] => members(pairs(s));
  const isNormal = (s: RangeSet): boolean => {
    for (let i = 0; i < s.length; i += 2) {
      if (!(s[i]! < s[i + 1]!)) return false;
      if (i > 0 && !(s[i - 1]! < s[i]!)) return false;
    }
    return true;
  };

  test('normal form, union, intersection, subtraction and containment agree with sets of points', () => {
    fc.assert(
      fc.property(rangesArb, rangesArb, fc.integer({ min: 0, max: U }), fc.integer({ min: 1, max: 15 }), (la, lb, qs, qlen) => {
        const a = normalizeRanges(la.map((p) => p[0]), la.map((p) => p[1]));
        const b = normalizeRanges(lb.map((p) => p[0]), lb.map((p) => p[1]));
        const ma = members(la);
        const mb = members(lb);
        assert.ok(isNormal(a) && isNormal(b));
        assert.deepEqual(membersOf(a), ma);
        const u = unionRanges(a, b);
        const i = intersectRanges(a, b);
        const d = subtractRanges(a, b);
        assert.ok(isNormal(u) && isNormal(i) && isNormal(d));
        assert.deepEqual(membersOf(u), ma.map((x, k) => x || mb[k]!));
        assert.deepEqual(membersOf(i), ma.map((x, k) => x && mb[k]!));
        assert.deepEqual(membersOf(d), ma.map((x, k) => x && !mb[k]!));
        const inside = ma.slice(qs, qs + qlen).every(Boolean) && qs + qlen <= ma.length;
        assert.equal(containsRange(a, qs, qs + qlen), inside);
      }),
      { numRuns: 1000 },
    );
  });
});
