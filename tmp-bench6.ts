import { readXmlEvents } from './src-main/engine/formats/xml-reader.ts';
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
const file = process.argv[2] as string;
const out = createWriteStream(file);
out.write('<DriveLog><DriveId>X</DriveId>\n');
for (let i = 0; i < 200000; i++) { if (!out.write(`  <Blob Status="Failed">\n    <BlobPath>c/blob-${i}</BlobPath>\n    <FilePath>\\blob-${i}</FilePath>\n    <Length>${i}</Length>\n    <BlockList><Block Offset="0" Length="${i}" Hash="9C8AE14A55241F98533C4D80D85CDC68" Status="Failed"/></BlockList>\n  </Blob>\n`)) await once(out, 'drain'); }
out.end('<Status>X</Status></DriveLog>'); await once(out, 'finish');
for (const hw of [65536, 65536, 1<<20]) {
const t = Date.now(); let n = 0;
for await (const b of readXmlEvents(file, { chunkBytes: hw })) n += b.length;
console.log('events', hw, n, Date.now() - t);
}
