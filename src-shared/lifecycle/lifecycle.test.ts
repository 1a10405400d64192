// The job and drive life cycles of seed 002 as data, their explanations (EN/NL), and the SVG diagram
// for every state: well-formed XML, accessible, and the highlighted state is the right one (and the
// only one). The expected lists are written out from the seed's tables, so dropping a state, a row or
// a transition fails a test.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { SaxesParser } from 'saxes';
import {
  DRIVE_LIFECYCLE,
  DRIVE_STATES,
  JOB_LIFECYCLE,
  JOB_STATES,
  describeDriveState,
  describeJobState,
  driveLifecycleSvg,
  driveStateForLogStatus,
  jobLifecycleSvg,
  lifecycleSvg,
  parseDriveState,
  parseJobState,
} from './index.ts';

interface El {
  name: string;
  attrs: Record<string, string>;
  children: El[];
  text: string;
}

/** Parses an SVG string strictly (throws on any well-formedness error) into a small tree. */
function parseSvg(svg: string): El {
  const p = new SaxesParser({ xmlns: false });
  const root: El = { name: '#doc', attrs: {}, children: [], text: '' };
  const stack: El[] = [root];
  p.on('error', (e) => {
    throw e;
  });
  p.on('opentag', (t) => {
    const el: El = { name: t.name, attrs: t.attributes as Record<string, string>, children: [], text: '' };
    stack[stack.length - 1]!.children.push(el);
    stack.push(el);
  });
  p.on('closetag', () => void stack.pop());
  p.on('text', (t) => {
    for (const el of stack) el.text += t;
  });
  p.write(svg).close();
  assert.equal(root.children.length, 1, 'one root element');
  return root.children[0]!;
}

function all(el: El, pred: (e: El) => boolean, out: El[] = []): El[] {
  if (pred(el)) out.push(el);
  for (const c of el.children) all(c, pred, out);
  return out;
}

const SEED_JOB_STATES = ['Creating', 'Shipping', 'Received', 'Transferring', 'Packaging', 'Completed', 'Closed', 'Faulted'];
const SEED_DRIVE_STATES = ['Specified', 'NeverReceived', 'Received', 'Transferring', 'Completed', 'CompletedMoreInfo', 'ShippedBack', 'Faulted'];

