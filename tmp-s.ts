import { readCopyLog } from './src-main/engine/formats/copy-log.ts';
import { readManifest } from './src-main/engine/formats/manifest.ts';
const dir = 'src-main/engine/formats/fixtures/';
for (const f of ['seed000-verbose.xml','seed000-verbose-crlf-bom.xml','seed000-error.xml','seed000-import-error.xml','seed000-export-error.xml','seed003-copylog.xml','databox2018-verbose.xml','databox2018-error.xml','copylog2021.xml','verbose2021.xml']) {
  try { const items=[]; for await (const it of readCopyLog(dir+f)) items.push(it); console.log(f, JSON.stringify(items)); } catch (e) { console.log(f, 'ERR', (e as Error).message); }
}
for (const f of ['seed003-manifest.xml','seed003-manifest-crlf-bom.xml']) {
  try { const items=[]; for await (const it of readManifest(dir+f)) items.push(it); console.log(f, JSON.stringify(items)); } catch (e) { console.log(f, 'ERR', (e as Error).message); }
}
