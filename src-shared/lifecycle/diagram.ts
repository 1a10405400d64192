/**
 * Renderer-independent SVG diagrams of the job and drive life cycles (seed `002_…`), with the current
 * state highlighted. Pure functions returning a string: the HTML review report inlines them, the CLI
 * writes them to a file (`waie Status /svg:`), and the wizard can inline them too (React:
 * `dangerouslySetInnerHTML` of a trusted, escaped string, or an `<img src="data:image/svg+xml,…">`).
 *
 * Accessibility: the root `<svg>` has `role="img"`, an `aria-label` naming the current state, and a
 * `<title>` and `<desc>` (the whole path in words), referenced by `aria-labelledby`/`aria-describedby`.
 * The current state is not shown by colour alone: its box has a thick border and the word "current"
 * above it. Each state is a `<g class="state" data-state="…">`; the current one also has
 * `data-current="true"` and the class `current` (tests and styling rely on these).
 */
import { escapeMarkup, num, safeId } from '../svg/markup.ts';
import { DRIVE_LIFECYCLE, JOB_LIFECYCLE } from './data.ts';
import type { DriveLifecycleState, JobLifecycleState, Language, Lifecycle, LifecycleKind } from './types.ts';

/** Options of {@link jobLifecycleSvg} and {@link driveLifecycleSvg}. */
export interface LifecycleSvgOptions {
  /** Language of the title, description and labels (state names stay as the service writes them). Default `en`. */
  lang?: Language;
  /**
   * Prefix of every `id` inside the SVG (arrow markers, title, description). Give each diagram in one
   * HTML document its own prefix; default `lc-job` / `lc-drive`. Sanitised to `[A-Za-z0-9_-]`.
   */
  idPrefix?: string;
  /** Replaces the default title (which names the current state). */
  title?: string;
}

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
  /** Small second line inside the box. */
  sub?: Readonly<Record<Language, string>>;
}

interface Edge {
  from: string;
  to: string;
  /** SVG path data; the arrow head is at its end. */
  d: string;
  exception: boolean;
  label?: { x: number; y: number; text: Readonly<Record<Language, string>>; anchor?: 'start' | 'middle' | 'end' };
}

interface Layout {
  width: number;
  height: number;
  boxes: Readonly<Record<string, Box>>;
  edges: readonly Edge[];
}

const H = 40;
const FRAME = { x: 6, y: 6, w: 888, h: 208 };
const FAULTED: Box = { x: 390, y: 250, w: 120, h: H };

const JOB_LAYOUT: Layout = {
  width: 900,
  height: 300,
  boxes: {
    Creating: { x: 20, y: 80, w: 120, h: H },
    Shipping: { x: 165, y: 80, w: 120, h: H },
    Received: { x: 310, y: 80, w: 120, h: H },
    Transferring: { x: 455, y: 80, w: 120, h: H },
    Packaging: { x: 600, y: 80, w: 120, h: H },
    Completed: { x: 760, y: 26, w: 120, h: H },
    Closed: { x: 760, y: 134, w: 120, h: H },
    Faulted: FAULTED,
  },
  edges: [
    { from: 'Creating', to: 'Shipping', d: 'M140 100 H163', exception: false },
    { from: 'Shipping', to: 'Received', d: 'M285 100 H308', exception: false },
    { from: 'Received', to: 'Transferring', d: 'M430 100 H453', exception: false },
    { from: 'Transferring', to: 'Packaging', d: 'M575 100 H598', exception: false },
    { from: 'Packaging', to: 'Completed', d: 'M720 100 L758 47', exception: false },
    { from: 'Packaging', to: 'Closed', d: 'M720 100 L758 153', exception: false },
    {
      from: 'Shipping',
      to: 'Closed',
      d: 'M225 120 V194 H820 V176',
      exception: true,
      label: { x: 522, y: 188, text: { en: 'package missing, no answer within 30 days', nl: 'pakket ontbreekt, 30 dagen geen antwoord' } },
    },
  ],
};