describe('life cycles as data (seed 002)', () => {
  test('every state of the seed, and nothing else', () => {
    assert.deepEqual([...JOB_STATES].sort(), [...SEED_JOB_STATES].sort());
    assert.deepEqual([...DRIVE_STATES].sort(), [...SEED_DRIVE_STATES].sort());
    assert.deepEqual(JOB_LIFECYCLE.states.map((s) => s.state), [...JOB_STATES]);
    assert.deepEqual(DRIVE_LIFECYCLE.states.map((s) => s.state), [...DRIVE_STATES]);
    assert.ok(Object.isFrozen(JOB_LIFECYCLE) && Object.isFrozen(JOB_LIFECYCLE.states[0]) && Object.isFrozen(JOB_LIFECYCLE.states[0]!.meaning));
  });

  test('transitions: the normal path, the exceptions, initial and terminal states', () => {
    const arrows = (c: typeof JOB_LIFECYCLE | typeof DRIVE_LIFECYCLE): string[] => c.transitions.map((t) => `${t.from}>${t.to}${t.kind === 'exception' ? '!' : ''}`);
    assert.deepEqual(arrows(JOB_LIFECYCLE), ['Creating>Shipping', 'Shipping>Received', 'Shipping>Closed!', 'Received>Transferring', 'Transferring>Packaging', 'Packaging>Completed', 'Packaging>Closed']);
    assert.deepEqual(arrows(DRIVE_LIFECYCLE), ['Specified>Received', 'Specified>NeverReceived!', 'NeverReceived>Received!', 'Received>Transferring', 'Transferring>Completed', 'Transferring>CompletedMoreInfo', 'Completed>ShippedBack', 'CompletedMoreInfo>ShippedBack']);
    assert.deepEqual(JOB_LIFECYCLE.initial, ['Creating']);
    assert.deepEqual(DRIVE_LIFECYCLE.initial, ['Specified', 'Received'], 'import drives start in Specified, export drives in Received');
    assert.deepEqual(JOB_LIFECYCLE.states.filter((s) => s.terminal).map((s) => s.state), ['Completed', 'Closed']);
    assert.deepEqual(DRIVE_LIFECYCLE.states.filter((s) => s.terminal).map((s) => s.state), ['ShippedBack']);
    assert.equal(DRIVE_LIFECYCLE.states.find((s) => s.state === 'Specified')?.onlyFor, 'import');
  });

  test('timing rules: Creating and Shipping two weeks, Completed and Closed deleted after 90 days', () => {
    const j = (s: string) => JOB_LIFECYCLE.states.find((x) => x.state === s)!;
    assert.deepEqual([j('Creating').maxDays, j('Shipping').maxDays, j('Completed').deletedAfterDays, j('Closed').deletedAfterDays], [14, 14, 90, 90]);
  });

  test('the error tables: five job rows, two drive rows, with the states they apply to', () => {
    assert.deepEqual(JOB_LIFECYCLE.errorCases.map((e) => e.states.join('/')), ['Creating', 'Shipping', 'Completed/Closed', 'Transferring/Packaging', 'Creating/Shipping/Transferring']);
    assert.equal(JOB_LIFECYCLE.errorCases[0]?.alsoWithoutJob, true, '"Creating or Undefined"');
    assert.equal(JOB_LIFECYCLE.errorCases[2]?.exportOnly, true);
    assert.deepEqual(DRIVE_LIFECYCLE.errorCases.map((e) => e.states.join('/')), ['NeverReceived', ''], 'N/A: a drive of no job');
    assert.match(JOB_LIFECYCLE.errorCases[1]!.resolution.en, /30 days/);
    assert.match(JOB_LIFECYCLE.errorCases[3]!.resolution.nl, /90 dagen/);
  });

  test('every state is explained in English and Dutch, differently, with what happens next', () => {
    for (const s of JOB_STATES) {
      const en = describeJobState(s, 'en');
      const nl = describeJobState(s, 'nl');
      assert.ok(en.meaning.length > 30 && en.next.length > 20, s);
      assert.notEqual(en.meaning, nl.meaning, s);
      assert.notEqual(en.next, nl.next, s);
      assert.equal(nl.lang, 'nl');
      assert.equal(en.notes.length, 2);
    }
    for (const s of DRIVE_STATES) {
      const en = describeDriveState(s, 'en');
      const nl = describeDriveState(s, 'nl');
      assert.ok(en.meaning.length > 30 && en.next.length > 20, s);
      assert.notEqual(en.meaning, nl.meaning, s);
    }
    const shipping = describeJobState('Shipping');
    assert.deepEqual(shipping.transitions.map((t) => [t.to, t.kind, t.by]), [['Received', 'normal', 'service'], ['Closed', 'exception', 'operations']]);
    assert.deepEqual(shipping.errorCases.length, 2);
    assert.equal(describeJobState('Completed', 'nl').errorCases[0]?.exportOnly, true);
    assert.match(describeJobState('Closed').next, /waie Logs/);
    assert.match(describeDriveState('CompletedMoreInfo', 'nl').next, /waie Review/);
    assert.throws(() => describeJobState('Nope' as never), RangeError);
  });

  test('parsing states from input, and the drive state a copy log implies', () => {
    assert.equal(parseJobState(' transferring '), 'Transferring');
    assert.equal(parseJobState('COMPLETED'), 'Completed');
    assert.equal(parseJobState('Undefined'), undefined);
    assert.equal(parseJobState(42), undefined);
    assert.equal(parseDriveState('completed more info'), 'CompletedMoreInfo');
    assert.equal(parseDriveState('shipped_back'), 'ShippedBack');
    assert.equal(parseDriveState('Shipping'), undefined);
    assert.equal(driveStateForLogStatus('Completed'), 'Completed');
    assert.equal(driveStateForLogStatus('CompletedWithErrors'), 'CompletedMoreInfo');
    assert.equal(driveStateForLogStatus('CompletedWithWarnings'), 'CompletedMoreInfo');
  });
});

