// The failure strip algorithm and the inline SVG charts of the review.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { SaxesParser } from 'saxes';
import { barChartSvg, buildStrip, formatBytes, stripSvg, type StripRange } from './index.ts';

function wellFormed(svg: string): Array<{ name: string; attrs: Record<string, string> }> {
  const p = new SaxesParser();
  const els: Array<{ name: string; attrs: Record<string, string> }> = [];
  p.on('error', (e) => {
    throw e;
  });
  p.on('opentag', (t) => void els.push({ name: t.name, attrs: t.attributes as Record<string, string> }));
  p.write(svg).close();
  return els;
}

const r = (offset: number, length: number, status = 'Failed', severity: StripRange['severity'] = 'error'): StripRange => ({ offset, length, status, severity });

describe('buildStrip', () => {
  test('merges touching and overlapping runs of one status, keeps different statuses apart, sorts', () => {
    const s = buildStrip(100, [r(50, 10), r(0, 10), r(10, 10), r(15, 10), r(30, 5, 'Corrupted'), r(35, 5, 'Failed')]);
    assert.deepEqual(s, {
      length: 100,
      binned: false,
      segments: [
        { start: 0, end: 25, status: 'Failed', severity: 'error' },
        { start: 30, end: 35, status: 'Corrupted', severity: 'error' },
        { start: 35, end: 40, status: 'Failed', severity: 'error' },
        { start: 50, end: 60, status: 'Failed', severity: 'error' },
      ],
    });
  });

  test('clips to the file, marks zero-length ranges, handles an empty file', () => {
    assert.deepEqual(buildStrip(100, [r(90, 50), r(200, 5), r(40, 0)]).segments.map((x) => [x.start, x.end]), [[40, 41], [90, 100]]);
    assert.deepEqual(buildStrip(100, [r(200, 5, 'Corrupted')]).segments.map((x) => [x.start, x.end]), [[100, 100]], 'beyond the end: at the end');
    assert.deepEqual(buildStrip(0, [r(0, 0)]).segments, [{ start: 0, end: 0, status: 'Failed', severity: 'error' }]);
  });

  test('beyond maxSegments: equal bins with the worst status, neighbours joined', () => {
    const ranges = Array.from({ length: 1000 }, (_, i) => r(i * 10, 5, i === 500 ? 'Corrupted' : 'Committed', i === 500 ? 'error' : 'warning'));
    const s = buildStrip(10_000, ranges, 10);
    assert.equal(s.binned, true);
    assert.ok(s.segments.length <= 10);
    assert.deepEqual(s.segments.map((x) => [x.start, x.end, x.status]), [[0, 5000, 'Committed'], [5000, 6000, 'Corrupted'], [6000, 10000, 'Committed']]);
  });
});

describe('charts', () => {
  test('bar chart: well-formed, role=img with every code and count in its name, bars scaled, tiny counts visible', () => {
    const svg = barChartSvg({
      title: 'Blob status',
      idPrefix: 'c1',
      bars: [
        { code: 'Completed', count: 1_000_000, severity: 'ok', title: 'Done' },
        { code: 'Failed', count: 1, severity: 'error', title: 'Failed <x>' },
      ],
    });
    const els = wellFormed(svg);
    const root = els[0]!;
    assert.equal(root.attrs.role, 'img');
    assert.equal(root.attrs['aria-label'], 'Blob status: Completed 1000000, Failed 1');
    const rects = els.filter((e) => e.name === 'rect');
    assert.equal(Number(rects[0]!.attrs.width) > 300, true);
    assert.equal(rects[1]!.attrs.width, '3', 'a count of 1 is still visible');
    assert.equal(rects[1]!.attrs.fill, '#c50f1f');
    assert.equal(barChartSvg({ title: 't', idPrefix: 'e', bars: [] }), '');
  });

  test('bar chart: more bars than maxBars are summed into "other" with the worst severity', () => {
    const bars = Array.from({ length: 6 }, (_, i) => ({ code: `C${i}`, count: 10 - i, severity: i === 5 ? ('error' as const) : ('ok' as const), title: `C${i}` }));
    const els = wellFormed(barChartSvg({ title: 't', idPrefix: 'p', bars, maxBars: 3, otherLabel: 'overige' }));
    const groups = els.filter((e) => e.name === 'g');
    assert.deepEqual(groups.map((g) => [g.attrs['data-code'], g.attrs['data-count']]), [['C0', '10'], ['C1', '9'], ['overige', String(8 + 7 + 6 + 5)]]);
  });

  test('strip: well-formed, runs at their positions, accessible name as given', () => {
    const svg = stripSvg({ title: 'Failures in \\a.bin', idPrefix: 's', width: 408, strip: buildStrip(1000, [r(0, 100), r(500, 250, 'Corrupted', 'warning')]) });
    const els = wellFormed(svg);
    assert.equal(els[0]!.attrs['aria-label'], 'Failures in \\a.bin');
    const runs = els.filter((e) => e.attrs.class === 'run');
    assert.deepEqual(runs.map((e) => [e.attrs.x, e.attrs.width, e.attrs['data-status']]), [['4', '40', 'Failed'], ['204', '100', 'Corrupted']]);
  });

  test('formatBytes', () => {
    assert.deepEqual([formatBytes(0), formatBytes(1023), formatBytes(1024), formatBytes(65536), formatBytes(3 * 1024 ** 3)], ['0 B', '1023 B', '1.0 KiB', '64.0 KiB', '3.0 GiB']);
  });
});