const DRIVE_LAYOUT: Layout = {
  width: 900,
  height: 300,
  boxes: {
    Specified: { x: 20, y: 20, w: 130, h: H, sub: { en: 'import only', nl: 'alleen import' } },
    NeverReceived: { x: 20, y: 134, w: 130, h: H },
    Received: { x: 200, y: 76, w: 130, h: H, sub: { en: 'export starts here', nl: 'export begint hier' } },
    Transferring: { x: 375, y: 76, w: 120, h: H },
    Completed: { x: 545, y: 26, w: 150, h: H },
    CompletedMoreInfo: { x: 545, y: 126, w: 150, h: H },
    ShippedBack: { x: 750, y: 76, w: 130, h: H },
    Faulted: FAULTED,
  },
  edges: [
    { from: 'Specified', to: 'Received', d: 'M150 40 L198 88', exception: false },
    { from: 'Specified', to: 'NeverReceived', d: 'M85 60 V132', exception: true, label: { x: 92, y: 100, text: { en: 'not in the package', nl: 'niet in het pakket' }, anchor: 'start' } },
    { from: 'NeverReceived', to: 'Received', d: 'M150 154 L198 104', exception: true, label: { x: 180, y: 160, text: { en: 'arrives later', nl: 'komt later aan' }, anchor: 'start' } },
    { from: 'Received', to: 'Transferring', d: 'M330 96 H373', exception: false },
    { from: 'Transferring', to: 'Completed', d: 'M495 96 L543 47', exception: false },
    { from: 'Transferring', to: 'CompletedMoreInfo', d: 'M495 96 L543 145', exception: false },
    { from: 'Completed', to: 'ShippedBack', d: 'M695 46 L748 90', exception: false },
    { from: 'CompletedMoreInfo', to: 'ShippedBack', d: 'M695 146 L748 102', exception: false },
  ],
};

const WORDS = {
  en: {
    jobTitle: 'Life cycle of an Azure Import/Export job',
    driveTitle: 'Life cycle of a drive in an Azure Import/Export job',
    current: 'current',
    currentState: 'current state',
    noCurrent: 'no current state given',
    anyState: 'any state',
    resolved: 'when resolved',
    normal: 'normal path',
    exception: 'only when something goes wrong',
    jobPath: 'Creating, then Shipping, Received, Transferring, Packaging, then Completed (no errors) or Closed (errors). Shipping can go straight to Closed when the package is missing and you do not answer within 30 days. Any state can become Faulted and returns to the right state when the problem is solved.',
    drivePath: 'Import drives start in Specified, export drives in Received. Specified becomes Received, or NeverReceived when the drive is not in the package (it becomes Received if it arrives later). Then Transferring, then Completed (no errors) or CompletedMoreInfo (problems, warnings or notes), then ShippedBack. Any state can become Faulted and returns to the right state when the problem is solved.',
  },
  nl: {
    jobTitle: 'Levenscyclus van een Azure Import/Export-taak',
    driveTitle: 'Levenscyclus van een schijf in een Azure Import/Export-taak',
    current: 'huidig',
    currentState: 'huidige status',
    noCurrent: 'geen huidige status opgegeven',
    anyState: 'elke status',
    resolved: 'na oplossing',
    normal: 'normaal verloop',
    exception: 'alleen als er iets misgaat',
    jobPath: 'Creating, dan Shipping, Received, Transferring, Packaging, dan Completed (geen fouten) of Closed (fouten). Shipping kan direct naar Closed als het pakket ontbreekt en u niet binnen 30 dagen antwoordt. Elke status kan Faulted worden en gaat terug naar de juiste status als het probleem is opgelost.',
    drivePath: 'Importschijven beginnen op Specified, exportschijven op Received. Specified wordt Received, of NeverReceived als de schijf niet in het pakket zit (ze wordt Received als ze later aankomt). Dan Transferring, dan Completed (geen fouten) of CompletedMoreInfo (problemen, waarschuwingen of meldingen), dan ShippedBack. Elke status kan Faulted worden en gaat terug naar de juiste status als het probleem is opgelost.',
  },
} as const;

const STYLE = {
  box: { fill: '#f5f5f5', stroke: '#616161', text: '#242424' },
  faulted: { fill: '#fde7e9', stroke: '#b10e1c', text: '#242424' },
  current: { fill: '#0f6cbd', stroke: '#062f54', text: '#ffffff' },
  currentFaulted: { fill: '#b10e1c', stroke: '#5c0710', text: '#ffffff' },
  edge: '#424242',
  exception: '#8a3707',
};

