import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  rewardBudgetFigure,
  routingFigure,
  budgetByDifficultyFigure,
  allocationHistogram,
  reliabilityFigure,
  shareByGroupFigure,
  spentFromResults,
  binEdges,
  type PlotlyFigure,
} from '../../lib/plot/figures';

function axisTitle(fig: PlotlyFigure, axis: 'xaxis' | 'yaxis'): string {
  const a = fig.layout[axis] as { title: { text: string } };
  return a.title.text;
}

function checkLabelled(fig: PlotlyFigure): void {
  assert.ok(fig.layout.title.text.length > 0);
  assert.ok(axisTitle(fig, 'xaxis').length > 0 && /\(/.test(axisTitle(fig, 'xaxis')), `x label with unit: ${axisTitle(fig, 'xaxis')}`);
  assert.ok(axisTitle(fig, 'yaxis').length > 0 && /\(/.test(axisTitle(fig, 'yaxis')), `y label with unit: ${axisTitle(fig, 'yaxis')}`);
  assert.ok(fig.data.some((t) => t.showlegend !== false && typeof t.name === 'string'));
  // JSON-serialisable with plain arrays (typed arrays would serialise as objects)
  const round = JSON.parse(JSON.stringify(fig));
  for (const t of round.data) if (t.x) assert.ok(Array.isArray(t.x));
}

test('rewardBudgetFigure: a line per allocator, bands as filled areas, offline at its spent budget', () => {
  const fig = rewardBudgetFigure({
    title: 'toy',
    x: Int32Array.from([1, 2, 3]),
    curves: { uniform: Float64Array.from([0.5, 0.6, 0.65]), online: [0.55, 0.66, 0.7], offline: [0.54, 0.6, 0.7] },
    bands: { online: { lo: [0.5, 0.6, 0.65], hi: [0.6, 0.7, 0.75] } },
    spent: { offline: [1.1, 2.05, 2.9] },
  });
  checkLabelled(fig);
  assert.equal(fig.data.length, 4);
  const band = fig.data[0];
  assert.equal(band.fill, 'toself');
  assert.deepEqual(band.x, [1, 2, 3, 3, 2, 1]);
  assert.deepEqual(band.y, [0.6, 0.7, 0.75, 0.65, 0.6, 0.5]);
  const offline = fig.data.find((t) => t.legendgroup === 'offline' && t.fill === undefined);
  assert.deepEqual(offline?.x, [1.1, 2.05, 2.9]);
  assert.match(fig.layout.title.text, /95% bootstrap interval/);
  assert.throws(() => rewardBudgetFigure({ title: 't', x: [1, 2], curves: { a: [1] } }), /curve 'a' has 1 points but 2 x values/);
});

test('spentFromResults: picks <name>Spent fields', () => {
  assert.deepEqual(spentFromResults({ x: [1], offlineSpent: [1.1], twoStageSpent: [0.9], Spent: [1] }), { offline: [1.1], twoStage: [0.9] });
});

test('routingFigure: weak and strong reference lines and axis labels', () => {
  const fig = routingFigure({ title: 'route', x: [0, 0.5, 1], curves: { random: [0.4, 0.6, 0.8], online: [0.4, 0.7, 0.8] }, weakMean: 0.4, strongMean: 0.8 });
  checkLabelled(fig);
  assert.ok(fig.data.some((t) => t.name === 'weak only'));
  assert.ok(fig.data.some((t) => t.name === 'strong only'));
});

test('budgetByDifficultyFigure: mean budget per difficulty bin, hand-checked', () => {
  const fig = budgetByDifficultyFigure({
    title: 'budget vs difficulty',
    difficulty: [0, 0.1, 0.9, 1],
    budgets: { oracle: [0, 2, 4, 0] },
    bins: 2,
  });
  checkLabelled(fig);
  assert.deepEqual(fig.data[0].y, [1, 2]);
  // sd 1 and 2, clipped to the budgets seen in each bin (0..2 and 0..4)
  assert.deepEqual((fig.data[0].error_y as { array: number[] }).array, [1, 2]);
  assert.deepEqual((fig.data[0].error_y as { arrayminus: number[] }).arrayminus, [1, 2]);
  const skew = budgetByDifficultyFigure({ title: 't', difficulty: [0, 0, 0, 0], budgets: { a: [0, 0, 0, 8] }, bins: [0, 1] });
  const e = skew.data[0].error_y as { array: number[]; arrayminus: number[] };
  assert.equal(skew.data[0].y && (skew.data[0].y as number[])[0], 2);
  assert.deepEqual([e.arrayminus[0], +e.array[0].toFixed(6)], [2, +Math.sqrt(12).toFixed(6)]);
  assert.deepEqual(binEdges([0, 1], 4), [0, 0.25, 0.5, 0.75, 1]);
});

test('allocationHistogram: counts per budget', () => {
  const fig = allocationHistogram({ title: 'hist', budgets: { online: Int32Array.from([0, 1, 1, 3]) } });
  checkLabelled(fig);
  assert.deepEqual(fig.data[0].y, [1, 2, 0, 1]);
  assert.throws(() => allocationHistogram({ title: 'h', budgets: { a: [5] }, bmax: 3 }), /budget 5, outside 0..3/);
});

test('reliabilityFigure and shareByGroupFigure: labelled, empty bins dropped', () => {
  const rel = reliabilityFigure({
    model: [
      { lo: 0, hi: 0.5, meanPredicted: 0.3, meanObserved: 0.25, weight: 10 },
      { lo: 0.5, hi: 1, meanPredicted: NaN, meanObserved: NaN, weight: 0 },
    ],
  });
  checkLabelled(rel);
  assert.deepEqual(rel.data[1].x, [0.3]);
  const groups = shareByGroupFigure({
    title: 'Figure 5',
    groups: {
      online: { strongOnly: { count: 3, share: 0.9 }, bothRight: { count: 5, share: 0.1 } },
      random: { strongOnly: { count: 3, share: 0.5 }, bothRight: { count: 5, share: 0.5 } },
    },
    groupLabels: { strongOnly: 'strong right, weak wrong', bothRight: 'both right' },
    share: 0.5,
  });
  checkLabelled(groups);
  assert.deepEqual(groups.data[0].y, [0.9, 0.1]);
  assert.match(String((groups.data[0].x as string[])[0]), /strong right, weak wrong<br>\(n=3\)/);
});
