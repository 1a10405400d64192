/**
 * The review as a self-contained HTML report (`waie Review /html:`; the wizard can save the same):
 * one file, no script, no external resource, CSP `default-src 'none'; style-src 'unsafe-inline';
 * img-src data:`. Charts are inline SVG (status bar charts, a failure strip per file, the drive's place
 * in the life cycle of seed 002), each `role="img"` with an accessible name; every chart's numbers are
 * also in a table. English or Dutch (the model's language). Style follows `services/report.ts`.
 */
import { driveLifecycleSvg } from '../../../src-shared/lifecycle/index.ts';
import { barChartSvg, formatBytes, stripSvg, type CountBar, type ReviewFailure, type ReviewModel } from '../../../src-shared/review/index.ts';
import { escapeMarkup as esc } from '../../../src-shared/svg/markup.ts';
import { LABELS } from './texts.ts';

/** The report's Content-Security-Policy (also what the browser test checks). */
export const REVIEW_REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

/** Most failure strips drawn in one report (the table lists every listed failure). */
export const MAX_STRIPS = 50;

/** Most ranges written out per failure in the table (the strip shows them all). */
const RANGES_IN_TABLE = 8;

/** Escapes `s` and shows `…` spans (commands in the status texts) as `<code>`. */
export function richText(s: string): string {
  return esc(s).replace(/`([^`]+)`/g, '<code>$1</code>');
}

const n = (x: number, lang: 'en' | 'nl'): string => x.toLocaleString(lang === 'nl' ? 'nl-NL' : 'en-US');

function countsTable(bars: readonly CountBar[], lang: 'en' | 'nl'): string {
  const L = LABELS[lang];
  return `<table><thead><tr><th scope="col">${L.status}</th><th scope="col">${L.count}</th><th scope="col">${L.meaning}</th></tr></thead><tbody>${bars
    .map((b) => `<tr><td><code>${esc(b.code)}</code></td><td class="num">${n(b.count, lang)}</td><td><span class="sev ${b.severity}">${esc(b.title)}</span></td></tr>`)
    .join('')}</tbody></table>`;
}

function failureWhat(f: ReviewFailure, lang: 'en' | 'nl'): string {
  const L = LABELS[lang];
  const parts: string[] = [];
  if (f.kind === 'entity') {
    const e = f.entity ?? {};
    parts.push(`<code>${esc(f.status)}</code>${e.errorCode ? ` (${esc(e.errorCode)})` : ''}${e.errorMessage ? `: ${esc(e.errorMessage)}` : ''}`);
  } else {
    parts.push(`<code>${esc(f.status)}</code> ${esc(f.statusTitle)}`);
    if (f.whole) parts.push(`<em>${L.wholeFile}</em>`);
    if (f.failedRanges.length) {
      const shown = f.failedRanges.slice(0, RANGES_IN_TABLE).map((r) => `${n(r.offset, lang)}+${n(r.length, lang)} <code>${esc(r.status)}</code>`);
      const more = f.failedRangeCount - shown.length;
      parts.push(`<span class="ranges">${shown.join('; ')}${more > 0 ? `; … ${n(more, lang)} ${L.moreRanges}` : ''}</span>`);
    }
    if (f.propertiesStatus && f.propertiesStatus !== 'Completed') parts.push(`${L.properties}: <code>${esc(f.propertiesStatus)}</code>`);
    if (f.metadataStatus && f.metadataStatus !== 'Completed') parts.push(`${L.metadata}: <code>${esc(f.metadataStatus)}</code>`);
    if (f.disposition?.status) parts.push(`ImportDisposition: <code>${esc(f.disposition.status)}</code>${f.disposition.requested ? ` (${esc(f.disposition.requested)})` : ''}`);
  }
  return parts.join('<br>');
}

/**
 * The HTML report of `model` (a complete document, UTF-8). Headings: the title (h1), then h2 per
 * section: drive status, where the drive is (when the log has a drive status), export or import,
 * repair, in numbers, status breakdown (bar charts + tables), where the failures sit (strips, at most
 * {@link MAX_STRIPS}), failed items, import rules applied (import logs), manifest, summary codes, notes.
 */
export function reviewHtml(model: ReviewModel): string {
  const lang = model.lang === 'nl' ? 'nl' : 'en';
  const L = LABELS[lang];
  const title = `${L.reportTitle} — ${L.drive} ${model.driveId ?? '?'}`;
  const s: string[] = [];
  s.push(`<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${REVIEW_REPORT_CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>
body{font-family:"Segoe UI",system-ui,sans-serif;margin:2rem;color:#242424;line-height:1.4;max-width:70rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}td,th{border:1px solid #d1d1d1;padding:.35rem .5rem;text-align:left;vertical-align:top}th{background:#f5f5f5}
td.num{text-align:right;font-variant-numeric:tabular-nums}code{font-family:Consolas,"Cascadia Mono",monospace;font-size:.92em}
pre{background:#f5f5f5;border:1px solid #d1d1d1;padding:.6rem;white-space:pre-wrap;word-break:break-all}
.sev{font-weight:600}.sev.ok{color:#0e700e}.sev.warning{color:#8a3707}.sev.error{color:#b10e1c}
.badge{display:inline-block;padding:.1rem .5rem;border-radius:.3rem;color:#fff;font-weight:600}.badge.ok{background:#107c10}.badge.warning{background:#bc4b09}.badge.error{background:#c50f1f}
figure{margin:.5rem 0 1rem}figcaption{font-weight:600;margin-bottom:.25rem}.ranges{font-size:.9em}.meta{color:#616161}
dl.numbers{display:grid;grid-template-columns:max-content auto;gap:.2rem 1rem}dl.numbers dt{font-weight:600}dl.numbers dd{margin:0;font-variant-numeric:tabular-nums}
details{margin:.25rem 0 1rem}
</style>
</head><body><main>
<h1>${esc(title)}</h1>
<p class="meta">${L.generated} <code>${esc(model.path)}</code> · ${esc(model.variant)}${model.version ? ` ${esc(model.version)}` : ''}</p>`);

  // Drive status.
  s.push(`<section aria-labelledby="h-drive"><h2 id="h-drive">${L.driveStatus}</h2>
<p><span class="badge ${model.drive.severity}">${esc(model.drive.status ?? '—')}</span> <strong>${esc(model.drive.title)}</strong></p>
<p>${richText(model.drive.explanation)}</p><p><strong>${L.nextStep}:</strong> ${richText(model.drive.nextStep)}</p></section>`);
  if (model.drive.lifecycleState) {
    s.push(`<section aria-labelledby="h-where"><h2 id="h-where">${L.whereDrive}</h2>${driveLifecycleSvg(model.drive.lifecycleState, { lang, idPrefix: 'lc-drive' })}<p>${esc(L.whereDriveNote)}</p></section>`);
  }

  // Export or import, and the repair.
  s.push(`<section aria-labelledby="h-kind"><h2 id="h-kind">${L.jobKind}</h2><p>${richText(model.jobKind.reason)}</p></section>`);
  s.push(`<section aria-labelledby="h-repair"><h2 id="h-repair">${L.repair}</h2><p>${richText(model.repair.advice)}</p>${
    model.repair.commandLine ? `<p>${L.commandLine}:</p><pre><code>${esc(model.repair.commandLine)}</code></pre>` : ''
  }</section>`);

  // Numbers.
  const t = model.totals;
  const row = (k: string, v: string): string => `<dt>${k}</dt><dd>${v}</dd>`;
  s.push(`<section aria-labelledby="h-numbers"><h2 id="h-numbers">${L.numbers}</h2><dl class="numbers">${[
    row(L.items, n(t.items, lang)),
    row(L.failedItems, n(model.failedBlobCount, lang)),
    row(L.bytesTotal, `${n(t.bytes, lang)} (${formatBytes(t.bytes)})`),
    row(L.bytesAffected, `${n(model.bytesAffected, lang)} (${formatBytes(model.bytesAffected)})`),
    row(L.ranges, n(t.ranges, lang)),
    row(L.failedRanges, n(t.failedRanges, lang)),
    row(L.sidecarFailures, n(t.sidecarFailures, lang)),
    row(L.repairableItems, n(model.repair.repairable, lang)),
    row(L.notRepairableItems, n(model.repair.notRepairable, lang)),
  ].join('')}</dl></section>`);

  // Charts.
  const charts: Array<[string, string, CountBar[]]> = [
    ['blob', L.chartBlob, model.charts.blobStatus],
    ['range', L.chartRange, model.charts.rangeStatus],
    ['disposition', L.chartDisposition, model.charts.dispositionStatus],
    ['entity', L.chartEntity, model.charts.entityCategory],
  ];
  const figures = charts
    .filter(([, , bars]) => bars.length > 0)
    .map(([id, caption, bars]) => `<figure><figcaption>${esc(caption)}</figcaption>${barChartSvg({ title: caption, bars, idPrefix: `chart-${id}`, otherLabel: lang === 'nl' ? 'overige' : 'other' })}<details><summary>${L.countsTable}</summary>${countsTable(bars, lang)}</details></figure>`);
  if (figures.length) s.push(`<section aria-labelledby="h-charts"><h2 id="h-charts">${L.charts}</h2>${figures.join('\n')}</section>`);

  // Strips.
  const withStrip = model.failedBlobs.filter((f) => f.strip && f.strip.segments.length > 0);
  if (withStrip.length) {
    const strips = withStrip.slice(0, MAX_STRIPS).map((f, i) => {
      const strip = f.strip!;
      const failedBytes = strip.segments.reduce((a, g) => a + (g.end - g.start), 0);
      const label = `${L.failuresIn} ${f.filePath}: ${n(strip.segments.length, lang)} ${L.runs}, ${formatBytes(failedBytes)} ${L.of} ${formatBytes(strip.length)}${strip.binned ? ` (${L.approx})` : ''}`;
      return `<figure><figcaption><code>${esc(f.filePath)}</code></figcaption>${stripSvg({ title: label, strip, idPrefix: `strip-${i}` })}</figure>`;
    });
    const more = withStrip.length - strips.length;
    s.push(`<section aria-labelledby="h-strips"><h2 id="h-strips">${L.whereFailures}</h2><p>${esc(L.whereFailuresNote)}</p>${strips.join('\n')}${more > 0 ? `<p>${esc(L.notListed(more, lang === 'nl' ? 'bestanden' : 'files'))}</p>` : ''}</section>`);
  }

  // Failed items.
  const fRows = model.failedBlobs.map(
    (f) =>
      `<tr><td><code>${esc(f.filePath)}</code><br><span class="meta">${esc(f.blobPath)} · ${L.line} ${f.line}${f.inManifest === undefined ? '' : ` · ${f.inManifest ? L.inManifest : L.notInManifest}`}</span></td><td>${failureWhat(f, lang)}</td><td class="num">${f.bytesAffected > 0 ? formatBytes(f.bytesAffected) : '—'}</td><td><span class="sev ${f.repairable ? 'ok' : 'error'}">${f.repairable ? L.yes : L.no}</span>${f.command ? ` (<code>${f.command}</code>)` : ''}<br>${richText(f.why)}</td><td>${richText(f.nextStep)}</td></tr>`,
  );
  s.push(
    `<section aria-labelledby="h-failures"><h2 id="h-failures">${L.failures}</h2>${
      fRows.length
        ? `<table><thead><tr><th scope="col">${L.file}</th><th scope="col">${L.what}</th><th scope="col">${L.bytes}</th><th scope="col">${L.canRepair}</th><th scope="col">${L.nextStep}</th></tr></thead><tbody>${fRows.join('\n')}</tbody></table>`
        : `<p>${L.noFailures}</p>`
    }${model.failuresNotListed > 0 ? `<p>${esc(L.notListed(model.failuresNotListed, lang === 'nl' ? 'mislukte items' : 'failed items'))}</p>` : ''}</section>`,
  );

  // Dispositions.
  if (model.dispositions.length || Object.keys(model.counts.disposition).length) {
    const dRows = model.dispositions.map(
      (d) => `<tr><td><code>${esc(d.filePath)}</code></td><td><code>${esc(d.blobPath)}</code>${d.originalBlobPath ? `<br><span class="meta">${L.renamedFrom}: <code>${esc(d.originalBlobPath)}</code></span>` : ''}</td><td>${esc(d.requested ?? '')}</td><td><span class="sev ${d.severity}">${esc(d.status)}</span> ${esc(d.statusTitle)}</td></tr>`,
    );
    s.push(
      `<section aria-labelledby="h-disp"><h2 id="h-disp">${L.dispositions}</h2><p>${esc(L.dispositionsNote)}</p>${
        dRows.length ? `<table><thead><tr><th scope="col">${L.file}</th><th scope="col">${L.blob}</th><th scope="col">${L.requested}</th><th scope="col">${L.status}</th></tr></thead><tbody>${dRows.join('\n')}</tbody></table>` : ''
      }${model.dispositionsNotListed > 0 ? `<p>${esc(L.notListed(model.dispositionsNotListed, 'ImportDisposition'))}</p>` : ''}</section>`,
    );
  }

  // Manifest.
  if (model.manifest) {
    const m = model.manifest;
    s.push(
      `<section aria-labelledby="h-manifest"><h2 id="h-manifest">${L.manifest}</h2><p><code>${esc(m.path)}</code> · DriveId <code>${esc(m.driveId)}</code>${m.version ? ` · ${esc(m.version)}` : ''} · ${n(m.blobs, lang)} blobs · ${formatBytes(m.bytes)}</p>${
        m.driveIdMatches === undefined ? '' : `<p class="sev ${m.driveIdMatches ? 'ok' : 'error'}">${esc(m.driveIdMatches ? L.manifestMatch : L.manifestMismatch)}</p>`
      }</section>`,
    );
  }

  if (model.summaryCodes.length) {
    s.push(
      `<section aria-labelledby="h-summary"><h2 id="h-summary">${L.summaryCodes}</h2><table><thead><tr><th scope="col">Group</th><th scope="col">Code</th><th scope="col">${L.count}</th><th scope="col">Description</th></tr></thead><tbody>${model.summaryCodes
        .map((c) => `<tr><td>${esc(c.group)}</td><td><code>${esc(c.code)}</code></td><td class="num">${n(c.count, lang)}</td><td>${esc(c.description ?? '')}</td></tr>`)
        .join('')}</tbody></table></section>`,
    );
  }
  if (model.notes.length) s.push(`<section aria-labelledby="h-notes"><h2 id="h-notes">${L.notes}</h2><ul>${model.notes.map((x) => `<li>${richText(x)}</li>`).join('')}</ul></section>`);
  s.push('</main></body></html>\n');
  return s.join('\n');
}