function render<S extends string>(kind: LifecycleKind, cycle: Lifecycle<S>, layout: Layout, current: S | undefined, opts: LifecycleSvgOptions): string {
  const lang: Language = opts.lang === 'nl' ? 'nl' : 'en';
  const w = WORDS[lang];
  const p = safeId(opts.idPrefix ?? `lc-${kind}`);
  const known = current !== undefined && cycle.states.some((s) => s.state === current) ? current : undefined;
  const baseTitle = kind === 'job' ? w.jobTitle : w.driveTitle;
  const title = opts.title ?? `${baseTitle} (${known !== undefined ? `${w.currentState}: ${known}` : w.noCurrent})`;
  const desc = kind === 'job' ? w.jobPath : w.drivePath;
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" class="lifecycle lifecycle-${kind}" viewBox="0 0 ${layout.width} ${layout.height}" width="${layout.width}" height="${layout.height}" role="img" aria-label="${escapeMarkup(title)}" aria-labelledby="${p}-title" aria-describedby="${p}-desc" data-kind="${kind}"${known !== undefined ? ` data-current="${escapeMarkup(known)}"` : ''} style="max-width:100%;height:auto" font-family="Segoe UI, system-ui, sans-serif">`,
    `<title id="${p}-title">${escapeMarkup(title)}</title>`,
    `<desc id="${p}-desc">${escapeMarkup(desc)}</desc>`,
    `<defs><marker id="${p}-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0 0 L10 5 L0 10 z" fill="${STYLE.edge}"/></marker>` +
      `<marker id="${p}-arrow-x" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0 0 L10 5 L0 10 z" fill="${STYLE.exception}"/></marker></defs>`,
  );
  // "Any state" frame around every state but Faulted, with the arrows to and from Faulted.
  out.push(
    `<rect x="${FRAME.x}" y="${FRAME.y}" width="${FRAME.w}" height="${FRAME.h}" rx="10" fill="none" stroke="#9e9e9e" stroke-dasharray="6 4"/>`,
    `<path d="M440 ${FRAME.y + FRAME.h} V${FAULTED.y - 2}" fill="none" stroke="${STYLE.exception}" stroke-width="1.5" stroke-dasharray="5 3" marker-end="url(#${p}-arrow-x)"/>`,
    `<text x="432" y="238" font-size="11" text-anchor="end" fill="#424242">${escapeMarkup(w.anyState)}</text>`,
    `<path d="M470 ${FAULTED.y} V${FRAME.y + FRAME.h + 2}" fill="none" stroke="${STYLE.exception}" stroke-width="1.5" stroke-dasharray="5 3" marker-end="url(#${p}-arrow-x)"/>`,
    `<text x="478" y="238" font-size="11" fill="#424242">${escapeMarkup(w.resolved)}</text>`,
  );
  for (const e of layout.edges) {
    out.push(
      `<path class="edge${e.exception ? ' exception' : ''}" data-from="${escapeMarkup(e.from)}" data-to="${escapeMarkup(e.to)}" d="${e.d}" fill="none" stroke="${e.exception ? STYLE.exception : STYLE.edge}" stroke-width="1.5"${e.exception ? ' stroke-dasharray="5 3"' : ''} marker-end="url(#${p}-arrow${e.exception ? '-x' : ''})"/>`,
    );
    if (e.label) out.push(`<text x="${num(e.label.x)}" y="${num(e.label.y)}" font-size="11" text-anchor="${e.label.anchor ?? 'middle'}" fill="${STYLE.exception}">${escapeMarkup(e.label.text[lang])}</text>`);
  }
  for (const info of cycle.states) {
    const b = layout.boxes[info.state];
    if (!b) continue;
    const isCurrent = info.state === known;
    const faulted = info.state === 'Faulted';
    const c = isCurrent ? (faulted ? STYLE.currentFaulted : STYLE.current) : faulted ? STYLE.faulted : STYLE.box;
    const cx = b.x + b.w / 2;
    const nameY = b.sub ? b.y + 17 : b.y + b.h / 2 + 5;
    const parts = [
      `<g class="state${isCurrent ? ' current' : ''}" data-state="${escapeMarkup(info.state)}"${isCurrent ? ' data-current="true"' : ''}>`,
      `<title>${escapeMarkup(`${info.state}${isCurrent ? ` (${w.current})` : ''}: ${info.meaning[lang]}`)}</title>`,
      `<rect x="${num(b.x)}" y="${num(b.y)}" width="${num(b.w)}" height="${num(b.h)}" rx="${info.terminal ? 4 : 8}" fill="${c.fill}" stroke="${c.stroke}" stroke-width="${isCurrent ? 4 : 1.5}"/>`,
      `<text x="${num(cx)}" y="${num(nameY)}" font-size="13" text-anchor="middle" fill="${c.text}"${isCurrent ? ' font-weight="700"' : ''}>${escapeMarkup(info.state)}</text>`,
    ];
    if (b.sub) parts.push(`<text x="${num(cx)}" y="${num(b.y + 33)}" font-size="10" text-anchor="middle" fill="${c.text}">${escapeMarkup(b.sub[lang])}</text>`);
    if (isCurrent) {
      // Above the box; Faulted sits at the bottom edge, so its label goes to its right.
      const side = b.y >= FAULTED.y;
      const at = side ? `x="${num(b.x + b.w + 8)}" y="${num(b.y + b.h / 2 + 4)}" text-anchor="start"` : `x="${num(cx)}" y="${num(b.y - 5)}" text-anchor="middle"`;
      parts.push(`<text class="current-label" ${at} font-size="11" font-weight="700" fill="${c.stroke}">${side ? '◀' : '▼'} ${escapeMarkup(w.current)}</text>`);
    }
    parts.push('</g>');
    out.push(parts.join(''));
  }
  // Legend.
  out.push(
    `<g class="legend" font-size="11" fill="#424242">` +
      `<path d="M20 262 H52" stroke="${STYLE.edge}" stroke-width="1.5" marker-end="url(#${p}-arrow)"/><text x="60" y="266">${escapeMarkup(w.normal)}</text>` +
      `<path d="M20 284 H52" stroke="${STYLE.exception}" stroke-width="1.5" stroke-dasharray="5 3" marker-end="url(#${p}-arrow-x)"/><text x="60" y="288">${escapeMarkup(w.exception)}</text>` +
      `<rect x="600" y="255" width="28" height="14" rx="4" fill="${STYLE.current.fill}" stroke="${STYLE.current.stroke}" stroke-width="3"/><text x="636" y="266">${escapeMarkup(w.currentState)}</text>` +
      `</g>`,
  );
  out.push('</svg>');
  return out.join('\n');
}