describe('the diagram, for every state', () => {
  const cases: Array<[string, readonly string[], (s: string | undefined, lang: 'en' | 'nl') => string]> = [
    ['job', JOB_STATES, (s, lang) => jobLifecycleSvg(s as never, { lang, idPrefix: `j-${s ?? 'none'}` })],
    ['drive', DRIVE_STATES, (s, lang) => driveLifecycleSvg(s as never, { lang, idPrefix: `d-${s ?? 'none'}` })],
  ];
  for (const [kind, states, render] of cases) {
    for (const lang of ['en', 'nl'] as const) {
      test(`${kind} (${lang}): valid SVG, accessible, exactly the current state highlighted`, () => {
        for (const state of [...states, undefined]) {
          const svg = render(state, lang);
          const root = parseSvg(svg);
          assert.equal(root.name, 'svg');
          assert.equal(root.attrs.xmlns, 'http://www.w3.org/2000/svg');
          assert.equal(root.attrs.role, 'img');
          const label = root.attrs['aria-label'] ?? '';
          assert.ok(label.length > 10);
          if (state) assert.ok(label.includes(state), `${state}: the accessible name names the current state`);
          const title = root.children.find((c) => c.name === 'title');
          assert.ok(title && title.attrs.id === root.attrs['aria-labelledby']);
          assert.equal(title.text, label);
          const desc = root.children.find((c) => c.name === 'desc');
          assert.ok(desc && desc.attrs.id === root.attrs['aria-describedby'] && desc.text.length > 100);
          assert.match(label, lang === 'nl' ? /Levenscyclus/ : /Life cycle/);
          const groups = all(root, (e) => e.name === 'g' && (e.attrs.class ?? '').split(' ').includes('state'));
          assert.deepEqual(groups.map((g) => g.attrs['data-state']).sort(), [...states].sort(), 'a box for every state');
          const current = groups.filter((g) => g.attrs['data-current'] === 'true');
          if (state) {
            assert.equal(current.length, 1, `${state}: one highlighted state`);
            assert.equal(current[0]!.attrs['data-state'], state);
            assert.ok((current[0]!.attrs.class ?? '').includes('current'));
            assert.equal(root.attrs['data-current'], state);
            const rect = current[0]!.children.find((c) => c.name === 'rect')!;
            assert.equal(rect.attrs['stroke-width'], '4', 'thick border, not colour alone');
            assert.ok(all(current[0]!, (e) => e.attrs.class === 'current-label').length === 1);
          } else assert.equal(current.length, 0);
          // Every marker referenced is defined, and ids are unique.
          const ids = all(root, (e) => e.attrs.id !== undefined).map((e) => e.attrs.id!);
          assert.equal(new Set(ids).size, ids.length);
          for (const e of all(root, (x) => x.attrs['marker-end'] !== undefined)) {
            const id = /^url\(#(.+)\)$/.exec(e.attrs['marker-end']!)?.[1];
            assert.ok(id && ids.includes(id), `marker ${id} defined`);
          }
        }
      });
    }
  }

  test('an edge for every transition, dashed for the exceptions', () => {
    const root = parseSvg(jobLifecycleSvg('Creating'));
    const edges = all(root, (e) => e.name === 'path' && (e.attrs.class ?? '').startsWith('edge'));
    assert.deepEqual(
      edges.map((e) => `${e.attrs['data-from']}>${e.attrs['data-to']}${e.attrs['stroke-dasharray'] ? '!' : ''}`).sort(),
      JOB_LIFECYCLE.transitions.map((t) => `${t.from}>${t.to}${t.kind === 'exception' ? '!' : ''}`).sort(),
    );
    const drive = parseSvg(driveLifecycleSvg());
    assert.deepEqual(
      all(drive, (e) => e.name === 'path' && (e.attrs.class ?? '').startsWith('edge')).map((e) => `${e.attrs['data-from']}>${e.attrs['data-to']}${e.attrs['stroke-dasharray'] ? '!' : ''}`).sort(),
      DRIVE_LIFECYCLE.transitions.map((t) => `${t.from}>${t.to}${t.kind === 'exception' ? '!' : ''}`).sort(),
    );
  });

  test('log text cannot break the SVG: a custom title is escaped', () => {
    const svg = jobLifecycleSvg('Packaging', { title: 'a < b & "c" </svg><script>', idPrefix: 'x y/z' });
    const root = parseSvg(svg);
    assert.equal(root.attrs['aria-label'], 'a < b & "c" </svg><script>');
    assert.ok(!svg.includes('<script>'));
    assert.equal(root.attrs['aria-labelledby'], 'x_y_z-title');
  });

  test('both diagrams in one standalone SVG, each with its own highlighted state', () => {
    const root = parseSvg(lifecycleSvg('Transferring', 'CompletedMoreInfo', { lang: 'nl' }));
    assert.equal(root.attrs.role, 'img');
    assert.match(root.attrs['aria-label'] ?? '', /taak: Transferring, schijf: CompletedMoreInfo/);
    const inner = root.children.filter((c) => c.name === 'svg');
    assert.deepEqual(inner.map((s) => [s.attrs['data-kind'], s.attrs['data-current']]), [['job', 'Transferring'], ['drive', 'CompletedMoreInfo']]);
    assert.deepEqual(all(root, (e) => e.attrs['data-current'] === 'true').map((g) => g.attrs['data-state']), ['Transferring', 'CompletedMoreInfo']);
    const ids = all(root, (e) => e.attrs.id !== undefined).map((e) => e.attrs.id);
    assert.equal(new Set(ids).size, ids.length, 'ids unique across both diagrams');
  });
});