/**
 * The job life cycle as an SVG string (900 × 300 user units, `viewBox` set, scales down with
 * `max-width:100%`), `current` highlighted (none when undefined or not a job state). Seed 002's path:
 * Creating → Shipping → Received → Transferring → Packaging → Completed | Closed, the exception
 * Shipping → Closed (30 days without an answer), and Faulted reachable from any state. Never throws.
 */
export function jobLifecycleSvg(current?: JobLifecycleState, opts: LifecycleSvgOptions = {}): string {
  return render('job', JOB_LIFECYCLE, JOB_LAYOUT, current, opts);
}

/**
 * The drive life cycle as an SVG string (900 × 300), `current` highlighted: Specified (import) /
 * Received (export starts here) → Transferring → Completed | CompletedMoreInfo → ShippedBack, the
 * exceptions Specified → NeverReceived → Received, and Faulted from any state (seed 002). Never throws.
 */
export function driveLifecycleSvg(current?: DriveLifecycleState, opts: LifecycleSvgOptions = {}): string {
  return render('drive', DRIVE_LIFECYCLE, DRIVE_LAYOUT, current, opts);
}

/**
 * Both diagrams in one standalone SVG document (900 × 610): the job cycle above the drive cycle, each
 * with its own highlighted state (either may be undefined). The outer `<svg>` is `role="img"` with an
 * `aria-label` naming both states; the inner ones keep their titles. For `waie Status /svg:`.
 */
export function lifecycleSvg(job?: JobLifecycleState, drive?: DriveLifecycleState, opts: Omit<LifecycleSvgOptions, 'title'> = {}): string {
  const lang: Language = opts.lang === 'nl' ? 'nl' : 'en';
  const p = safeId(opts.idPrefix ?? 'lc');
  const w = WORDS[lang];
  const label =
    lang === 'nl'
      ? `Levenscycli van taak en schijf (taak: ${job ?? '—'}, schijf: ${drive ?? '—'})`
      : `Job and drive life cycles (job: ${job ?? '—'}, drive: ${drive ?? '—'})`;
  const inner = (svg: string, y: number): string => svg.replace(/^<svg /, `<svg x="0" y="${y}" `);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 900 610" width="900" height="610" role="img" aria-label="${escapeMarkup(label)}" aria-labelledby="${p}-title">`,
    `<title id="${p}-title">${escapeMarkup(label)}</title>`,
    `<desc>${escapeMarkup(`${w.jobPath} ${w.drivePath}`)}</desc>`,
    inner(jobLifecycleSvg(job, { lang, idPrefix: `${p}-job` }), 0),
    inner(driveLifecycleSvg(drive, { lang, idPrefix: `${p}-drive` }), 310),
    '</svg>',
  ].join('\n');
}
